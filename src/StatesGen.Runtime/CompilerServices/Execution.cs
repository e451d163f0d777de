using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace StatesGen.CompilerServices
{
    /// <summary>
    /// The running execution as generated code sees it: cancellation, time, the context object, task invocation,
    /// Parallel and Map scheduling, and the AWS error causes. One instance per concurrent path (the top level, each
    /// Parallel branch, each Map iteration), so the "current state" it tracks is never shared between threads.
    /// The lifecycle is here; the other concerns are in their own parts: Execution.History.cs (events and spans),
    /// Execution.Context.cs (<c>$$</c>), Execution.Checks.cs (AWS's run-time field checks and errors),
    /// Execution.Time.cs (timers and limits), Execution.Tasks.cs (task invocation and callbacks),
    /// Execution.MapParallel.cs, Execution.Variables.cs and Execution.Jsonata.cs.
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
        private JsonataScope? _jsonataScope;

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
            public bool Observed => History != null || Observer != null || Durable != null;
            // Set once the execution has ended (timed out): paths still unwinding record nothing after its last event.
            public volatile bool Ended;
            // Set only when TestStateAsync runs one state on its own (Execution.TestState.cs); null in executions.
            public TestStateRun? TestRun;
            // With a store: the run's journal, lease and unwritten records; null for an in-memory execution.
            public DurableRun? Durable;
            public int RedriveCount;
            // The names of the child executions started without a store (Execution.Nested.cs); null until the first.
            public System.Collections.Concurrent.ConcurrentDictionary<string, bool>? ChildNames;
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

        /// <summary>Random numbers for jitter and States.MathRandom (recorded draws when the execution has a store).</summary>
        public Random Random => _shared.Durable == null ? _shared.Random : Cursor.Random ??= new JournalRandom(this);

        /// <summary>The original execution input (<c>$$.Execution.Input</c>), shared: copy what you attach elsewhere.</summary>
        public JsonNode? ExecutionInput => _shared.Input;

        /// <summary>The execution's name (<c>$$.Execution.Name</c>).</summary>
        public string Name => _shared.Name;

        /// <summary>Runs one execution of a generated machine: the entry point behind every generated ExecuteAsync.</summary>
        public static Task<JsonNode?> RunAsync(MachineInfo machine, TaskHandler handler, StateMachineOptions options, JsonNode? input,
            Func<JsonNode?, Execution, ValueTask<JsonNode?>> main, CancellationToken cancellationToken)
            => options.Store == null ? RunCoreAsync(machine, handler, options, input, null, null, main, cancellationToken)
                : RunStoredToOutputAsync(machine, handler, options, input, main, cancellationToken);

        // ExecuteAsync with a store: a stored execution with a new name, its output or its error as without a store.
        private static async Task<JsonNode?> RunStoredToOutputAsync(MachineInfo machine, TaskHandler handler, StateMachineOptions options, JsonNode? input,
            Func<JsonNode?, Execution, ValueTask<JsonNode?>> main, CancellationToken cancellationToken)
        {
            var result = await StartStoredAsync(machine, handler, options, input, null, main, cancellationToken).ConfigureAwait(false);
            return result.Status switch
            {
                ExecutionStatus.Succeeded => result.Output,
                ExecutionStatus.Running or ExecutionStatus.Aborted => throw new OperationCanceledException(cancellationToken),
                _ => throw new StatesException(result.Error ?? "", result.Cause),
            };
        }

        /// <summary>Runs one execution and returns its outcome with the full event history; never throws StatesException.</summary>
        public static async Task<ExecutionResult> RunWithHistoryAsync(MachineInfo machine, TaskHandler handler, StateMachineOptions options, JsonNode? input,
            string? name, Func<JsonNode?, Execution, ValueTask<JsonNode?>> main, CancellationToken cancellationToken)
        {
            if (options.Store != null) return await StartStoredAsync(machine, handler, options, input, name, main, cancellationToken).ConfigureAwait(false);
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
            string? name, List<ExecutionEvent>? history, Func<JsonNode?, Execution, ValueTask<JsonNode?>> main, CancellationToken cancellationToken,
            DurableRun? durable = null)
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
                StartTime = durable?.Record.StartDate ?? options.TimeProvider.GetUtcNow(),
                // Random.Shared is thread-safe; a caller's Random is not, and Map iterations and branches draw at once.
                Random = options.Random is { } random ? new SynchronizedRandom(random) : Random.Shared,
                History = history,
                Observer = options.Observer,
                Durable = durable,
                RedriveCount = durable?.Record.RedriveCount ?? 0,
                EventCounter = durable?.LastEventId ?? 0,
            };
            // The machine's TimeoutSeconds runs on the options' clock and cancels the whole execution (up to the
            // 99,999,999 s AWS accepts: longer than one .NET timer, so a LongTimer).
            using var timeout = machine.TimeoutSeconds > 0 ? new CancellationTokenSource() : null;
            using var timeoutTimer = timeout != null ? new LongTimer(options.TimeProvider, TimeoutDue(machine, durable, shared.StartTime) - options.TimeProvider.GetUtcNow(), CancelQuietly, timeout) : null;
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
                if (durable != null) await durable.CompleteAsync(ExecutionStatus.Succeeded, output, null, null, options.TimeProvider.GetUtcNow()).ConfigureAwait(false);
                return output;
            }
            catch (OperationCanceledException) when (timeout != null && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                var e = new StatesException(StatesErrors.Timeout, $"The execution ran longer than the state machine's TimeoutSeconds ({machine.TimeoutSeconds}).");
                root.EndState(e);
                Telemetry.Fail(activity, e);
                if (shared.Observed) root.Record("ExecutionTimedOut", error: e.Error, cause: e.Cause); else root.Tick();
                shared.Ended = true;
                if (durable != null) await durable.CompleteAsync(ExecutionStatus.TimedOut, null, e.Error, e.Cause, options.TimeProvider.GetUtcNow()).ConfigureAwait(false);
                throw e;
            }
            catch (StatesException e)
            {
                root.EndState(e);
                Telemetry.Fail(activity, e);
                if (shared.Observed) root.Record("ExecutionFailed", error: e.Error, cause: e.Cause); else root.Tick();
                if (durable != null)
                {
                    root.FailedHere();
                    await durable.CompleteAsync(ExecutionStatus.Failed, null, e.Error, e.Cause, options.TimeProvider.GetUtcNow()).ConfigureAwait(false);
                }
                throw;
            }
            catch (OperationCanceledException) when (durable != null)
            {
                // With a store, the caller's cancellation stops this run, not the execution: it stays running in the
                // store, with what it recorded so far written, for a resume (AWS's StopExecution is StopExecutionAsync).
                root.EndState(null);
                shared.Ended = true;
                await durable.FlushQuietlyAsync().ConfigureAwait(false);
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

        // The machine's TimeoutSeconds counts from the start, or from the last redrive (AWS restarts it on redrive).
        private static DateTimeOffset TimeoutDue(MachineInfo machine, DurableRun? durable, DateTimeOffset start)
            => (durable?.Record.RedriveDate ?? start) + TimeSpan.FromSeconds(machine.TimeoutSeconds);

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
        internal Execution ResetAsChildOf(Execution parent, string? durablePrefix, int index)
        {
            parent.StartChild(this, durablePrefix, index);
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
        internal Execution Child(CancellationToken cancellationToken, string? durablePrefix, int index)
        {
            var child = new Execution(_shared, cancellationToken) { _lastEventId = _lastEventId, _outer = this };
            StartChild(child, durablePrefix, index);
            return child;
        }
    }
}
