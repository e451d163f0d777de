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
    /// What stays in the parser (Parsing/), because it is about the JSON's shape, not about values the spec holds:
    /// a field of the wrong JSON type where the spec keeps no value for it (a non-string Next, a non-array Retry, a
    /// non-object retrier, ItemBatcher or ProcessorConfig), unknown field names and JSONPath-only/JSONata-only fields
    /// (CheckFields), required fields whose absence leaves nothing to build (StartAt, States, Type, Resource, a
    /// catcher's Next, ErrorEquals), fixed-set strings read into enums (QueryLanguage, Mode, JitterStrategy, InputType),
    /// duplicate state names, and the syntax of paths, payload templates, intrinsic functions, JSONata expressions and
    /// Choice rules, which the parser must understand to build their spec at all.
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
                        case MapState map: MapRules.Check(map, problems); break;
                    }
                }
            }
            foreach (var block in machine.Blocks)
            {
                GraphRules.CheckTransitions(block, problems);
                GraphRules.CheckGraph(block, problems);
            }
            if (machine.Main != null) VariableRules.Resolve(machine, problems);
        }
    }
}
