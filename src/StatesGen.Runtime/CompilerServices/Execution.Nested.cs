using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using StatesGen.Durability;

namespace StatesGen.CompilerServices
{
    // Nested executions: a states:startExecution Task whose StateMachineArn names a definition of this project runs that
    // definition's generated class in-process, with this execution's options and handler, and gives the Task the results
    // and errors Step Functions gives (recorded on AWS: task-sync-*, task-sfn-001, errors-028, credentials-*).
    public sealed partial class Execution
    {
        /// <summary>
        /// The handler that runs a nested execution for this Task, or null when the Task goes to the task handler: it does
        /// not start an execution, or its ARN names no definition of the project (and no machine of this machine's account
        /// and region, which fails with StateMachineDoesNotExist).
        /// </summary>
        private TaskHandler? NestedHandler(string resource, JsonNode? parameters, TaskHandler taskHandler)
        {
            var links = _shared.Machine.Links;
            if (links == null) return null;
            if (StateMachineArns.AnswersTaskToken(resource)) return new TokenAnswer(this, resource, taskHandler).InvokeAsync;
            var mode = StateMachineArns.ModeOf(resource);
            if (mode == NestedMode.None || parameters is not JsonObject fields) return null;
            if (!fields.TryGetPropertyValue("StateMachineArn", out var arnNode) || arnNode is not JsonValue arnValue
                || arnValue.GetValueKind() != JsonValueKind.String) return null;
            var arn = arnValue.GetValue<string>();
            var name = StateMachineArns.NameOf(arn);
            var target = name == null ? null : LinkedMachine.Find(links.Machines, name);
            if (target == null)
            {
                if (name == null || !IsLocal(arn, links)) return null;
                // An ARN of this machine's own account and region, or of one under which the project's definitions start
                // each other, can only mean a machine that runs here, and there is none.
                return (_, _) => throw new StatesException("StepFunctions.StateMachineDoesNotExistException",
                    ServiceCause($"State Machine Does Not Exist: '{arn}'", "StateMachineDoesNotExist"));
            }
            bool attach = false;
            string? generatedName = null;
            if (Durable is { } durable)
            {
                // Marks, before the child can exist, that this attempt starts one: when the attempt is invoked again after
                // a crash, it attaches to the child it may have started instead of failing on its name. A child without a
                // Name parameter is named after the marker, so the attempt invoked again names the same child. The marker
                // names the child, so that stopping this execution (even while no process runs it) stops a .sync child.
                attach = Replay(durable, "child", out var key, out _);
                generatedName = DerivedName(key);
                if (!attach)
                {
                    var given = fields["Name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : null;
                    var options = ChildOptions(_shared.Options, target.Machine);
                    durable.Add(key, new JsonObject
                    {
                        ["machine"] = options.StateMachineArn ?? target.Machine.LocalArn,
                        ["name"] = given ?? generatedName,
                        ["sync"] = mode is NestedMode.Sync or NestedMode.SyncJson,
                    });
                }
            }
            return new NestedStart(this, target, mode, attach, generatedName).InvokeAsync;
        }

        /// <summary>
        /// AWS's StopExecution on a parent reaches its running .sync children (the "Run a Job" pattern calls StopExecution
        /// on them): they are named in the parent's journal, so this works also when no process runs the parent.
        /// </summary>
        private static async Task StopSyncChildrenAsync(IExecutionStore store, ExecutionRecord parent, CancellationToken cancellationToken)
        {
            foreach (var entry in await store.ReadJournalAsync(parent.Id, cancellationToken).ConfigureAwait(false))
            {
                if (!entry.Key.EndsWith(":child", StringComparison.Ordinal) || entry.Value?["v"] is not JsonObject child
                    || child["sync"]?.GetValue<bool>() != true || (string?)child["machine"] is not { } machine || (string?)child["name"] is not { } name)
                    continue;
                await store.StopExecutionAsync(machine, name, null, null, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>The parent's options for a child, under the child's own state machine ARN.</summary>
        private static StateMachineOptions ChildOptions(StateMachineOptions parent, MachineInfo child)
        {
            // Without an ARN of its own the parent uses its class's local ARN, and so does the child.
            if (parent.StateMachineArn is not { } arn) return parent;
            var childArn = StateMachineArns.Sibling(arn, child.Name);
            return parent.WithStateMachineArn(childArn);
        }

        private bool IsLocal(string arn, MachineLinks links)
        {
            var account = StateMachineArns.AccountOf(arn);
            return account != null && (StateMachineArns.AccountOf(_shared.StateMachineId) == account || Array.IndexOf(links.Accounts, account) >= 0);
        }

        /// <summary>An AWS SDK error cause as Step Functions writes it for a failed service call.</summary>
        private static string ServiceCause(string message, string code)
            => $"{message} (Service: AWSStepFunctions; Status Code: 400; Error Code: {code}; Request ID: {Guid.NewGuid():D}; Proxy: null)";

        /// <summary>
        /// AWS stops a .sync child when its parent's Task is aborted (the execution is stopped or times out, a sibling
        /// branch or iteration fails), and a Map Run's children when the Map Run fails. When the host stops this process
        /// instead, the child stays running for a resume.
        /// </summary>
        private async Task StopChildIfParentEndsAsync(IExecutionStore store, string machineArn, string name)
        {
            var durable = Durable!;
            if (durable.CallerToken.IsCancellationRequested) return;
            try
            {
                if (durable.LeaseLost != null)
                {
                    // Another process took the parent over (it keeps the child), unless the parent was stopped.
                    var parent = await store.GetExecutionAsync(durable.Record.StateMachine, durable.Record.Name, CancellationToken.None).ConfigureAwait(false);
                    if (parent is null or { Status: ExecutionStatus.Running }) return;
                }
                await store.StopExecutionAsync(machineArn, name, null, null, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Best effort, as in AWS: the parent's own outcome does not depend on it.
            }
        }

        /// <summary>The names of the child executions an in-memory execution started, which must be unique per state machine.</summary>
        private ConcurrentDictionary<string, bool> ChildNames
        {
            get
            {
                var names = _shared.ChildNames;
                return names ?? Interlocked.CompareExchange(ref _shared.ChildNames, new ConcurrentDictionary<string, bool>(StringComparer.Ordinal), null)
                    ?? _shared.ChildNames!;
            }
        }

        /// <summary>
        /// aws-sdk:sfn:sendTaskSuccess, sendTaskFailure and sendTaskHeartbeat on a token that an execution of this process
        /// (or of its store) waits on: answered here, with the SDK's empty response. Any other token goes to the task handler.
        /// </summary>
        private sealed class TokenAnswer
        {
            private readonly Execution _execution;
            private readonly string _resource;
            private readonly TaskHandler _fallback;

            public TokenAnswer(Execution execution, string resource, TaskHandler fallback)
            {
                _execution = execution;
                _resource = resource;
                _fallback = fallback;
            }

            public async ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
            {
                if (invocation.Input is not JsonObject parameters || parameters["TaskToken"] is not JsonValue tokenValue
                    || tokenValue.GetValueKind() != JsonValueKind.String)
                    return await _fallback(invocation, cancellationToken).ConfigureAwait(false);
                var token = tokenValue.GetValue<string>();
                var options = _execution._shared.Options;
                bool local = options.Store is { } store
                    ? await store.GetTaskTokenAsync(token, cancellationToken).ConfigureAwait(false) is not null
                    : options.TaskTokens.IsPending(token);
                if (!local) return await _fallback(invocation, cancellationToken).ConfigureAwait(false);
                try
                {
                    if (_resource.EndsWith("Success", StringComparison.Ordinal))
                    {
                        var output = Output(parameters["Output"]);
                        if (options.Store is { } s) await s.SendTaskSuccessAsync(token, output, cancellationToken).ConfigureAwait(false);
                        else options.TaskTokens.SendTaskSuccess(token, output);
                    }
                    else if (_resource.EndsWith("Failure", StringComparison.Ordinal))
                    {
                        var error = (string?)(parameters["Error"] as JsonValue);
                        var cause = (string?)(parameters["Cause"] as JsonValue);
                        if (options.Store is { } s) await s.SendTaskFailureAsync(token, error, cause, cancellationToken).ConfigureAwait(false);
                        else options.TaskTokens.SendTaskFailure(token, error ?? "", cause);
                    }
                    else if (options.Store is { } s)
                    {
                        await s.SendTaskHeartbeatAsync(token, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        options.TaskTokens.SendTaskHeartbeat(token);
                    }
                }
                catch (StatesException e) when (e.Error == StatesErrors.TaskTimedOut)
                {
                    throw new StatesException("StepFunctions.TaskTimedOutException", ServiceCause("Task Timed Out: 'Provided task does not exist anymore'", "TaskTimedOut"));
                }
                return new JsonObject();
            }

            // SendTaskSuccess's Output is JSON text (States.JsonToString($) in a definition); a JSON value is taken as it is.
            private static JsonNode? Output(JsonNode? output)
            {
                if (output is not JsonValue value || value.GetValueKind() != JsonValueKind.String) return output?.DeepClone();
                try
                {
                    return JsonNode.Parse(value.GetValue<string>());
                }
                catch (JsonException e)
                {
                    throw new StatesException("StepFunctions.InvalidOutputException", ServiceCause($"Invalid Output: '{e.Message}'", "InvalidOutput"));
                }
            }
        }

        /// <summary>One start of a child execution by one Task attempt.</summary>
        private sealed class NestedStart
        {
            private readonly Execution _parent;
            private readonly LinkedMachine _target;
            private readonly NestedMode _mode;
            private readonly bool _attach;
            private readonly string? _generatedName;

            public NestedStart(Execution parent, LinkedMachine target, NestedMode mode, bool attach, string? generatedName)
            {
                _parent = parent;
                _target = target;
                _mode = mode;
                _attach = attach;
                _generatedName = generatedName;
            }

            public async ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
            {
                var parameters = (JsonObject)invocation.Input!;
                var input = ChildInput(parameters);
                var name = ChildName(parameters, _generatedName);
                var shared = _parent._shared;
                var options = ChildOptions(shared.Options, _target.Machine);
                var handler = _target.HandlerFor(shared.Handler);
                var machineArn = options.StateMachineArn ?? _target.Machine.LocalArn;
                var executionArn = machineArn.Replace(":stateMachine:", ":execution:") + ":" + name;
                return options.Store is { } store
                    ? await StoredAsync(store, options, handler, input, name, machineArn, executionArn, cancellationToken).ConfigureAwait(false)
                    : await InMemoryAsync(options, handler, input, name, machineArn, executionArn, cancellationToken).ConfigureAwait(false);
            }

            private async ValueTask<JsonNode?> InMemoryAsync(StateMachineOptions options, TaskHandler handler, JsonNode? input, string name,
                string machineArn, string executionArn, CancellationToken cancellationToken)
            {
                // Without a store there is no registry of executions: names are unique among the children of this execution.
                if (!_parent.ChildNames.TryAdd(machineArn + "\n" + name, true)) throw AlreadyExists(executionArn);
                if (_mode is NestedMode.Start or NestedMode.Callback)
                {
                    var started = options.TimeProvider.GetUtcNow();
                    Detach(Task.Run(() => RunWithHistoryAsync(_target.Machine, handler, options, input, name, _target.Main, CancellationToken.None)));
                    return _mode == NestedMode.Callback ? null : StartOutput(executionArn, started);
                }
                // Cancelling the parent (or its Task) aborts the child, as AWS's StopExecution on a .sync child does.
                var result = await RunWithHistoryAsync(_target.Machine, handler, options, input, name, _target.Main, cancellationToken).ConfigureAwait(false);
                if (result.Status == ExecutionStatus.Aborted) cancellationToken.ThrowIfCancellationRequested();
                var events = result.Events;
                var start = events.Count > 0 ? events[0].Timestamp : options.TimeProvider.GetUtcNow();
                var stop = events.Count > 0 ? events[events.Count - 1].Timestamp : start;
                return Outcome(result, input, executionArn, machineArn, start, stop);
            }

            private async ValueTask<JsonNode?> StoredAsync(IExecutionStore store, StateMachineOptions options, TaskHandler handler, JsonNode? input, string name,
                string machineArn, string executionArn, CancellationToken cancellationToken)
            {
                // A child with a store is a durable execution of its own. An attempt invoked again after a crash finds the
                // child it started (running, or finished while nothing watched it) and attaches to it.
                var record = _attach ? await store.GetExecutionAsync(machineArn, name, cancellationToken).ConfigureAwait(false) : null;
                if (record == null)
                {
                    try
                    {
                        record = await store.CreateExecutionAsync(machineArn, name, input, _target.Machine.DefinitionHash, options.TimeProvider.GetUtcNow(),
                            cancellationToken).ConfigureAwait(false);
                    }
                    catch (StatesException e) when (e.Error == "ExecutionAlreadyExists")
                    {
                        throw AlreadyExists(executionArn);
                    }
                }
                if (_mode is NestedMode.Start or NestedMode.Callback)
                {
                    if (record.Status == ExecutionStatus.Running)
                        Detach(Task.Run(() => RunStoredAsync(_target.Machine, handler, options, record, _target.Main, CancellationToken.None)));
                    return _mode == NestedMode.Callback ? null : StartOutput(executionArn, record.StartDate);
                }
                ExecutionResult result;
                try
                {
                    result = await RunStoredAsync(_target.Machine, handler, options, record, _target.Main, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await _parent.StopChildIfParentEndsAsync(store, machineArn, name).ConfigureAwait(false);
                    throw;
                }
                if (result.Status == ExecutionStatus.Running)
                {
                    // This run of the child stopped because the Task's token was cancelled; the child stays in the store.
                    await _parent.StopChildIfParentEndsAsync(store, machineArn, name).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new StatesException(StatesErrors.Runtime, $"The child execution '{executionArn}' stopped running in this process.");
                }
                return Outcome(result, record.Input, executionArn, machineArn, result.StartDate ?? record.StartDate, result.StopDate ?? options.TimeProvider.GetUtcNow());
            }

            /// <summary>The child's input: the Input parameter as JSON, or the JSON its text holds; {} when there is none.</summary>
            private static JsonNode? ChildInput(JsonObject parameters)
            {
                if (!parameters.TryGetPropertyValue("Input", out var input) || input is null) return new JsonObject();
                if (input is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                {
                    var text = value.GetValue<string>();
                    try
                    {
                        return JsonNode.Parse(text);
                    }
                    catch (JsonException e)
                    {
                        throw new StatesException("StepFunctions.InvalidExecutionInputException",
                            ServiceCause($"Invalid State Machine Execution Input: '{e.Message}'", "InvalidExecutionInput"));
                    }
                }
                return input.DeepClone();
            }

            /// <summary>
            /// The Name parameter, or a name of the attempt's own: with a store the one its marker derived (the same when
            /// the attempt is invoked again after a crash), else a new UUID.
            /// </summary>
            private static string ChildName(JsonObject parameters, string? generatedName)
            {
                if (parameters.TryGetPropertyValue("Name", out var given) && given is not null)
                {
                    if (given is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
                        throw new StatesException("StepFunctions.InvalidNameException", ServiceCause("Invalid Name: the execution name must be a string", "InvalidName"));
                    var name = v.GetValue<string>();
                    try
                    {
                        CheckName(name);
                    }
                    catch (StatesException e)
                    {
                        throw new StatesException("StepFunctions.InvalidNameException", ServiceCause(e.Cause ?? "Invalid Name", "InvalidName"));
                    }
                    return name;
                }
                return generatedName ?? Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);
            }

            private static StatesException AlreadyExists(string executionArn) => new("StepFunctions.ExecutionAlreadyExistsException",
                ServiceCause($"Execution Already Exists: '{executionArn}'", "ExecutionAlreadyExists"));

            /// <summary>startExecution's output: the child's ARN and start date, at once.</summary>
            private static JsonObject StartOutput(string executionArn, DateTimeOffset start) => new()
            {
                ["ExecutionArn"] = executionArn,
                ["StartDate"] = start.ToUnixTimeMilliseconds(),
            };

            /// <summary>
            /// A finished child as .sync and .sync:2 report it: DescribeExecution's fields in AWS's (alphabetical) order, the
            /// result of a succeeded child, or States.TaskFailed whose cause is that JSON with the child's Error and Cause.
            /// </summary>
            private JsonNode? Outcome(ExecutionResult result, JsonNode? input, string executionArn, string machineArn, DateTimeOffset start, DateTimeOffset stop)
            {
                bool json = _mode == NestedMode.SyncJson;
                bool succeeded = result.Status == ExecutionStatus.Succeeded;
                var describe = new JsonObject();
                if (!succeeded)
                {
                    if (result.Cause != null) describe["Cause"] = result.Cause;
                    if (result.Error != null) describe["Error"] = result.Error;
                }
                describe["ExecutionArn"] = executionArn;
                describe["Input"] = json ? input?.DeepClone() : Text(input);
                describe["InputDetails"] = new JsonObject { ["Included"] = true };
                describe["Name"] = result.Name;
                if (succeeded)
                {
                    describe["Output"] = json ? result.Output?.DeepClone() : Text(result.Output);
                    describe["OutputDetails"] = new JsonObject { ["Included"] = true };
                }
                describe["RedriveCount"] = result.RedriveCount;
                describe["RedriveStatus"] = succeeded ? "NOT_REDRIVABLE" : "REDRIVABLE";
                if (succeeded) describe["RedriveStatusReason"] = "Execution is SUCCEEDED and cannot be redriven";
                // Epoch milliseconds, as the service integration's Java SDK writes dates (AWS's recordings redact them).
                describe["StartDate"] = start.ToUnixTimeMilliseconds();
                describe["StateMachineArn"] = machineArn;
                describe["Status"] = StatusName(result.Status);
                describe["StopDate"] = stop.ToUnixTimeMilliseconds();
                if (succeeded) return describe;
                throw new StatesException(StatesErrors.TaskFailed, ((string?)Intrinsics.JsonToString(describe))!);
            }

            private static JsonNode? Text(JsonNode? value) => Intrinsics.JsonToString(value);

            /// <summary>A child that runs on its own: its outcome is in its history, its failures are its own.</summary>
            private static void Detach(Task running)
            {
                running.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }
    }
}
