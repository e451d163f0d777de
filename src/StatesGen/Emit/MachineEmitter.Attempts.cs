using System.Globalization;
using StatesGen.Generator.Model;
using System.Linq;

namespace StatesGen.Generator.Emit
{
    // One attempt of a Task, Parallel or Map state, for both query languages: the steps are the same (input, task or
    // branches, result), only how the input is shaped and the result processed differs. JSONPath states filter with
    // InputPath and Parameters and finish with ResultSelector, ResultPath and OutputPath; JSONata states evaluate their
    // expressions in phases and finish with Output and Assign.
    internal sealed partial class MachineEmitter
    {
        private void EmitTaskAttempt(SourceWriter w, TaskState t)
        {
            w.Open($"private static async {ValueTaskOfNode} {t.AttemptMethod}({JsonNode}? input, {Execution} x{RetryParameter(t)})");
            string root = BeginAttempt(w, t);
            w.Line($"string? taskToken = {(t.IsCallback ? "x.NewTaskToken()" : "null")};");
            var context = ContextSource.State(Rc(t), "taskToken");
            string parameters, credentials;
            if (t.IsJsonata)
            {
                JsonataPhase(w, "before", Collect(t.Arguments, t.TimeoutSecondsExpression, t.HeartbeatSecondsExpression, t.Credentials),
                    c => $"x.JsonataScope(input, {c})", context);
                parameters = t.Arguments != null ? Value(t.Arguments) : "input";
                credentials = t.Credentials != null ? Value(t.Credentials) : "null";
            }
            else
            {
                parameters = t.Parameters != null ? _expr.Payload(t.Parameters, root, context) : root;
                credentials = t.Credentials != null ? _expr.Payload(t.Credentials, root, context) : "null";
            }
            w.Line($"var parameters = {parameters};");
            Inspect(w, t.IsJsonata ? "AfterArguments" : "AfterParameters", "parameters");
            string timeout = PositiveInteger(t.TimeoutSeconds, t.TimeoutSecondsPath, t.TimeoutSecondsExpression, "TimeoutSeconds", root, context);
            string heartbeat = PositiveInteger(t.HeartbeatSeconds, t.HeartbeatSecondsPath, t.HeartbeatSecondsExpression, "HeartbeatSeconds", root, context);
            // With a ResultSelector the raw result is only read (the selector copies what it keeps), so it needs no copy.
            var onlyRead = t.ResultSelector != null ? ", resultIsOnlyRead: true" : "";
            w.Line($"var result = await x.InvokeTaskAsync({Literals.String(t.Name)}, {Literals.String(t.Resource)}, parameters, {Rc(t)}, taskToken, " +
                $"timeoutSeconds: {timeout}, heartbeatSeconds: {heartbeat}, credentials: {credentials}{onlyRead}, task: {_machine.Tasks.Items.IndexOf(t).ToString(CultureInfo.InvariantCulture)}){ConfigureAwait};");
            FinishAttempt(w, t);
        }

        private void EmitParallelAttempt(SourceWriter w, ParallelState p)
        {
            // The delegate type's arguments one per line: the declaration on one line would be some 250 characters wide.
            var branches = _expr.Field($"global::System.Func<\n    {JsonNode}?,\n    {Execution},\n    {ValueTaskOfNode}>[]",
                "{ " + string.Join(", ", p.Branches.Select(b => b.MethodName)) + " }", "branchesOf" + p.Identifier);
            w.Open($"private static async {ValueTaskOfNode} {p.AttemptMethod}({JsonNode}? input, {Execution} x{RetryParameter(p)})");
            string root = BeginAttempt(w, p);
            string parameters;
            if (p.IsJsonata)
            {
                JsonataPhase(w, "before", Collect(p.Arguments), c => $"x.JsonataScope(input, {c})", ContextSource.State(Rc(p)));
                parameters = p.Arguments != null ? Value(p.Arguments) : "input";
            }
            else parameters = p.Parameters != null ? _expr.Payload(p.Parameters, root, ContextSource.State(Rc(p))) : root;
            w.Line($"var parameters = {parameters};");
            Inspect(w, p.IsJsonata ? "AfterArguments" : "AfterParameters", "parameters");
            w.Line($"{JsonNode}? result = await x.RunBranchesAsync({Literals.String(p.Name)}, parameters, {branches}{BranchOptions(p)}){ConfigureAwait};");
            FinishAttempt(w, p);
        }

