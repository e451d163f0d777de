using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace StatesGen.CompilerServices
{
    /// <summary>
    /// The running execution as generated code sees it: cancellation, time, the context object, task invocation,
    /// Parallel and Map scheduling, and the AWS error causes. One instance per concurrent path (the top level, each
    /// Parallel branch, each Map iteration), so the "current state" it tracks is never shared between threads.
    /// Task invocation is in Execution.Tasks.cs, Parallel and Map in Execution.Concurrency.cs.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed partial class Execution
    {
        private readonly Shared _shared;
        private string _stateName = "";
        private string _stateType = "";
        private DateTimeOffset _stateEntered;
        private long _lastEventId;
        private long _enteredEventId;
        private Activity? _stateActivity;

        /// <summary>What every path of one execution shares.</summary>
        private sealed class Shared
        {
            public MachineInfo Machine = null!;
            public TaskHandler Handler = null!;
            public StateMachineOptions Options = null!;
            public JsonNode? Input;
            private string? _name;
            // A GUID only when something reads the name ($$.Execution.Name, a task invocation, history): most
            // Pass/Choice executions never do. Published once, so concurrent readers agree.
            public string Name
            {
                get => _name ?? Interlocked.CompareExchange(ref _name, Guid.NewGuid().ToString(), null) ?? _name!;
                set => _name = value;
            }
            private Func<string>? _nameReader;
            // For task invocations: handlers rarely ask for the name, so reading it is deferred until they do.
            public Func<string> NameReader => _nameReader ??= () => Name;
            public string StateMachineId = null!;
            private string? _id;
            // Built on first use: most executions never read $$.Execution.Id.
            public string Id => _id ??= StateMachineId.Replace(":stateMachine:", ":execution:") + ":" + Name;
            public DateTimeOffset StartTime;
            public Random Random = null!;
            // History and observation: both null (the default) means nothing is recorded and events cost one check.
            public List<ExecutionEvent>? History;
            public IExecutionObserver? Observer;
            public long EventCounter;
            public bool Observed => History != null || Observer != null;
            // Set once the execution has ended (timed out): paths still unwinding record nothing after its last event.
            public volatile bool Ended;
        }

        private Execution(Shared shared, CancellationToken cancellationToken)
        {
            _shared = shared;
            CancellationToken = cancellationToken;
        }

        /// <summary>Cancelled when the caller cancels, the execution times out, or a sibling branch or iteration fails.</summary>
        public CancellationToken CancellationToken { get; }

        /// <summary>The time provider of the options.</summary>
        public TimeProvider Time => _shared.Options.TimeProvider;

        /// <summary>Random numbers for jitter and States.MathRandom.</summary>
        public Random Random => _shared.Random;

        /// <summary>The original execution input (<c>$$.Execution.Input</c>), shared: copy what you attach elsewhere.</summary>
        public JsonNode? ExecutionInput => _shared.Input;

        /// <summary>The execution's name (<c>$$.Execution.Name</c>).</summary>
        public string Name => _shared.Name;

        /// <summary>Runs one execution of a generated machine: the entry point behind every generated ExecuteAsync.</summary>
        public static Task<JsonNode?> RunAsync(MachineInfo machine, TaskHandler handler, StateMachineOptions options, JsonNode? input,
            Func<JsonNode?, Execution, ValueTask<JsonNode?>> main, CancellationToken cancellationToken)
            => RunCoreAsync(machine, handler, options, input, null, null, main, cancellationToken);

        /// <summary>Runs one execution and returns its outcome with the full event history; never throws StatesException.</summary>
        public static async Task<ExecutionResult> RunWithHistoryAsync(MachineInfo machine, TaskHandler handler, StateMachineOptions options, JsonNode? input,
            string? name, Func<JsonNode?, Execution, ValueTask<JsonNode?>> main, CancellationToken cancellationToken)
        {
            var history = new List<ExecutionEvent>();
            name ??= Guid.NewGuid().ToString();
            try
            {
                var output = await RunCoreAsync(machine, handler, options, input, name, history, main, cancellationToken).ConfigureAwait(false);
                return new ExecutionResult(name, ExecutionStatus.Succeeded, output, null, null, Sorted(history));
            }
            catch (StatesException e)
            {
                ExecutionStatus status;
                lock (history) status = history.Exists(static e => e.Type == "ExecutionTimedOut") ? ExecutionStatus.TimedOut : ExecutionStatus.Failed;
                return new ExecutionResult(name, status, null, e.Error, e.Cause, Sorted(history));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return new ExecutionResult(name, ExecutionStatus.Aborted, null, null, null, Sorted(history));
            }
        }

        private static List<ExecutionEvent> Sorted(List<ExecutionEvent> history)
        {
            lock (history)
            {
                var copy = new List<ExecutionEvent>(history);
                copy.Sort((a, b) => a.Id.CompareTo(b.Id));
                return copy;
            }
        }

        private static async Task<JsonNode?> RunCoreAsync(MachineInfo machine, TaskHandler handler, StateMachineOptions options, JsonNode? input,
            string? name, List<ExecutionEvent>? history, Func<JsonNode?, Execution, ValueTask<JsonNode?>> main, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The caller keeps its input unchanged. A machine that borrows it reads it in place (its states copy it before
            // changing it); otherwise the execution works on a copy, materialized when threads may read it at once.
            var callerInput = input;
            if (!machine.BorrowsInput)
            {
                input = input?.DeepClone();
                if (machine.Concurrent) input = Json.Materialize(input);
            }
            var machineArn = options.StateMachineArn ?? machine.LocalArn;
            var shared = new Shared
            {
                Machine = machine,
                Handler = handler,
                Options = options,
                Input = input,
                Name = name!,
                StateMachineId = machineArn,
                StartTime = options.TimeProvider.GetUtcNow(),
                // Random.Shared is thread-safe; a caller's Random is not, and Map iterations and branches draw at once.
                Random = options.Random is { } random ? new SynchronizedRandom(random) : Random.Shared,
                History = history,
                Observer = options.Observer,
            };
            // The machine's TimeoutSeconds runs on the options' clock and cancels the whole execution (up to the
            // 99,999,999 s AWS accepts: longer than one .NET timer, so a LongTimer).
            using var timeout = machine.TimeoutSeconds > 0 ? new CancellationTokenSource() : null;
            using var timeoutTimer = timeout != null ? new LongTimer(options.TimeProvider, TimeSpan.FromSeconds(machine.TimeoutSeconds), CancelQuietly, timeout) : null;
            using var linked = timeout != null ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token) : null;
            var root = new Execution(shared, linked?.Token ?? cancellationToken);
            using var activity = Telemetry.Source.HasListeners() ? Telemetry.Source.StartActivity("Execution " + machine.Name, ActivityKind.Internal) : null;
            activity?.SetTag("statesgen.machine", machine.Name);
            activity?.SetTag("statesgen.execution", name);
            if (shared.Observed) root.Record("ExecutionStarted", input: input); else root.Tick();
            try
            {
                if (options.EnforcePayloadLimit && Json.ExceedsPayloadLimit(input))
                    throw new StatesException(StatesErrors.DataLimitExceeded, "The execution input exceeds the maximum number of bytes service limit.");
                // The main path owns (and may change in place) its own copy, so $$.Execution.Input keeps the original; a
                // machine that never reads the context object needs no second copy, nor one that borrows the input.
                var running = main(machine.ReadsContext && !machine.BorrowsInput ? input?.DeepClone() : input, root);
                JsonNode? output;
                if (linked == null) output = await running.ConfigureAwait(false);
                else
                {
                    var work = running.AsTask();
                    try
                    {
                        output = await work.WaitAsync(linked.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!work.IsCompleted)
                    {
                        // The execution ends now; work that has not noticed the cancellation yet is observed, not awaited.
                        Abandon(work);
                        throw;
                    }
                }
                // An output that is (part of) the borrowed input, such as a Choice's or Succeed's, must not be the caller's node.
                if (machine.BorrowsInput && output != null && callerInput != null && ReferenceEquals(output.Root, callerInput.Root))
                    output = output.DeepClone();
                root.EndState(null);
                if (shared.Observed) root.Record("ExecutionSucceeded", output: output); else root.Tick();
                return output;
            }
            catch (OperationCanceledException) when (timeout != null && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                var e = new StatesException(StatesErrors.Timeout, $"The execution ran longer than the state machine's TimeoutSeconds ({machine.TimeoutSeconds}).");
                root.EndState(e);
                Telemetry.Fail(activity, e);
                if (shared.Observed) root.Record("ExecutionTimedOut", error: e.Error, cause: e.Cause); else root.Tick();
                shared.Ended = true;
                throw e;
            }
            catch (StatesException e)
            {
                root.EndState(e);
                Telemetry.Fail(activity, e);
                if (shared.Observed) root.Record("ExecutionFailed", error: e.Error, cause: e.Cause); else root.Tick();
                throw;
            }
            catch (OperationCanceledException)
            {
                root.EndState(null);
                activity?.SetStatus(ActivityStatusCode.Error, "aborted");
                if (shared.Observed) root.Record("ExecutionAborted"); else root.Tick();
                throw;
            }
        }

        private static void CancelQuietly(object? source)
        {
            // The timer may fire while the execution is being torn down.
            try { ((CancellationTokenSource)source!).Cancel(); }
            catch (ObjectDisposedException) { }
        }

        /// <summary>
        /// Makes a finished child path new again for the next iteration of a Map that runs its iterations one after the
        /// other: as if just created by <see cref="Child"/> of <paramref name="parent"/>.
        /// </summary>
        internal Execution ResetAsChildOf(Execution parent)
        {
            _lastEventId = parent._lastEventId;
            _enteredEventId = 0;
            _stateName = "";
            _stateType = "";
            _stateActivity = null;
            _variables = null;
            _variableNames = null;
            _assigned = null;
            return this;
        }

        /// <summary>An execution path for a Parallel branch or Map iteration, with its own cancellation.</summary>
        internal Execution Child(CancellationToken cancellationToken) => new Execution(_shared, cancellationToken) { _lastEventId = _lastEventId, _outer = this };

        /// <summary>
        /// Records entry into a state: its name and entry time feed <c>$$.State</c> and error causes; with history or
        /// an observer on, a <c>&lt;Type&gt;StateEntered</c> event; with a listener on the StatesGen ActivitySource, a span.
        /// </summary>
        public void Enter(string stateName, string stateType, JsonNode? input)
        {
            CancellationToken.ThrowIfCancellationRequested();
            EndState(null);
            _stateName = stateName;
            _stateType = stateType;
            // The entry time only feeds $$.State.EnteredTime and history: no clock read when neither is used.
            if (_shared.Machine.ReadsContext || _shared.Observed) _stateEntered = Time.GetUtcNow();
            if (_shared.Observed) Record(stateType + "StateEntered", stateName, input: input); else Tick();
            _enteredEventId = _lastEventId;
            var activity = Telemetry.Source.HasListeners() ? Telemetry.Source.StartActivity(stateName, ActivityKind.Internal) : null;
            if (activity != null)
            {
                activity.SetTag("statesgen.machine", _shared.Machine.Name);
                activity.SetTag("statesgen.state", stateName);
                activity.SetTag("statesgen.state_type", stateType);
                _stateActivity = activity;
            }
        }

        /// <summary>Records leaving the current state with its output (<c>&lt;Type&gt;StateExited</c>).</summary>
        public void Exit(JsonNode? output)
        {
            if (_shared.Observed)
            {
                var assigned = _assigned;
                _assigned = null;
                Record(_stateType + "StateExited", _stateName, output: output, assigned: assigned);
            }
            else Tick();
            EndState(null);
        }

        /// <summary>Ends the current state's span, marking it failed when <paramref name="error"/> is set.</summary>
        internal void EndState(StatesException? error)
        {
            var activity = _stateActivity;
            if (activity == null) return;
            _stateActivity = null;
            if (error != null) Telemetry.Fail(activity, error);
            activity.Dispose();
        }

        /// <summary>Called when a catcher handles an error: the state's span is marked with the caught error.</summary>
        public void Caught(string stateName, StatesException error)
        {
            if (_stateActivity != null) Telemetry.Fail(_stateActivity, error);
        }

        /// <summary>
        /// Counts an event that nobody records, so event ids (and the "entered at the event id #N" of causes) are the
        /// same whether or not history is on. Only a machine whose paths can run at once needs an interlocked count.
        /// </summary>
        internal void Tick() => _lastEventId = _shared.Machine.Concurrent ? Interlocked.Increment(ref _shared.EventCounter) : ++_shared.EventCounter;

        /// <summary>Appends a history event and tells the observer; only called when history or an observer is on.</summary>
        internal void Record(string type, string? stateName = null, JsonNode? input = null, JsonNode? output = null, string? error = null,
            string? cause = null, int? index = null, string? resource = null, int? length = null, Dictionary<string, JsonNode?>? assigned = null)
        {
            if (_shared.Ended) return;
            var id = Interlocked.Increment(ref _shared.EventCounter);
            var e = new ExecutionEvent(id, _lastEventId, Time.GetUtcNow(), type)
            {
                StateName = stateName,
                Input = input?.DeepClone(),
                Output = output?.DeepClone(),
                Error = error,
                Cause = cause,
                Index = index,
                Resource = resource,
                Length = length,
                AssignedVariables = assigned,
            };
            _lastEventId = id;
            if (_shared.History is { } history) lock (history) history.Add(e);
            if (_shared.Observer is { } observer)
            {
                // Watching must never change what an execution does: an observer's exception is dropped.
                try { observer.OnEvent(_shared.Name, e); }
                catch (Exception) { }
            }
        }

        /// <summary>Whether events are being recorded or observed (generated code skips work otherwise).</summary>
        public bool IsObserved => _shared.Observed;

        /// <summary>Called before a retry waits (a hook for execution history).</summary>
        public void Retrying(string stateName, StatesException error, int retryCount, TimeSpan delay)
        {
        }

        /// <summary>The context object (<c>$$</c>) as the current state sees it.</summary>
        public JsonObject Context(int retryCount = 0, string? taskToken = null)
        {
            var context = new JsonObject
            {
                ["Execution"] = new JsonObject
                {
                    ["Id"] = ContextValue(ContextField.ExecutionId),
                    ["Input"] = Json.Copy(_shared.Input),
                    ["Name"] = ContextValue(ContextField.ExecutionName),
                    ["RoleArn"] = ContextValue(ContextField.ExecutionRoleArn),
                    ["StartTime"] = ContextValue(ContextField.ExecutionStartTime),
                    ["RedriveCount"] = ContextValue(ContextField.ExecutionRedriveCount),
                },
                ["StateMachine"] = new JsonObject
                {
                    ["Id"] = ContextValue(ContextField.StateMachineId),
                    ["Name"] = ContextValue(ContextField.StateMachineName),
                },
                ["State"] = new JsonObject
                {
                    ["EnteredTime"] = ContextValue(ContextField.StateEnteredTime),
                    ["Name"] = ContextValue(ContextField.StateName),
                    ["RetryCount"] = retryCount,
                },
            };
            if (taskToken != null) context["Task"] = new JsonObject { ["Token"] = taskToken };
            return context;
        }

        /// <summary>One value of the context object, without building the rest of it (compiled <c>$$.State.Name</c> reads).</summary>
        public JsonNode ContextValue(ContextField field) => field switch
        {
            ContextField.ExecutionId => Json.String(_shared.Id),
            ContextField.ExecutionName => Json.String(_shared.Name),
            ContextField.ExecutionRoleArn => Json.String("arn:aws:iam::000000000000:role/StatesGenLocal"),
            ContextField.ExecutionStartTime => Json.String(Format(_shared.StartTime)),
            ContextField.ExecutionRedriveCount => Json.Number(0L),
            ContextField.StateMachineId => Json.String(_shared.StateMachineId),
            ContextField.StateMachineName => Json.String(_shared.Machine.Name),
            ContextField.StateEnteredTime => Json.String(Format(_stateEntered)),
            ContextField.StateName => Json.String(_stateName),
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        /// <summary>The context object inside a Map's ItemSelector, with <c>$$.Map.Item.Index</c> and <c>Value</c>.</summary>
        public JsonObject MapItemContext(int index, JsonNode? item)
        {
            var context = Context();
            context["Map"] = new JsonObject { ["Item"] = new JsonObject { ["Index"] = index, ["Value"] = Json.Copy(item) } };
            return context;
        }

        private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        // ---- errors ------------------------------------------------------------------------------------------------

        /// <summary>A States.Runtime error with AWS's cause prefix naming the current state.</summary>
        public StatesException RuntimeError(string message) =>
            new(StatesErrors.Runtime, $"An error occurred while executing the state '{_stateName}' (entered at the event id #{_enteredEventId.ToString(CultureInfo.InvariantCulture)}). {message}");

        /// <summary>States.NoChoiceMatched for a Choice state with no matching rule and no Default.</summary>
        public StatesException NoChoiceMatched() =>
            new(StatesErrors.NoChoiceMatched, $"No Matches! The Choice state '{_stateName}' matched no rule and has no Default.");

        /// <summary>States.ResultPathMatchFailure when ResultPath cannot be applied to the input.</summary>
        public StatesException ResultPathMatchFailure(string path, JsonNode? input) =>
            new(StatesErrors.ResultPathMatchFailure, $"Unable to apply ResultPath \"{path}\" to input \"{Json.Text(input)}\" in state '{_stateName}'.");

        /// <summary>The error a Fail state raises.</summary>
        public StatesException Fail(string? error, string? cause) => new(error, cause, allowMissingError: true);

        /// <summary>ErrorPath and CausePath must give strings.</summary>
        public string RequireString(JsonNode? value, string field)
        {
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String) return v.GetValue<string>();
            throw RuntimeError($"The {field} field must reference a string value, but it referenced {Json.Text(value)}.");
        }

        /// <summary>SecondsPath must give a non-negative integer.</summary>
        public long RequireWaitSeconds(JsonNode? value, string path)
        {
            if (!Json.IsFound(value)) throw RuntimeError($"The SecondsPath parameter does not reference an input value: {path}");
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
            {
                // AWS's wording (recorded: wait-007, wait-009, wait-010).
                long? whole = v.TryGetValue<long>(out var l) ? l
                    : decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m == decimal.Truncate(m) && Math.Abs(m) <= long.MaxValue ? (long)m
                    : null;
                if (whole is { } seconds)
                {
                    if (seconds >= 0) return seconds;
                    throw RuntimeError($"The SecondsPath parameter references a negative value: {path} == {Json.Text(value)}");
                }
                throw RuntimeError($"The SecondsPath parameter cannot be parsed as a long value: {path} == {Json.Text(value)}");
            }
            throw RuntimeError($"The SecondsPath parameter references an invalid value: {Json.Text(value)}. It must be a non-negative integer: {path}");
        }

        /// <summary>TimestampPath must give an RFC 3339 timestamp.</summary>
        public DateTimeOffset RequireTimestamp(JsonNode? value, string path)
        {
            if (!Json.IsFound(value)) throw RuntimeError($"The TimestampPath parameter does not reference an input value: {path}");
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && Timestamps.TryParse(v.GetValue<string>(), out var t)) return t;
            throw RuntimeError($"The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {path} == {Describe(value)}");
        }

        /// <summary>TimeoutSecondsPath and HeartbeatSecondsPath must give positive integers.</summary>
        public int RequirePositiveInteger(JsonNode? value, string field, string path)
        {
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l) && l > 0 && l <= 99_999_999) return (int)l;
            if (value is JsonValue d && d.GetValueKind() == JsonValueKind.Number && decimal.TryParse(d.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m > 0 && m == decimal.Truncate(m) && m <= 99_999_999)
                return (int)m;
            throw RuntimeError($"The {field} field refers to value {Json.Text(value)} which is not a valid positive integer: {path}");
        }

        /// <summary>ItemsPath must select an array.</summary>
        public JsonArray RequireItems(JsonNode? value)
        {
            if (value is JsonArray a) return a;
            throw RuntimeError($"Map state input must be an array but was: {Json.Text(value)}");
        }

        // AWS also takes an integer written as a JSON string ("1") in these fields (recorded: assign-025, assign-026).
        private static bool TryInteger(JsonNode? value, out long result) =>
            Json.TryGetInt64(value, out result)
            || value is JsonValue v && v.GetValueKind() == JsonValueKind.String
               && long.TryParse(v.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);

        /// <summary>MaxConcurrencyPath must give a non-negative integer (a number, or a string holding one).</summary>
        public int RequireMaxConcurrency(JsonNode? value, string path)
        {
            if (TryInteger(value, out var l) && l >= 0)
                return l > int.MaxValue ? int.MaxValue : (int)l;
            throw RuntimeError($"The MaxConcurrencyPath field refers to value \"{Describe(value)}\" which is not a valid integer: {path}");
        }

        /// <summary>MaxItemsPerBatchPath and MaxInputBytesPerBatchPath must give positive integers.</summary>
        public int RequireBatchLimit(JsonNode? value, string field, string path)
        {
            if (TryInteger(value, out var l) && l > 0) return l > int.MaxValue ? int.MaxValue : (int)l;
            throw RuntimeError($"The {field} field refers to value \"{Describe(value)}\" which is not a valid positive integer: {path}");
        }

        /// <summary>ToleratedFailureCountPath must give a non-negative integer.</summary>
        public long RequireToleratedFailureCount(JsonNode? value, string path)
        {
            if (TryInteger(value, out var l))
            {
                if (l < 0) throw RuntimeError("ToleratedFailureCount cannot be negative.");
                return l;
            }
            throw RuntimeError($"The ToleratedFailureCountPath field refers to value \"{Describe(value)}\" which is not a valid integer: {path}");
        }

        /// <summary>ToleratedFailurePercentagePath must give a number from 0 to 100.</summary>
        public decimal RequireToleratedFailurePercentage(JsonNode? value, string path)
        {
            if (value is JsonValue v && v.GetValueKind() is JsonValueKind.Number or JsonValueKind.String
                && decimal.TryParse(v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                if (d < 0 || d > 100) throw RuntimeError("ToleratedFailurePercentage must be between 0 and 100.");
                return d;
            }
            throw RuntimeError($"The ToleratedFailurePercentagePath field refers to value \"{Describe(value)}\" which is not a valid float: {path}");
        }

        private static string Describe(JsonNode? value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : Json.Text(value);

        // ---- time --------------------------------------------------------------------------------------------------

        /// <summary>Waits a number of seconds on the options' time provider.</summary>
        public ValueTask WaitSecondsAsync(long seconds) => DelayAsync(TimeSpan.FromSeconds(Math.Min(seconds, 99_999_999L)));

        /// <summary>Waits until a point in time; a past timestamp continues at once.</summary>
        public ValueTask WaitUntilAsync(DateTimeOffset timestamp)
        {
            var delay = timestamp - Time.GetUtcNow();
            return delay <= TimeSpan.Zero ? default : DelayAsync(delay);
        }

        /// <summary>Waits on the options' time provider, honouring cancellation.</summary>
        public ValueTask DelayAsync(TimeSpan delay)
        {
            if (delay <= TimeSpan.Zero) { CancellationToken.ThrowIfCancellationRequested(); return default; }
            return delay <= LongTimer.MaxStep ? new ValueTask(Task.Delay(delay, Time, CancellationToken)) : LongDelayAsync(delay);
        }

        private async ValueTask LongDelayAsync(TimeSpan delay)
        {
            while (delay > TimeSpan.Zero)
            {
                var step = delay > LongTimer.MaxStep ? LongTimer.MaxStep : delay;
                await Task.Delay(step, Time, CancellationToken).ConfigureAwait(false);
                delay -= step;
            }
        }

        /// <summary>A number in [0, 1) for FULL jitter.</summary>
        public double NextJitter()
        {
            return _shared.Random.NextDouble();
        }

        /// <summary>Fails with States.DataLimitExceeded when a state's result is over 262,144 bytes.</summary>
        public JsonNode? CheckPayload(JsonNode? result, string stateName)
        {
            if (_shared.Options.EnforcePayloadLimit && Json.ExceedsPayloadLimit(result))
                throw new StatesException(StatesErrors.DataLimitExceeded, $"The state/task '{stateName}' returned a result with a size exceeding the maximum number of bytes service limit.");
            return result;
        }

        /// <summary>Whether the 256 KiB limits are enforced (generated code skips the size arithmetic otherwise).</summary>
        public bool EnforcesPayloadLimit => _shared.Options.EnforcePayloadLimit;

        /// <summary>
        /// AWS limits the data one state assigns to variables to 256 KiB; called with the exact total only when the
        /// cheap upper bound of the values was over the limit.
        /// </summary>
        public void CheckAssignedSize(long bytes)
        {
            if (bytes > Json.PayloadLimit)
                throw new StatesException(StatesErrors.DataLimitExceeded, $"The variables assigned by the state '{_stateName}' exceed the maximum number of bytes service limit ({Json.PayloadLimit.ToString(CultureInfo.InvariantCulture)} bytes).");
        }
    }
}
