using System.Collections.Generic;
using System.Globalization;
using StatesGen.Generator.Model;

namespace StatesGen.Generator.Emit
{
    /// <summary>
    /// JSONata states. Each evaluation phase of a state (before the work: Arguments, Items, limits, Condition; after
    /// it: Output and Assign) gets one binding set: $states ({input, result | errorOutput, context}) and the workflow
    /// variables its expressions read, bound by build-time resolved slot. Expressions are parsed once per class.
    /// Output and Assign see the same values; variables are stored only after both are computed.
    /// </summary>
    internal sealed partial class MachineEmitter
    {
        private static IEnumerable<JsonataModel> Expressions(PayloadModel? payload)
        {
            switch (payload)
            {
                case PayloadJsonata j: yield return j.Expression; break;
                case PayloadObject o: foreach (var f in o.Fields) foreach (var e in Expressions(f.Value)) yield return e; break;
                case PayloadArray a: foreach (var i in a.Items) foreach (var e in Expressions(i)) yield return e; break;
            }
        }

        private static List<JsonataModel> Collect(params object?[] parts)
        {
            var list = new List<JsonataModel>();
            foreach (var part in parts)
            {
                switch (part)
                {
                    case JsonataModel m: list.Add(m); break;
                    case PayloadModel p: list.AddRange(Expressions(p)); break;
                    case AssignModel a: foreach (var e in a.Entries) list.AddRange(Expressions(e.Value)); break;
                }
            }
            return list;
        }

        /// <summary>
        /// Declares the phase's bindings when any expression needs them; returns false when the phase has none.
        /// <paramref name="create"/> builds $states given the context expression ("null" when no expression reads it).
        /// </summary>
        private bool JsonataPhase(SourceWriter w, string name, List<JsonataModel> expressions, System.Func<string, string> create, ContextSource context)
        {
            if (expressions.Count == 0) return false;
            bool usesContext = expressions.Exists(e => e.UsesContext);
            if (usesContext) _expr.ReadsContext = true;
            w.Line($"var {name} = {create(usesContext ? context.Expression : "null")};");
            var bound = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var e in expressions)
                foreach (var v in e.Variables)
                    if (_machine.BindingOf(v) is { Depth: >= 0 } b && bound.Add(v.Name))
                        w.Line($"{name}.Bind({Literals.String(v.Name)}, {b.Depth.ToString(CultureInfo.InvariantCulture)}, {b.Slot.ToString(CultureInfo.InvariantCulture)});");
            _expr.JsonataScope = name;
            return true;
        }

        private string Value(PayloadModel payload) => _expr.Payload(payload, "input", ContextSource.State());

        private string Value(JsonataModel expression) => _expr.JsonataValue(expression);

        /// <summary>The end of a JSONata state: Assign and Output on the same bindings, then store, then return.</summary>
        private void JsonataFinish(SourceWriter w, StateModel s, string defaultOutput, string? result, ContextSource context)
        {
            var phase = Collect(s.Output, s.Assign);
            if (result != null) JsonataPhase(w, "after", phase, c => $"x.JsonataScope(input, {c}, {result})", context);
            else JsonataPhase(w, "after", phase, c => $"x.JsonataScope(input, {c})", context);
            var assigned = EvaluateAssign(w, s.Assign, "input", ContextSource.State());
            w.Line($"{JsonNode}? output = {(s.Output != null ? Value(s.Output) : defaultOutput)};");
            CommitAssign(w, s.Assign, assigned);
            w.Line("return output;");
        }

        private void EmitJsonataPass(SourceWriter w, PassState p)
        {
            Doc(w, p);
            w.Open($"private static {JsonNode}? {p.Method}({JsonNode}? input, {Execution} x)");
            JsonataFinish(w, p, "input", null, ContextSource.State());
            w.Close();
            w.Line();
        }

        private void EmitJsonataWait(SourceWriter w, WaitState s)
        {
            Doc(w, s);
            w.Open($"private static async {ValueTaskOfNode} {s.Method}({JsonNode}? input, {Execution} x)");
            if (JsonataPhase(w, "before", Collect(s.SecondsExpression, s.TimestampExpression), c => $"x.JsonataScope(input, {c})", ContextSource.State()))
            {
                if (s.SecondsExpression != null) w.Line($"await x.WaitSecondsAsync(x.JsonataWaitSeconds({Value(s.SecondsExpression)})){ConfigureAwait};");
                else w.Line($"await x.WaitUntilAsync(x.JsonataTimestamp({Value(s.TimestampExpression!)})){ConfigureAwait};");
            }
            else if (s.Seconds != null)
                w.Line($"await x.WaitSecondsAsync({s.Seconds.Value.ToString(CultureInfo.InvariantCulture)}L){ConfigureAwait};");
            else if (s.Timestamp != null)
            {
                var field = _expr.Field("global::System.DateTimeOffset", $"global::StatesGen.CompilerServices.Timestamps.Parse({Literals.String(s.Timestamp)})",
                    "timestamp" + Names.Suffix(s.Timestamp));
                w.Line($"await x.WaitUntilAsync({field}){ConfigureAwait};");
            }
            JsonataFinish(w, s, "input", null, ContextSource.State());
            w.Close();
            w.Line();
        }

