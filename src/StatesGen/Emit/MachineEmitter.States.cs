using System.Globalization;
using StatesGen.Generator.Model;
using System.Linq;

namespace StatesGen.Generator.Emit
{
    internal sealed partial class MachineEmitter
    {
        private const string Errors = "global::StatesGen.CompilerServices.Errors";
        private const string ConfigureAwait = ".ConfigureAwait(false)";

        private void EmitCase(SourceWriter w, BlockModel block, StateModel s)
        {
            w.Line($"case {block.EnumName}.{s.Identifier}: // {TypeName(s)} \"{Literals.Comment(s.Name)}\"");
            w.Line("{");
            w.Indent();
            w.Line($"x.Enter({Literals.String(s.Name)}, {Literals.String(TypeName(s))}, input);");
            EmitOwnInput(w, s);
            switch (s)
            {
                case ChoiceState c when c.IsJsonata: EmitJsonataChoice(w, block, c); break;
                case SucceedState succeed when s.IsJsonata: EmitJsonataSucceed(w, succeed); break;
                case FailState fail when s.IsJsonata: EmitJsonataFail(w, fail); break;
                case ChoiceState c: EmitChoice(w, block, c); break;
                case SucceedState:
                    var succeedOutput = _expr.FilterPath(s.OutputPath, Inspected("AfterInputPath", _expr.FilterPath(s.InputPath, "input", "InputPath")), "OutputPath");
                    if (succeedOutput != "input") w.Line($"input = {succeedOutput};");
                    w.Line("x.Exit(input);");
                    w.Line(Return("input"));
                    break;
                case FailState f: EmitFail(w, f); break;
                default:
                    var call = s is PassState ? $"{s.Method}(input, x)" : $"await {s.Method}(input, x){ConfigureAwait}";
                    if (s.Catch.Count == 0)
                    {
                        w.Line($"input = {call};");
                        w.Line("x.Exit(input);");
                        Transition(w, block, s.Next, s.End);
                    }
                    else
                    {
                        w.Open("try");
                        w.Line($"input = {call};");
                        w.Line("x.Exit(input);");
                        Transition(w, block, s.Next, s.End);
                        w.Close();
                        w.Line("catch (global::StatesGen.StatesException e)");
                        w.Open($"    when ({Errors}.IsCatchable(e))");
                        foreach (var c in s.Catch)
                        {
                            var errors = _expr.Field("string[]", StringArray(c.ErrorEquals), "errors" + Names.Suffix(string.Join(" ", c.ErrorEquals)));
                            w.Open($"if ({Errors}.Matches(e.Error, {errors}))");
                            w.Line($"x.Caught({Literals.String(s.Name)}, e, {s.Catch.Items.IndexOf(c).ToString(CultureInfo.InvariantCulture)});");
                            if (s.IsJsonata) EmitJsonataCatcher(w, c);
                            else if (c.Assign is { Entries.Count: > 0 })
                            {
                                // A catcher's Assign replaces the state's; its $ is the error output.
                                w.Line($"var errorOutput = {Errors}.ToOutput(e);");
                                var assigned = EvaluateAssign(w, c.Assign, "errorOutput", ContextSource.State());
                                AssignInput(w, _expr.ApplyResultPath(c.ResultPath, "input", "errorOutput"));
                                CommitAssign(w, c.Assign, assigned);
                            }
                            else AssignInput(w, _expr.ApplyResultPath(c.ResultPath, "input", $"{Errors}.ToOutput(e)"));
                            w.Line("x.Exit(input);");
                            w.Line($"state = {block.EnumName}.{block.Find(c.Next)!.Identifier};");
                            w.Line("break;");
                            w.Close();
                        }
                        w.Line("throw;");
                        w.Close();
                    }
                    break;
            }
            w.Outdent();
            w.Line("}");
        }

        // ResultPath null keeps the input as it is: no `input = input;` (CS1717 breaks TreatWarningsAsErrors builds).
        private static void AssignInput(SourceWriter w, string value)
        {
            if (value != "input") w.Line($"input = {value};");
        }

        private static string StringArray(EquatableArray<string> items)
            => "new string[] { " + string.Join(", ", items.Select(Literals.String)) + " }";

