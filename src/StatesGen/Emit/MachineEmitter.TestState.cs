using System.Collections.Generic;
using StatesGen.Generator.Model;
using System.Linq;

namespace StatesGen.Generator.Emit
{
    // TestStateAsync: one state run on its own, as AWS Step Functions' TestState API runs it. There is no second copy
    // of any state's code: the generated method starts the state's own States block at that state (each block's state
    // loop takes its first state), and the runtime stops the loop where the next state would be entered. The steps of
    // input and output processing are reported through x.Inspect/x.Inspected calls in the states' code, a null check
    // each when no TestState runs.
    internal sealed partial class MachineEmitter
    {
        private const string TestStateStep = "global::StatesGen.CompilerServices.TestStateStep";

        /// <summary>Reports a step of the state's processing (TestState inspection data) from a local.</summary>
        private static void Inspect(SourceWriter w, string step, string value) => w.Line($"x.Inspect({TestStateStep}.{step}, {value});");

        /// <summary>Reports a step of the state's processing inside an expression; the expression's value is unchanged.</summary>
        private static string Inspected(string step, string value) => $"x.Inspected({TestStateStep}.{step}, {value})";

        /// <summary>The field with the names of the variables a block assigns (its scope's slots).</summary>
        private string VariableNames(BlockModel block) =>
            _expr.Field("string[]", "new string[] { " + string.Join(", ", block.Variables.Select(Literals.String)) + " }", "variablesOf" + block.MethodName);

        private void EmitTestState(SourceWriter w)
        {
            w.Summary("Runs one state on its own, as AWS Step Functions' TestState API does: its input processing, its task (the handler, or the mock of the options), its result processing, then stops where an execution would go on: Choice picks the next state, Wait does not wait, a retry is reported instead of run, a caught error gives the catcher's output and Next.");
            w.Line("/// <param name=\"stateName\">The state to run: any state of the machine, states inside Parallel branches and Map processors included.</param>");
            w.Line("/// <param name=\"input\">The state's input.</param>");
            w.Line("/// <param name=\"options\">Inspection level, mock result or error, variables, context fields and retry count; null for the defaults.</param>");
            w.Line("/// <param name=\"cancellationToken\">Stops the state; surfaces as OperationCanceledException.</param>");
            w.Line("/// <returns>The status, output or error, next state and inspection data.</returns>");
            w.Line("/// <exception cref=\"global::System.ArgumentException\">The machine has no such state, or the options do not fit it (a mock on a state without work, no mock for a Map or Parallel state, a mock result and a mock error together).</exception>");
            w.Open($"public global::System.Threading.Tasks.Task<global::StatesGen.TestStateResult> TestStateAsync(string stateName, {JsonNode}? input, global::StatesGen.TestStateOptions? options = null, global::System.Threading.CancellationToken cancellationToken = default)");
            w.Line($"return {Execution}.TestStateAsync(s_machine, _handler, _options, stateName, input, options, Run, cancellationToken);");
            w.Line();
            w.Line("// Each state starts its own States block at itself; a nested block runs below the variable scopes");
            w.Line("// of the blocks around it.");
            w.Line($"static {ValueTaskOfNode} Run(string name, {JsonNode}? stateInput, {Execution} x) => name switch");
            w.Line("{");
            w.Indent();
            foreach (var block in Blocks())
            {
                if (block.States.Count == 0 || block.StartAt == null) continue;
                var path = block.Parent < 0 ? "x" : $"x.TestScopes(new string[]?[] {{ {string.Join(", ", EnclosingScopes(block))} }})";
                foreach (var s in block.States)
                    w.Line($"{Literals.String(s.Name)} => {block.MethodName}({block.EnumName}.{s.Identifier}, stateInput, {path}),");
            }
            w.Line("_ => throw x.UnknownTestState(name),");
            w.Outdent();
            w.Line("};");
            w.Close();
        }

        private IEnumerable<BlockModel> Blocks()
        {
            yield return _machine.Main;
            foreach (var block in _machine.Blocks)
                if (block != _machine.Main) yield return block;
        }

        /// <summary>The variable scopes around a nested block, outermost first: a names field, or null for a block that assigns none.</summary>
        private List<string> EnclosingScopes(BlockModel block)
        {
            var scopes = new List<string>();
            for (int outer = block.Parent; outer >= 0; outer = _machine.Blocks[outer].Parent)
                scopes.Insert(0, _machine.Blocks[outer].Variables.Count > 0 ? VariableNames(_machine.Blocks[outer]) : "null");
            return scopes;
        }
    }
}