        // The iteration input: ItemSelector with $states.input = the Map's input and $states.context.Map.Item.
        private void EmitJsonataMapIteration(SourceWriter w, MapState m)
        {
            w.Open($"private static {ValueTaskOfNode} {m.IterationMethod}({JsonNode}? mapInput, int index, {JsonNode}? item, {Execution} x)");
            if (m.ItemSelector != null)
            {
                // The item is in $states.context.Map.Item, built only when an expression reads the context.
                JsonataPhase(w, "itemStates", Collect(m.ItemSelector), c => $"x.JsonataScope(mapInput, {c})", ContextSource.MapItem);
                w.Line($"return {RunProcessor(m, Value(m.ItemSelector))};");
            }
            // Without an ItemSelector the iteration borrows its item: the processor's states copy it before they would
            // change it (Ownership).
            else w.Line($"return {RunProcessor(m, "item")};");
            w.Close();
            w.Line();
        }

        /// <summary>A JSONata Choice inside the block's switch: rules in order, the matched rule's Output/Assign (else the state's).</summary>
        private void EmitJsonataChoice(SourceWriter w, BlockModel block, ChoiceState c)
        {
            var all = Collect(c.Output, c.Assign);
            foreach (var r in c.Choices) all.AddRange(Collect(r.Condition, r.Output, r.Assign));
            JsonataPhase(w, "states", all, ctx => $"x.JsonataScope(input, {ctx})", ContextSource.State());
            for (int i = 0; i < c.Choices.Count; i++)
            {
                var rule = c.Choices[i];
                if (rule.Condition is PayloadLiteral literal)
                {
                    // A literal condition is decided here: false never matches; true always does, and nothing after it runs.
                    if (literal.Value.Kind != Json.JsonKind.True) continue;
                    w.Open("// Condition: true");
                    ChoiceBranchJsonata(w, block, rule.Assign ?? c.Assign, rule.Output ?? c.Output, rule.Next!);
                    w.Close();
                    return;
                }
                string condition = rule.Condition is PayloadJsonata cj ? _expr.JsonataCondition(cj.Expression) : "false";
                w.Open($"if ({condition})");
                ChoiceBranchJsonata(w, block, rule.Assign ?? c.Assign, rule.Output ?? c.Output, rule.Next!);
                w.Close();
            }
            if (c.Default != null)
            {
                w.Open("// Default");
                ChoiceBranchJsonata(w, block, c.Assign, c.Output, c.Default);
                w.Close();
            }
            else
            {
                w.Line("x.Exit(input);");
                w.Line("throw x.NoChoiceMatched();");
            }
        }

        private void ChoiceBranchJsonata(SourceWriter w, BlockModel block, AssignModel? assign, PayloadModel? output, string next)
        {
            var assigned = EvaluateAssign(w, assign, "input", ContextSource.State());
            if (output != null) w.Line($"input = {Value(output)};");
            CommitAssign(w, assign, assigned);
            w.Line("x.Exit(input);");
            w.Line($"state = {block.EnumName}.{block.Find(next)!.Identifier};");
            w.Line("break;");
        }

        private void EmitJsonataSucceed(SourceWriter w, SucceedState s)
        {
            if (s.Output != null)
            {
                JsonataPhase(w, "states", Collect(s.Output), c => $"x.JsonataScope(input, {c})", ContextSource.State());
                w.Line($"input = {Value(s.Output)};");
            }
            w.Line("x.Exit(input);");
            w.Line(Return("input"));
        }

        private void EmitJsonataFail(SourceWriter w, FailState f)
        {
            JsonataPhase(w, "states", Collect(f.ErrorExpression, f.CauseExpression), c => $"x.JsonataScope(input, {c})", ContextSource.State());
            string error = f.ErrorExpression != null ? $"x.JsonataString({Value(f.ErrorExpression)}, \"Error\")" : Literals.String(f.Error);
            string cause = f.CauseExpression != null ? $"x.JsonataString({Value(f.CauseExpression)}, \"Cause\")" : Literals.String(f.Cause);
            w.Line($"throw x.Fail({error}, {cause});");
        }

        /// <summary>A JSONata catcher: Output (default: the error output) and Assign see $states.errorOutput.</summary>
        private void EmitJsonataCatcher(SourceWriter w, CatcherModel c)
        {
            w.Line($"var errorOutput = {Errors}.ToOutput(e);");
            JsonataPhase(w, "caught", Collect(c.Output, c.Assign), ctx => $"x.JsonataErrorScope(input, {ctx}, errorOutput)", ContextSource.State());
            var assigned = EvaluateAssign(w, c.Assign, "input", ContextSource.State());
            w.Line($"input = {(c.Output != null ? Value(c.Output) : "errorOutput")};");
            CommitAssign(w, c.Assign, assigned);
        }
    }
}
