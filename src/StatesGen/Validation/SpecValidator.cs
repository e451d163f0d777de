using StatesGen.Generator.Model;
using StatesGen.Generator.Parsing;

namespace StatesGen.Generator.Validation
{
    /// <summary>
    /// The validation stage: runs every rule family over the spec the parser built, so one build reports every
    /// problem of a file, each at its JSON token. Field rules come first, then the graph rules (they treat a state with
    /// a problem inside a transition field as uncertain), then the variable scopes.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Here: Retry/Catch (RetryCatchRules), Task and machine timeouts (TaskRules), Wait (WaitRules), Fail (FailRules),
    /// Map limits, exclusive fields, Label and Distributed-only fields (MapRules), the Distributed Map's ProcessorConfig,
    /// ItemReader and ResultWriter (DistributedMapRules), Choice operands (ChoiceRules), the
    /// transition graph (GraphRules) and variable scopes (VariableRules). The parser gives them typed facts with spans
    /// (Model/FieldFacts.cs: NumberField, TextField, FieldSet), never syntax nodes.
    /// </para>
    /// <para>
    /// Stays in the parser, because it is about the JSON's shape or the parser needs it to build the spec at all:
    /// a field of the wrong JSON type where the spec keeps no value for it (a non-string Next, a non-array Retry, a
    /// non-object retrier, ItemBatcher or ProcessorConfig), unknown field names and JSONPath-only/JSONata-only fields
    /// (CheckFields), required fields whose absence leaves nothing to build (StartAt, States, Type, Resource, a
    /// catcher's Next, ErrorEquals, Choices, a Choice rule's operator and Variable), fixed-set strings read into enums
    /// (QueryLanguage, Mode, JitterStrategy, InputType...), duplicate and over-long state names, and the syntax of
    /// paths, payload templates, intrinsic functions and JSONata expressions, which are parsed into the spec.
    /// </para>
    /// <para>
    /// Not moved yet, though they are value checks: CSVHeaders required by CSVHeaderLocation GIVEN, WriterConfig's
    /// OutputType, Credentials' RoleArn, and Version. They need a few more facts in the spec (sub-objects' FieldSets).
    /// </para>
    /// </remarks>
    internal static class SpecValidator
    {
        public static void Validate(StateMachineModel machine, ProblemList problems)
        {
            TaskRules.CheckMachine(machine, problems);
            foreach (var block in machine.Blocks)
            {
                foreach (var state in block.States)
                {
                    RetryCatchRules.Check(state, problems);
                    switch (state)
                    {
                        case TaskState task: TaskRules.Check(task, problems); break;
                        case WaitState wait: WaitRules.Check(wait, problems); break;
                        case FailState fail: FailRules.Check(fail, problems); break;
                        case MapState map:
                            MapRules.Check(map, problems);
                            DistributedMapRules.Check(map, problems);
                            break;
                        case ChoiceState choice: ChoiceRules.Check(choice, problems); break;
                    }
                }
            }
            foreach (var block in machine.Blocks)
            {
                GraphRules.CheckTransitions(block, problems);
                GraphRules.CheckGraph(block, problems);
            }
            if (machine.Main != null) VariableRules.Check(machine, problems);
        }
    }
}
