using System;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace StatesGen.CompilerServices
{
    public sealed partial class Execution
    {
        /// <summary>
        /// Runs a Parallel state's branches at once on the same input. The output is an array in branch order. The
        /// first branch to fail cancels the others, and the state fails with that branch's own error and cause (AWS,
        /// recorded), not States.BranchFailed.
        /// </summary>
        /// <param name="stateName">The Parallel state.</param>
        /// <param name="input">Every branch's input.</param>
        /// <param name="branches">One method per branch.</param>
        /// <param name="synchronousBranches">Whether no branch can wait (they may then run inline, one after the other).</param>
        /// <param name="borrowInput">
        /// Whether the branches take the input as it is, copying it before they would change it (generated code since
        /// the input ownership analysis); otherwise each branch gets a copy. A branch output that is (part of) the input
        /// is copied either way.
        /// </param>
        public ValueTask<JsonNode?> RunBranchesAsync(string stateName, JsonNode? input, Func<JsonNode?, Execution, ValueTask<JsonNode?>>[] branches,
            bool synchronousBranches = false, bool borrowInput = false)
        {
            if (TestRun is { } test) return new ValueTask<JsonNode?>(test.Mocked());
            // Branches that never wait (Pass, Choice, Succeed, Fail only) gain nothing from the thread pool: unless someone
            // watches the events, they run one after the other on this thread, which is one valid schedule of Task.WhenAll
            // (the first failure still ends the state with that branch's error).
            if (synchronousBranches && !_shared.Observed && !Telemetry.Source.HasListeners())
                return new ValueTask<JsonNode?>(RunBranchesInline(stateName, input, branches, borrowInput));
            return new ValueTask<JsonNode?>(RunBranchesConcurrentlyAsync(stateName, input, branches, borrowInput));
        }

        private async Task<JsonNode?> RunBranchesConcurrentlyAsync(string stateName, JsonNode? input, Func<JsonNode?, Execution, ValueTask<JsonNode?>>[] branches,
            bool borrowInput)
        {
            var prefix = ChildPrefix();
            using var siblings = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
            var results = new JsonNode?[branches.Length];
            ExceptionDispatchInfo? firstFailure = null;
            if (_shared.Observed) Record("ParallelStateStarted", stateName); else Tick();
            async Task RunBranch(int index)
            {
                var path = Child(siblings.Token, prefix, index);
                using var span = Telemetry.Source.HasListeners() ? Telemetry.Source.StartActivity(stateName + " branch " + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
                span?.SetTag("statesgen.machine", _shared.Machine.Name);
                span?.SetTag("statesgen.state", stateName);
                span?.SetTag("statesgen.branch", index + 1);
                try
                {
                    // Yield so every branch starts before any runs to completion on this thread.
                    await Task.Yield();
                    // States change their input in place (Json.WithResult): a branch gets a copy unless it copies for itself.
                    results[index] = await branches[index](borrowInput ? input : input?.DeepClone(), path).ConfigureAwait(false);
                    path.EndState(null);
                }
                catch (OperationCanceledException) when (siblings.IsCancellationRequested)
                {
                    // Cancelled because the caller cancelled or a sibling failed: the other outcome wins.
                    path.EndState(null);
                }
                catch (Exception e)
                {
                    path.EndState(e as StatesException);
                    path.FailedHere();
                    if (e is StatesException se) Telemetry.Fail(span, se);
                    Interlocked.CompareExchange(ref firstFailure, ExceptionDispatchInfo.Capture(e), null);
                    siblings.Cancel();
                }
            }
            var tasks = new Task[branches.Length];
            for (int i = 0; i < branches.Length; i++) tasks[i] = RunBranch(i);
            await Task.WhenAll(tasks).ConfigureAwait(false);
            EndConcurrentState("ParallelState", stateName, firstFailure);
            return ToArray(results, input);
        }

        private JsonNode? RunBranchesInline(string stateName, JsonNode? input, Func<JsonNode?, Execution, ValueTask<JsonNode?>>[] branches, bool borrowInput)
        {
            Tick(); // ParallelStateStarted
            var results = new JsonArray();
            // One after the other, so one execution path serves every branch in turn (as a Map's synchronous iterations).
            Execution? path = null;
            for (int i = 0; i < branches.Length; i++)
            {
                CancellationToken.ThrowIfCancellationRequested();
                path = path?.ResetAsChildOf(this, null, i) ?? Child(CancellationToken, null, i);
                JsonNode? output;
                try
                {
                    var running = branches[i](borrowInput ? input : input?.DeepClone(), path);
                    output = running.IsCompletedSuccessfully ? running.Result : running.AsTask().GetAwaiter().GetResult();
                }
                catch (StatesException)
                {
                    Tick(); // ParallelStateFailed: event ids stay those of the concurrent schedule
                    throw;
                }
                results.Add(OwnResult(output, input));
            }
            Tick(); // ParallelStateSucceeded
            return results;
        }

        /// <summary>
        /// Records how a Parallel or Map state ended and rethrows its failure or the caller's cancellation. A Distributed
        /// Map's Map Run ends first (MapRunFailed carries the error; MapStateFailed then has none, as AWS records it).
        /// </summary>
        private void EndConcurrentState(string kind, string stateName, ExceptionDispatchInfo? failure, bool mapRun = false)
        {
            if (CancellationToken.IsCancellationRequested)
            {
                if (mapRun) { if (_shared.Observed) Record("MapRunAborted", stateName); else Tick(); }
                if (_shared.Observed) Record(kind + "Aborted", stateName); else Tick();
                CancellationToken.ThrowIfCancellationRequested();
            }
            if (failure != null)
            {
                if (_shared.Observed)
                {
                    var se = failure.SourceException as StatesException;
                    if (mapRun)
                    {
                        Record("MapRunFailed", stateName, error: se?.Error, cause: se?.Cause);
                        Record(kind + "Failed", stateName);
                    }
                    else Record(kind + "Failed", stateName, error: se?.Error, cause: se?.Cause);
                }
                else
                {
                    if (mapRun) Tick();
                    Tick();
                }
                failure.Throw();
            }
            if (mapRun) { if (_shared.Observed) Record("MapRunSucceeded", stateName); else Tick(); }
            if (_shared.Observed) Record(kind + "Succeeded", stateName); else Tick();
        }

        // Branches and iterations may return the very same node (their shared input, or part of it), so each result
        // is owned as it is added: copied when it has a parent or belongs to the input's tree.
        private static JsonArray ToArray(JsonNode?[] results, JsonNode? input = null)
        {
            var array = new JsonArray();
            foreach (var r in results) array.Add(OwnResult(r, input));
            return array;
        }

        private static JsonNode? OwnResult(JsonNode? result, JsonNode? input)
            => result != null && input != null && ReferenceEquals(result.Root, input.Root) ? result.DeepClone() : Json.Own(result);

        /// <summary>
        /// Runs a Map state's iterations in an <see cref="IterationWindow"/>: at most <paramref name="maxConcurrency"/>
        /// at a time (0 means unbounded), a new one starting as soon as any running one ends, inline while they complete
        /// synchronously. Output is in item order. A failure beyond the tolerated threshold
        /// cancels the running iterations and fails the state. With a Map Run (a Distributed Map) each iteration is a child
        /// workflow execution (the iteration calls <see cref="RunMapChildAsync"/>), the history shows the Map Run instead
        /// of the iterations, and any failed child counts against the tolerated failures (none by default).
        /// </summary>
        public async Task<JsonNode?> RunMapAsync(string stateName, JsonNode? mapInput, JsonArray items, int maxConcurrency, MapTolerance tolerance,
            Func<JsonNode?, int, JsonNode?, Execution, ValueTask<JsonNode?>> iteration, bool synchronousItems = false, MapRunInfo? mapRun = null)
        {
            if (TestRun is { } test) return test.MockedMap(maxConcurrency, tolerance);
            int count = items.Count;
            var results = new JsonNode?[count];
            if (_shared.Observed) Record("MapStateStarted", stateName, length: count); else Tick();
            bool distributed = mapRun != null;
            if (distributed)
            {
                if (_shared.Observed) Record("MapRunStarted", stateName, resource: MapRunArn(mapRun!)); else Tick();
            }
            if (count == 0)
            {
                if (distributed) { if (_shared.Observed) Record("MapRunSucceeded", stateName); else Tick(); }
                if (_shared.Observed) Record("MapStateSucceeded", stateName); else Tick();
                return new JsonArray();
            }
            var itemArray = items.ToArray();
            var prefix = ChildPrefix();
            using var siblings = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
            ExceptionDispatchInfo? firstFailure = null;
            int failed = 0;
            Execution? reusable = null;
            // A path whose iteration succeeded, for the next iteration to take: iterations that complete synchronously
            // then share one path, as with synchronousItems, and concurrent ones allocate only those they overlap with.
            Execution? idle = null;
            try
            {
                // An item processor that never waits (Pass, Choice, Succeed, Fail only) gains nothing from the thread
                // pool: its iterations run one after the other, which is one valid schedule of the concurrent Map.
                if (synchronousItems)
                {
                    // One after the other, so one execution path serves every iteration in turn.
                    reusable = Child(siblings.Token, prefix, 0);
                    for (int index = 0; index < count && !siblings.IsCancellationRequested; index++)
                        await RunItem(index, siblings.Token).ConfigureAwait(false);
                }
                // Otherwise iterations still run inline while they complete synchronously; the window goes concurrent
                // (up to maxConcurrency) only when one waits or blocks.
                else await IterationWindow.RunAsync(count, maxConcurrency, siblings.Token, RunItem).ConfigureAwait(false);

                async ValueTask RunItem(int index, CancellationToken ct)
                {
                    var path = (reusable ?? Interlocked.Exchange(ref idle, null))?.ResetAsChildOf(this, prefix, index) ?? Child(ct, prefix, index);
                    using var span = Telemetry.Source.HasListeners() ? Telemetry.Source.StartActivity(stateName + " #" + index.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
                    span?.SetTag("statesgen.machine", _shared.Machine.Name);
                    span?.SetTag("statesgen.state", stateName);
                    span?.SetTag("statesgen.iteration", index);
                    // A Distributed Map's iterations are child executions, with events of their own.
                    if (!distributed) { if (_shared.Observed) path.Record("MapIterationStarted", stateName, index: index); else path.Tick(); }
                    try
                    {
                        results[index] = await iteration(mapInput, index, itemArray[index], path).ConfigureAwait(false);
                        path.EndState(null);
                        if (!distributed) { if (_shared.Observed) path.Record("MapIterationSucceeded", stateName, index: index); else path.Tick(); }
                        // Every iteration of this Map runs on the same token (siblings'), so any of them may take this path.
                        if (reusable == null && !distributed) Volatile.Write(ref idle, path);
                    }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested)
                    {
                        path.EndState(null);
                        if (!distributed) { if (_shared.Observed) path.Record("MapIterationAborted", stateName, index: index); else path.Tick(); }
                    }
                    catch (StatesException e) when (distributed ? e is ChildExecutionFailed : tolerance.IsSet && Errors.IsRecoverable(e.Error))
                    {
                        path.EndState(e);
                        path.FailedHere();
                        Telemetry.Fail(span, e);
                        if (!distributed) { if (_shared.Observed) path.Record("MapIterationFailed", stateName, error: e.Error, cause: e.Cause, index: index); else path.Tick(); }
                        results[index] = Errors.ToOutput(e);
                        // A Map Run fails once more children failed than it tolerates: by default, when any one fails.
                        if (tolerance.IsExceeded(Interlocked.Increment(ref failed), count))
                        {
                            Interlocked.CompareExchange(ref firstFailure, ExceptionDispatchInfo.Capture(new StatesException(StatesErrors.ExceedToleratedFailureThreshold,
                                distributed ? "The specified tolerated failure threshold was exceeded"
                                    : $"The specified tolerated failure threshold was exceeded in the Map state '{stateName}'.")), null);
                            siblings.Cancel();
                        }
                    }
                    catch (Exception e)
                    {
                        path.EndState(e as StatesException);
                        path.FailedHere();
                        if (e is StatesException se)
                        {
                            Telemetry.Fail(span, se);
                            if (_shared.Observed) path.Record("MapIterationFailed", stateName, error: se.Error, cause: se.Cause, index: index); else path.Tick();
                        }
                        Interlocked.CompareExchange(ref firstFailure, ExceptionDispatchInfo.Capture(e), null);
                        siblings.Cancel();
                    }
                }
            }
            catch (OperationCanceledException) when (siblings.IsCancellationRequested)
            {
            }
            EndConcurrentState("MapState", stateName, firstFailure, distributed);
            return ToArray(results);
        }
    }
}