        private void EmitChoice(SourceWriter w, BlockModel block, ChoiceState c)
        {
            // Rules see the effective input (after InputPath); the state's output is that input after OutputPath.
            var effective = "input";
            if (c.InputPath != null && !c.InputPath.IsRoot)
            {
                w.Line($"var effective = {_expr.FilterPath(c.InputPath, "input", "InputPath")};");
                effective = "effective";
            }
            Inspect(w, "AfterInputPath", effective);
            if (c.OutputPath != null && !c.OutputPath.IsRoot || effective != "input")
                w.Line($"input = {_expr.FilterPath(c.OutputPath, effective, "OutputPath")};");
            // Without Assign the state exits before its rules are evaluated; with one, in the branch taken, after the
            // matched rule's Assign (or the state's) is stored.
            bool assigns = c.Assign != null || c.Choices.Any(r => r.Assign != null);
            if (!assigns) w.Line("x.Exit(input);");
            for (int i = 0; i < c.Choices.Count; i++)
            {
                var rule = c.Choices[i];
                // The rule as written, so the condition below can be read against the definition.
                w.Line("// " + Shorten(Literals.Comment(rule.Source), 160));
                w.Open($"if ({_choice.Condition(rule, effective, ContextSource.State())})");
                if (assigns) ChoiceAssign(w, rule.Assign ?? c.Assign, effective);
                w.Line($"state = {block.EnumName}.{block.Find(rule.Next!)!.Identifier};");
                w.Line("break;");
                w.Close();
            }
            if (c.Default != null)
            {
                if (assigns) { w.Open("// Default"); ChoiceAssign(w, c.Assign, effective); w.Close(); }
                w.Line($"state = {block.EnumName}.{block.Find(c.Default)!.Identifier};");
                w.Line("break;");
            }
            else
            {
                if (assigns) w.Line("x.Exit(input);");
                w.Line("throw x.NoChoiceMatched();");
            }
        }

        private void ChoiceAssign(SourceWriter w, AssignModel? assign, string effective)
        {
            if (assign != null)
            {
                var assigned = EvaluateAssign(w, assign, effective, ContextSource.State());
                CommitAssign(w, assign, assigned);
            }
            w.Line("x.Exit(input);");
        }

        /// <summary>
        /// Evaluates an Assign into locals: every value sees the variables as they were when the state was entered,
        /// and nothing is stored until <see cref="CommitAssign"/>, after the state's output is computed.
        /// </summary>
        private System.Collections.Generic.List<string> EvaluateAssign(SourceWriter w, AssignModel? assign, string root, ContextSource context)
        {
            var locals = new System.Collections.Generic.List<string>();
            if (assign == null) return locals;
            foreach (var e in assign.Entries)
            {
                var local = "assign" + locals.Count.ToString(CultureInfo.InvariantCulture);
                w.Line($"{JsonNode}? {local} = {_expr.Payload(e.Value, root, context)}; // ${Literals.Comment(e.Name)}");
                locals.Add(local);
            }
            return locals;
        }

        private static void CommitAssign(SourceWriter w, AssignModel? assign, System.Collections.Generic.List<string> locals)
        {
            if (assign == null) return;
            if (locals.Count > 0)
            {
                // AWS: at most 256 KiB assigned per state. An upper bound costs a walk; the exact size only when it is over.
                // One term per line: a sum of fully qualified calls on one line would be hundreds of characters wide.
                const string J = "global::StatesGen.CompilerServices.Json";
                w.Open("if (x.EnforcesPayloadLimit)");
                w.Line($"long assignedBound = {J}.SizeBound({locals[0]});");
                for (int i = 1; i < locals.Count; i++) w.Line($"assignedBound += {J}.SizeBound({locals[i]});");
                w.Open($"if (assignedBound > {J}.PayloadLimit)");
                w.Line($"long assigned = {J}.Size({locals[0]});");
                for (int i = 1; i < locals.Count; i++) w.Line($"assigned += {J}.Size({locals[i]});");
                w.Line("x.CheckAssignedSize(assigned);");
                w.Close();
                w.Close();
            }
            for (int i = 0; i < locals.Count; i++)
                w.Line($"x.SetVariable({assign.Entries[i].Slot.ToString(CultureInfo.InvariantCulture)}, {locals[i]});");
        }

        /// <summary>Returns the output, storing the state's Assign (evaluated on <paramref name="root"/>) just before.</summary>
        private void ReturnWithAssign(SourceWriter w, AssignModel? assign, string root, ContextSource context, string output)
        {
            if (assign == null || assign.Entries.Count == 0) { w.Line($"return {output};"); return; }
            var assigned = EvaluateAssign(w, assign, root, context);
            w.Line($"var output = {output};");
            CommitAssign(w, assign, assigned);
            w.Line("return output;");
        }

        private static string Shorten(string text, int max) => text.Length <= max ? text : text.Substring(0, max - 3) + "...";

        private void EmitFail(SourceWriter w, FailState f)
        {
            string error = f.ErrorPath != null ? Source(f.ErrorPath, "ErrorPath") : Literals.String(f.Error);
            string cause = f.CausePath != null ? Source(f.CausePath, "CausePath") : Literals.String(f.Cause);
            w.Line($"throw x.Fail({error}, {cause});");
        }