        private void EmitMapAttempt(SourceWriter w, MapState m)
        {
            w.Open($"private static async {ValueTaskOfNode} {m.AttemptMethod}({JsonNode}? input, {Execution} x{RetryParameter(m)})");
            string root = BeginAttempt(w, m);
            var context = ContextSource.State(Rc(m));
            if (m.IsJsonata)
            {
                JsonataPhase(w, "before", Collect(m.Items, m.MaxConcurrencyExpression, m.ToleratedFailureCountExpression, m.ToleratedFailurePercentageExpression,
                    m.ItemReader, m.ResultWriter, m.ItemBatcher, m.MaxItemsPerBatch.Expression, m.MaxInputBytesPerBatch.Expression),
                    c => $"x.JsonataScope(input, {c})", context);
            }
            // A payload of the state (reader, writer, batch input): a JSONata template, or a JSONPath one over the effective input.
            string Payload(PayloadModel? payload) => payload == null ? "null" : m.IsJsonata ? Value(payload) : _expr.Payload(payload, root, context);

            if (m.ItemReaderResource != null)
                w.Line($"var items = await x.ReadItemsAsync({Literals.String(m.Name)}, {Literals.String(m.ItemReaderResource)}, {Payload(m.ItemReader)}){ConfigureAwait};");
            else if (!m.IsJsonata)
            {
                w.Line($"var items = x.RequireItems({(m.ItemsPath != null ? _expr.Select(m.ItemsPath, root, context, "ItemsPath") : root)});");
                Inspect(w, "AfterItemsPath", "items");
            }
            else if (m.Items is PayloadJsonata expression)
            {
                // The iterations read the items in place, as they read the state input when there is no Items.
                var items = _expr.JsonataValue(expression.Expression, readOnly: true);
                w.Line($"var items = x.JsonataItems({items}, {Literals.String(expression.Expression.Source)});");
            }
            else w.Line($"var items = x.JsonataItems({(m.Items != null ? Value(m.Items) : "input")});");

            string maxConcurrency = m.MaxConcurrencyExpression != null ? $"x.JsonataMaxConcurrency({Value(m.MaxConcurrencyExpression)})"
                : m.MaxConcurrencyPath != null ? $"x.RequireMaxConcurrency({_expr.Select(m.MaxConcurrencyPath, root, context, "MaxConcurrencyPath")}, {Literals.String(m.MaxConcurrencyPath.Text)})"
                : m.MaxConcurrency.ToString(CultureInfo.InvariantCulture);
            w.Line($"var maxConcurrency = {maxConcurrency};");
            string count = m.ToleratedFailureCountExpression != null ? $"x.JsonataToleratedFailureCount({Value(m.ToleratedFailureCountExpression)})"
                : m.ToleratedFailureCountPath != null ? $"x.RequireToleratedFailureCount({_expr.Select(m.ToleratedFailureCountPath, root, context, "ToleratedFailureCountPath")}, {Literals.String(m.ToleratedFailureCountPath.Text)})"
                : m.ToleratedFailureCount != null ? m.ToleratedFailureCount.Value.ToString(CultureInfo.InvariantCulture) + "L" : "-1L";
            string percentage = m.ToleratedFailurePercentageExpression != null ? $"x.JsonataToleratedFailurePercentage({Value(m.ToleratedFailurePercentageExpression)})"
                : m.ToleratedFailurePercentagePath != null ? $"x.RequireToleratedFailurePercentage({_expr.Select(m.ToleratedFailurePercentagePath, root, context, "ToleratedFailurePercentagePath")}, {Literals.String(m.ToleratedFailurePercentagePath.Text)})"
                : m.ToleratedFailurePercentage != null ? Literals.Decimal(m.ToleratedFailurePercentage.Value) : "-1m";
            w.Line($"var tolerance = new global::StatesGen.CompilerServices.MapTolerance({count}, {percentage});");
            if (m.HasItemBatcher)
            {
                EmitBatch(w, m, Payload(m.ItemBatcher), (limit, name) =>
                    limit.Expression != null ? $"x.JsonataPositiveInteger({Value(limit.Expression)}, {Literals.String(name)})"
                    : limit.Path != null ? $"x.RequireBatchLimit({_expr.Select(limit.Path, root, context, name + "Path")}, {Literals.String(name + "Path")}, {Literals.String(limit.Path.Text)})"
                    : null);
                Inspect(w, "AfterItemBatcher", "items");
            }
            var mapRun = m.Distributed ? ", mapRun: " + MapRunField(m) : "";
            w.Line($"{JsonNode}? result = await x.RunMapAsync({Literals.String(m.Name)}, {root}, items, maxConcurrency, tolerance, {m.IterationMethod}" +
                $"{(m.Processor.NeverWaits && !m.Distributed ? ", synchronousItems: true" : "")}{mapRun}){ConfigureAwait};");
            if (m.ResultWriterResource != null)
                w.Line($"result = await x.WriteResultsAsync({Literals.String(m.Name)}, {Literals.String(m.ResultWriterResource)}, {Payload(m.ResultWriter)}, result){ConfigureAwait};");
            FinishAttempt(w, m);
            if (m.IsJsonata) EmitJsonataMapIteration(w, m);
            else EmitMapIteration(w, m);
        }

