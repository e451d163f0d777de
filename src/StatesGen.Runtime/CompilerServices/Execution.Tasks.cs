using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace StatesGen.CompilerServices
{
    public sealed partial class Execution
    {
        /// <summary>AWS's default Task timeout when TimeoutSeconds is not set.</summary>
        private const int DefaultTaskTimeoutSeconds = 99_999_999;

        /// <summary>A fresh token for a callback task, registered so SendTaskSuccess/Failure can find it.</summary>
        public string NewTaskToken()
        {
            static string Fresh() => Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
            if (TestRun?.TaskToken() is { } given) return given;
            return Durable == null ? Fresh() : Effect("token", static () => JsonValue.Create(Fresh()))!.GetValue<string>();
        }

        /// <summary>
        /// Calls the handler for a Task state. A handler's StatesException fails the state with its error; any other
        /// exception with the exception type's short name (as AWS Lambda reports .NET exceptions) and its message.
        /// Cancellation by the caller propagates as OperationCanceledException. TimeoutSeconds and HeartbeatSeconds
        /// give States.Timeout. For a callback task, a non-null handler result completes it at once; a null result
        /// means "wait for SendTaskSuccess/SendTaskFailure on the token". With <paramref name="resultIsOnlyRead"/> (the
        /// state has a ResultSelector, which builds a new result) a result that belongs to another tree is not copied.
        /// <paramref name="task"/> is the state's index among the machine's Task states: a machine built from typed
        /// handlers calls the one bound to it (<see cref="BoundTasks"/>); -1 (ItemReader, ResultWriter) or a machine
        /// built from one <see cref="TaskHandler"/> calls that handler.
        /// </summary>
        public ValueTask<JsonNode?> InvokeTaskAsync(string stateName, string resource, JsonNode? input, int retryCount, string? taskToken,
            int timeoutSeconds, int heartbeatSeconds, JsonNode? credentials, bool resultIsOnlyRead = false, int task = -1)
        {
            CheckIntegrationParameters(resource, input);
            if (TestRun is { MocksTask: true } test) return new ValueTask<JsonNode?>(test.Mocked());
            // Found behind the handler on each call (a type check) rather than kept per execution, which would cost every execution.
            var taskHandler = task >= 0 && BoundTasks.Of(_shared.Handler) is { } bound ? bound[task] : _shared.Handler;
            // A states:startExecution Task that names a definition of the project runs it here (Execution.Nested.cs).
            if (_shared.Machine.Links != null && NestedHandler(resource, input, taskHandler) is { } nested) taskHandler = nested;
            if (_shared.Durable is { } durable)
                return InvokeDurableAsync(durable, taskHandler, stateName, resource, input, retryCount, taskToken, timeoutSeconds, heartbeatSeconds, credentials);
            // The common case (no callback, no timer that can fire, nobody watching) needs no async state machine when the
            // handler completes synchronously. A path that can be cancelled (every Map iteration and Parallel branch:
            // a failing sibling cancels it) takes it too; only a handler that really waits is raced against the token.
            if (taskToken == null && !_shared.Observed && timeoutSeconds <= 0)
            {
                bool cancellable = CancellationToken.CanBeCanceled;
                if (cancellable) CancellationToken.ThrowIfCancellationRequested();
                var invocation = new TaskInvocation(stateName, resource, input, null, retryCount, credentials, _shared.NameReader);
                Tick(); // TaskScheduled
                Tick(); // TaskStarted
                ValueTask<JsonNode?> running;
                try
                {
                    running = taskHandler(invocation, CancellationToken);
                }
                catch (Exception e) when (!(e is OperationCanceledException && CancellationToken.IsCancellationRequested))
                {
                    Tick(); // TaskFailed
                    if (e is StatesException) throw;
                    throw new StatesException(e.GetType().Name, e.Message, e);
                }
                // A result that only this path's ResultSelector reads needs no detaching, nor, where no other path
                // can read it, materializing.
                bool onlyRead = resultIsOnlyRead && !_shared.Machine.Concurrent;
                if (running.IsCompletedSuccessfully) return new ValueTask<JsonNode?>(FinishDirect(running.Result, resource, onlyRead));
                return cancellable ? AwaitCancellableAsync(running, resource, onlyRead) : AwaitDirectAsync(running, resource, onlyRead);
            }
            return InvokeTaskCoreAsync(taskHandler, stateName, resource, input, retryCount, taskToken, timeoutSeconds, heartbeatSeconds, credentials, resultIsOnlyRead);
        }

        private JsonNode? FinishDirect(JsonNode? result, string resource, bool resultIsOnlyRead)
        {
            try
            {
                return CheckTaskResult(resultIsOnlyRead ? result : Json.Materialize(Json.Own(result)), resource);
            }
            finally
            {
                Tick(); // TaskSucceeded, or TaskFailed for a result over the payload limit: one event either way, as with history
            }
        }

        private async ValueTask<JsonNode?> AwaitDirectAsync(ValueTask<JsonNode?> running, string resource, bool resultIsOnlyRead)
        {
            JsonNode? result;
            try
            {
                result = await running.ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Tick(); // TaskFailed
                if (e is StatesException) throw;
                throw new StatesException(e.GetType().Name, e.Message, e);
            }
            return FinishDirect(result, resource, resultIsOnlyRead);
        }

        // A handler that waits on a path that can be cancelled: the path's cancellation ends the task at once, and the
        // handler's work, told to stop by the same token, is still observed (as in InvokeTaskCoreAsync).
        private async ValueTask<JsonNode?> AwaitCancellableAsync(ValueTask<JsonNode?> running, string resource, bool resultIsOnlyRead)
        {
            var work = HandlerOutcomeAsync(running, CancellationToken);
            JsonNode? result;
            try
            {
                result = await WaitForTaskAsync(work, Timeout.InfiniteTimeSpan, work).ConfigureAwait(false);
            }
            catch (StatesException)
            {
                Tick(); // TaskFailed
                throw;
            }
            return FinishDirect(result, resource, resultIsOnlyRead);
        }

        private async ValueTask<JsonNode?> InvokeTaskCoreAsync(TaskHandler taskHandler, string stateName, string resource, JsonNode? input, int retryCount, string? taskToken,
            int timeoutSeconds, int heartbeatSeconds, JsonNode? credentials, bool resultIsOnlyRead)
        {
            CancellationToken.ThrowIfCancellationRequested();
            // AWS's default of 99,999,999 s (over three years, longer than any execution may run) never fires.
            var timeout = timeoutSeconds > 0 ? TimeSpan.FromSeconds(timeoutSeconds) : Timeout.InfiniteTimeSpan;
            var tokens = _shared.Options.TaskTokens;
            TaskTokens.Pending? pending = null;
            if (taskToken != null)
            {
                pending = new TaskTokens.Pending();
                taskToken = tokens.Register(pending, taskToken);
            }
            var invocation = new TaskInvocation(stateName, resource, input, taskToken, retryCount, credentials, _shared.NameReader);
            // A token of its own only when something other than the caller can end the task: a timeout or a callback.
            using var taskCancellation = timeout != Timeout.InfiniteTimeSpan || pending != null ? CancellationTokenSource.CreateLinkedTokenSource(CancellationToken) : null;
            LongTimer? heartbeat = null;
            var kind = _shared.Observed ? EventKind(resource) : "";
            if (_shared.Observed)
            {
                Record(kind + "Scheduled", stateName, input: input, resource: resource);
                Record(kind + "Started", stateName, resource: resource);
            }
            else { Tick(); Tick(); }
            try
            {
                if (taskCancellation == null && !CancellationToken.CanBeCanceled)
                {
                    // Nothing can end the task early: await the handler directly, without wrapping it in a Task.
                    JsonNode? direct;
                    try
                    {
                        direct = await taskHandler(invocation, CancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not StatesException)
                    {
                        throw new StatesException(e.GetType().Name, e.Message, e);
                    }
                    direct = CheckTaskResult(resultIsOnlyRead ? direct : Json.Materialize(Json.Own(direct)), resource);
                    if (_shared.Observed) Record(kind + "Succeeded", stateName, output: direct, resource: resource); else Tick();
                    return direct;
                }
                var handler = CallHandlerAsync(taskHandler, invocation, taskCancellation?.Token ?? CancellationToken);
                var work = handler;
                if (pending != null)
                {
                    if (heartbeatSeconds > 0)
                    {
                        var interval = TimeSpan.FromSeconds(heartbeatSeconds);
                        using (Deadlines(handler))
                            heartbeat = new LongTimer(Time, interval, static state => ((TaskTokens.Pending)state!).Completion.TrySetException(
                                new StatesException(StatesErrors.Timeout, "The task did not send a heartbeat within HeartbeatSeconds.")), pending);
                        var timer = heartbeat;
                        pending.Heartbeat = () => timer.Change(interval);
                    }
                    work = CallbackAsync(work, pending);
                }
                var result = await WaitForTaskAsync(work, timeout, handler).ConfigureAwait(false);
                result = Json.Materialize(Json.Own(result));
                result = CheckTaskResult(result, resource);
                if (_shared.Observed) Record(kind + "Succeeded", stateName, output: result, resource: resource); else Tick();
                return result;
            }
            catch (TimeoutException)
            {
                var e = new StatesException(StatesErrors.Timeout, $"The task '{stateName}' did not complete within TimeoutSeconds ({timeoutSeconds}).");
                if (_shared.Observed) Record(kind + "TimedOut", stateName, error: e.Error, cause: e.Cause, resource: resource); else Tick();
                throw e;
            }
            catch (StatesException e)
            {
                // Without history the event is still counted, so the event ids in later causes are the same either way.
                if (_shared.Observed) Record(kind + (e.Error == StatesErrors.Timeout ? "TimedOut" : "Failed"), stateName, error: e.Error, cause: e.Cause, resource: resource);
                else Tick();
                throw;
            }
            finally
            {
                taskCancellation?.Cancel();
                heartbeat?.Dispose();
                if (taskToken != null) tokens.Remove(taskToken);
            }
        }

        /// <summary>
        /// The parameter shapes Step Functions checks before it starts a service integration (States.Runtime, the task
        /// is never scheduled). API Gateway: Headers and QueryParameters map names to arrays of strings (recorded:
        /// task-apigw-008, a single string header value).
        /// </summary>
        private void CheckIntegrationParameters(string resource, JsonNode? parameters)
        {
            // "arn:aws:states:::" has its 's' at index 8; Lambda ARNs ("arn:aws:lambda:") and most others do not, and skip
            // the comparison (it ran for every task).
            if (resource.Length < 34 || resource[8] != 's' || parameters is not JsonObject o
                || !resource.StartsWith("arn:aws:states:::apigateway:invoke", StringComparison.Ordinal)) return;
            foreach (var field in new[] { "Headers", "QueryParameters" })
            {
                if (!o.TryGetPropertyValue(field, out var value) || value is null) continue;
                bool valid = value is JsonObject map;
                if (valid)
                {
                    foreach (var entry in (JsonObject)value)
                    {
                        if (entry.Value is JsonArray list && list.All(item => item is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)) continue;
                        valid = false;
                        break;
                    }
                }
                if (!valid)
                    throw RuntimeError($"The Parameters '{Json.Text(parameters)}' could not be used to start the Task: [The value of the field '{field}' has an invalid format]");
            }
        }

        // AWS's history names the events of a bare Lambda ARN LambdaFunction*, of an activity Activity*, of the rest Task*.
        private static string EventKind(string resource) =>
            resource.StartsWith("arn:aws:lambda:", StringComparison.Ordinal) ? "LambdaFunction"
            : resource.StartsWith("arn:aws:states:", StringComparison.Ordinal) && resource.Contains(":activity:") ? "Activity"
            : "Task";

        // AWS names the service of an integration ('lambda' for arn:aws:states:::lambda:invoke) or the resource ARN.
        private static string ResourceLabel(string resource)
        {
            const string Integration = "arn:aws:states:::";
            if (!resource.StartsWith(Integration, StringComparison.Ordinal)) return resource;
            var rest = resource.Substring(Integration.Length);
            int colon = rest.IndexOf(':');
            return colon < 0 ? rest : rest.Substring(0, colon);
        }

        // The cause names the resource's service; the label is only built when the check fails.
        private JsonNode? CheckTaskResult(JsonNode? result, string resource)
        {
            if (_shared.Options.EnforcePayloadLimit && Json.ExceedsPayloadLimit(result)) CheckPayload(result, ResourceLabel(resource));
            return result;
        }

        /// <summary>
        /// Waits for a task's work until its timeout (<see cref="TimeoutException"/>) or the path's cancellation. Work
        /// left behind (timed out or cancelled) is told to stop by the task's token and still observed, so its eventual
        /// failure never surfaces as an unobserved task exception.
        /// </summary>
        private async Task<JsonNode?> WaitForTaskAsync(Task<JsonNode?> work, TimeSpan timeout, Task handler)
        {
            try
            {
                if (timeout == Timeout.InfiniteTimeSpan || timeout <= LongTimer.MaxStep)
                {
                    Task<JsonNode?> waiting;
                    using (Deadlines(handler)) waiting = work.WaitAsync(timeout, Time, CancellationToken);
                    return await waiting.ConfigureAwait(false);
                }
                var expired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                LongTimer timer;
                using (Deadlines(handler)) timer = new LongTimer(Time, timeout, static state => ((TaskCompletionSource)state!).TrySetResult(), expired);
                using (timer)
                {
                    var first = await Task.WhenAny(work, expired.Task).WaitAsync(CancellationToken).ConfigureAwait(false);
                    if (first != work) throw new TimeoutException();
                }
                return await work.ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException && !work.IsCompleted)
            {
                Abandon(work);
                throw;
            }
        }

        // Timers created in this scope are deadlines of the handler: a test clock that advances on its own waits for it.
        private IDisposable? Deadlines(Task handler) => Time is IAutoAdvancingClock clock ? clock.DeadlinesOf(handler) : null;

        /// <summary>Observes the outcome of work nobody waits for any more (its result or error no longer matters).</summary>
        internal static void Abandon(Task work) =>
            work.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously | TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

        private static async Task<JsonNode?> CallHandlerAsync(TaskHandler taskHandler, TaskInvocation invocation, CancellationToken cancellationToken)
        {
            try
            {
                return await taskHandler(invocation, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!IsTaskOutcome(e, cancellationToken))
            {
                throw new StatesException(e.GetType().Name, e.Message, e);
            }
        }

        private static async Task<JsonNode?> HandlerOutcomeAsync(ValueTask<JsonNode?> running, CancellationToken cancellationToken)
        {
            try
            {
                return await running.ConfigureAwait(false);
            }
            catch (Exception e) when (!IsTaskOutcome(e, cancellationToken))
            {
                throw new StatesException(e.GetType().Name, e.Message, e);
            }
        }

        // What a handler may throw as it is: a States error, or the cancellation it was asked for. Anything else fails
        // the task with the exception's type name as the error.
        private static bool IsTaskOutcome(Exception e, CancellationToken cancellationToken) =>
            e is StatesException || e is OperationCanceledException && cancellationToken.IsCancellationRequested;

        // The handler sends the token somewhere (a queue, an email, a person); the task ends when the token is answered.
        private static async Task<JsonNode?> CallbackAsync(Task<JsonNode?> handler, TaskTokens.Pending pending)
        {
            var immediate = await handler.ConfigureAwait(false);
            if (immediate is not null) pending.Completion.TrySetResult(immediate);
            return await pending.Completion.Task.ConfigureAwait(false);
        }

        /// <summary>Reads a Map's items through the task handler (ItemReader); the result must be an array.</summary>
        public async ValueTask<JsonArray> ReadItemsAsync(string stateName, string resource, JsonNode? parameters)
        {
            var result = await InvokeTaskAsync(stateName, resource, parameters, 0, null, 0, 0, null).ConfigureAwait(false);
            return result as JsonArray ?? throw new StatesException(StatesErrors.ItemReaderFailed,
                $"The ItemReader of '{stateName}' ({resource}) must return a JSON array of items, but returned {Json.Text(result)}.");
        }

        /// <summary>Hands a Map's results to the task handler (ResultWriter); its answer becomes the Map's result.</summary>
        public async ValueTask<JsonNode?> WriteResultsAsync(string stateName, string resource, JsonNode? parameters, JsonNode? results)
        {
            var input = parameters as JsonObject ?? new JsonObject();
            input["Results"] = Json.Own(results);
            try
            {
                return await InvokeTaskAsync(stateName, resource, input, 0, null, 0, 0, null).ConfigureAwait(false);
            }
            catch (StatesException e) when (Errors.IsRecoverable(e.Error))
            {
                throw new StatesException(StatesErrors.ResultWriterFailed, e.Error + ": " + e.Cause, e);
            }
        }
    }
}