        // ErrorPath and CausePath must yield strings; the runtime checks it and fails with States.Runtime otherwise.
        private string Source(ValueSource source, string field)
        {
            var expr = source.Path != null ? _expr.Select(source.Path, "input", ContextSource.State(), field) : _expr.Intrinsic(source.Intrinsic!, "input", ContextSource.State(), field);
            return $"x.RequireString({expr}, {Literals.String(field)})";
        }

        private void EmitStateMethods(SourceWriter w, BlockModel block, StateModel s)
        {
            switch (s)
            {
                case PassState p when p.IsJsonata: EmitJsonataPass(w, p); break;
                case WaitState wait when wait.IsJsonata: EmitJsonataWait(w, wait); break;
                case PassState p: EmitPass(w, p); break;
                case WaitState wait: EmitWait(w, wait); break;
                case TaskState t: EmitWithRetry(w, t, () => EmitTaskAttempt(w, t)); break;
                case ParallelState par: EmitWithRetry(w, par, () => EmitParallelAttempt(w, par)); break;
                case MapState m: EmitWithRetry(w, m, () => EmitMapAttempt(w, m)); break;
            }
        }

        private void Doc(SourceWriter w, StateModel s)
        {
            w.Summary($"{TypeName(s)} state \"{s.Name}\".{(s.Comment != null ? " " + s.Comment : "")}");
        }

        private void EmitPass(SourceWriter w, PassState p)
        {
            Doc(w, p);
            w.Open($"private static {JsonNode}? {p.Method}({JsonNode}? input, {Execution} x)");
            w.Line($"var effective = {_expr.FilterPath(p.InputPath, "input", "InputPath")};");
            Inspect(w, "AfterInputPath", "effective");
            // The input is dropped once Parameters is built when the result replaces it (ResultPath "$"): its nodes can
            // move, unless it may still be the caller's input.
            if (p.Parameters != null && (p.ResultPath == null || p.ResultPath.IsRoot) && p.InputPath?.Variable == null && !_borrowed.Contains(p))
                _expr.Movable = ExpressionEmitter.MovableFields(p.Parameters);
            string result = p.Parameters != null ? _expr.Payload(p.Parameters, "effective", ContextSource.State())
                : p.Result != null ? Literals.Json(p.Result) : "effective";
            _expr.Movable = null;
            w.Line($"var result = {result};");
            Inspect(w, p.Parameters == null && p.Result != null ? "Result" : "AfterParameters", "result");
            // Only a large literal Result can exceed AWS's payload limit here; checking it costs nothing otherwise.
            if (p.Result != null && p.ResultLength > 200_000) w.Line($"x.CheckPayload(result, {Literals.String(p.Name)});");
            ReturnWithAssign(w, p.Assign, "result", ContextSource.State(), _expr.FilterPath(p.OutputPath, Inspected("AfterResultPath", _expr.ApplyResultPath(p.ResultPath, "input", "result")), "OutputPath"));
            w.Close();
            w.Line();
        }

        private void EmitWait(SourceWriter w, WaitState s)
        {
            Doc(w, s);
            w.Open($"private static async {ValueTaskOfNode} {s.Method}({JsonNode}? input, {Execution} x)");
            w.Line($"var effective = {_expr.FilterPath(s.InputPath, "input", "InputPath")};");
            Inspect(w, "AfterInputPath", "effective");
            if (s.Seconds != null)
                w.Line($"await x.WaitSecondsAsync({s.Seconds.Value.ToString(CultureInfo.InvariantCulture)}L){ConfigureAwait};");
            else if (s.SecondsPath != null)
                w.Line($"await x.WaitSecondsAsync(x.RequireWaitSeconds({_expr.Lookup(s.SecondsPath, "effective", ContextSource.State())}, {Literals.String(s.SecondsPath.Text)})){ConfigureAwait};");
            else if (s.Timestamp != null)
            {
                var field = _expr.Field("global::System.DateTimeOffset", $"global::StatesGen.CompilerServices.Timestamps.Parse({Literals.String(s.Timestamp)})",
                    "timestamp" + Names.Suffix(s.Timestamp));
                w.Line($"await x.WaitUntilAsync({field}){ConfigureAwait};");
            }
            else if (s.TimestampPath != null)
                w.Line($"await x.WaitUntilAsync(x.RequireTimestamp({_expr.Lookup(s.TimestampPath, "effective", ContextSource.State())}, {Literals.String(s.TimestampPath.Text)})){ConfigureAwait};");
            ReturnWithAssign(w, s.Assign, "effective", ContextSource.State(), _expr.FilterPath(s.OutputPath, "effective", "OutputPath"));
            w.Close();
            w.Line();
        }