        /// <summary>The static field with a Distributed Map's Map Run facts (its label and the type of its child executions).</summary>
        private string MapRunField(MapState m) => _expr.Field("global::StatesGen.CompilerServices.MapRunInfo",
            $"new global::StatesGen.CompilerServices.MapRunInfo(s_machine, {Literals.String(m.MapRunLabel)}, express: {(m.ExpressChildren ? "true" : "false")})",
            "mapRun" + Names.Suffix(m.Name));

        /// <summary>
        /// How an iteration runs the item processor on its input: in the iteration's path, or (Distributed Map) as a child
        /// workflow execution of its own.
        /// </summary>
        private string RunProcessor(MapState m, string iterationInput) => m.Distributed
            ? $"x.RunMapChildAsync({MapRunField(m)}, {iterationInput}, static (childInput, child) => {m.Processor.MethodName}(childInput, child))"
            : $"{m.Processor.MethodName}({iterationInput}, x)";

        // JSONPath: the effective input after InputPath, which the state's fields read; JSONata reads the input itself.
        private string BeginAttempt(SourceWriter w, StateModel s)
        {
            if (s.IsJsonata) return "input";
            w.Line($"var effective = {_expr.FilterPath(s.InputPath, "input", "InputPath")};");
            Inspect(w, "AfterInputPath", "effective");
            return "effective";
        }

        private void FinishAttempt(SourceWriter w, StateModel s)
        {
            Inspect(w, "Result", "result");
            if (s.IsJsonata) JsonataFinish(w, s, "result", "result", ContextSource.State(Rc(s)));
            else EmitResultProcessing(w, s);
            w.Close();
            w.Line();
        }

        /// <summary>TimeoutSeconds/HeartbeatSeconds: a checked literal, a path read at run time, or an expression; 0 = none.</summary>
        private string PositiveInteger(int? value, PathModel? path, JsonataModel? expression, string field, string root, ContextSource context)
        {
            if (expression != null) return $"x.JsonataPositiveInteger({Value(expression)}, {Literals.String(field)})";
            if (value != null) return value.Value.ToString(CultureInfo.InvariantCulture);
            if (path != null)
                return $"x.RequirePositiveInteger({_expr.Select(path, root, context, field + "Path")}, {Literals.String(field + "Path")}, {Literals.String(path.Text)})";
            return "0";
        }
    }
}