        /// <summary>The state's entry point: the retry loop (when it has retriers) around one attempt.</summary>
        private void EmitWithRetry(SourceWriter w, StateModel s, System.Action emitAttempt)
        {
            Doc(w, s);
            if (s.Retry.Count == 0)
            {
                emitAttempt();
                return;
            }
            w.Open($"private static async {ValueTaskOfNode} {s.Method}({JsonNode}? input, {Execution} x)");
            {
                var retriers = new System.Text.StringBuilder("new global::StatesGen.CompilerServices.Retrier[] { ");
                for (int i = 0; i < s.Retry.Count; i++)
                {
                    var r = s.Retry[i];
                    if (i > 0) retriers.Append(", ");
                    retriers.Append($"new global::StatesGen.CompilerServices.Retrier({StringArray(r.ErrorEquals)}, intervalSeconds: {Literals.Decimal(r.IntervalSeconds)}, maxAttempts: {r.MaxAttempts.ToString(CultureInfo.InvariantCulture)}, backoffRate: {Literals.Decimal(r.BackoffRate)}, maxDelaySeconds: {(r.MaxDelaySeconds?.ToString(CultureInfo.InvariantCulture) ?? "0")}L, fullJitter: {(r.FullJitter ? "true" : "false")})");
                }
                var field = _expr.Field("global::StatesGen.CompilerServices.Retrier[]", retriers.Append(" }").ToString(), "retriersOf" + s.Identifier);
                w.Line($"var retry = new global::StatesGen.CompilerServices.RetryState({field});");
                w.Open("while (true)");
                w.Open("try");
                w.Line($"return await {s.AttemptMethod}(input, x, retry.RetryCount){ConfigureAwait};");
                w.Close();
                w.Open("catch (global::StatesGen.StatesException e) when (retry.ShouldRetry(e, x))");
                w.Line($"await retry.DelayAsync(x, {Literals.String(s.Name)}, e){ConfigureAwait};");
                w.Close();
                w.Close();
            }
            w.Close();
            w.Line();
            emitAttempt();
        }

        private static string RetryParameter(StateModel s) => s.Retry.Count > 0 ? ", int retryCount" : "";

        /// <summary>The retry count expression inside an attempt: $$.State.RetryCount.</summary>
        private static string Rc(StateModel s) => s.Retry.Count > 0 ? "retryCount" : "0";

        private void EmitResultProcessing(SourceWriter w, StateModel s)
        {
            if (s.ResultSelector != null)
            {
                w.Line($"result = {_expr.Payload(s.ResultSelector, "result", ContextSource.State())};");
                Inspect(w, "AfterResultSelector", "result");
            }
            ReturnWithAssign(w, s.Assign, "result", ContextSource.State(Rc(s)), _expr.FilterPath(s.OutputPath, Inspected("AfterResultPath", _expr.ApplyResultPath(s.ResultPath, "input", "result")), "OutputPath"));
        }

        // Branches borrow the state's input (MachineEmitter.Ownership); those that never wait may run inline.
        private static string BranchOptions(ParallelState p) =>
            (p.Branches.All(b => b.NeverWaits)
                ? ", synchronousBranches: true" : "") + ", borrowInput: true";

        // ItemBatcher: items grouped into {"Items": [...], "BatchInput": ...} objects, by count and by size (0 = no limit).
        private static void EmitBatch(SourceWriter w, MapState m, string batchInput, System.Func<BatchLimit, string, string?> dynamicLimit)
        {
            string Limit(BatchLimit limit, string name) => dynamicLimit(limit, name) ?? (limit.Value ?? 0).ToString(CultureInfo.InvariantCulture);
            w.Line($"items = global::StatesGen.CompilerServices.Json.Batch(items, maxItemsPerBatch: {Limit(m.MaxItemsPerBatch, "MaxItemsPerBatch")}, "
                + $"maxInputBytesPerBatch: {Limit(m.MaxInputBytesPerBatch, "MaxInputBytesPerBatch")}, batchInput: {batchInput});");
        }

        // The iteration input: ItemSelector (or legacy Parameters) sees the Map's effective input as $ and the item in
        // $$.Map.Item; without one, the item itself.
        private void EmitMapIteration(SourceWriter w, MapState m)
        {
            var selector = m.ItemSelector ?? m.Parameters;
            string iterationInput = selector != null
                ? _expr.Payload(selector, "mapInput", ContextSource.MapItem)
                : "item"; // borrowed: the processor's states copy it before they would change it (Ownership)
            w.Line($"private static {ValueTaskOfNode} {m.IterationMethod}({JsonNode}? mapInput, int index, {JsonNode}? item, {Execution} x)");
            w.Line($"    => {RunProcessor(m, iterationInput)};");
            w.Line();
        }
    }
}
