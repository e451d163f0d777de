using System;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using StatesGen.Durability;

namespace StatesGen.CompilerServices
{
    // Task states of an execution with a store: a recorded outcome is replayed, never invoked again; an invocation is
    // preceded by a write of everything recorded so far and followed by a record of its outcome.
    public sealed partial class Execution
    {
        private async ValueTask<JsonNode?> InvokeDurableAsync(DurableRun durable, TaskHandler taskHandler, string stateName, string resource, JsonNode? input,
            int retryCount, string? taskToken, int timeoutSeconds, int heartbeatSeconds, JsonNode? credentials)
        {
            CancellationToken.ThrowIfCancellationRequested();
            // The task's deadline counts from its first invocation, across restarts (a callback's is kept by the store).
            DateTimeOffset? due = timeoutSeconds > 0 && taskToken == null
                ? FromTicks(Effect("due", () => Ticks(Time.GetUtcNow() + TimeSpan.FromSeconds(timeoutSeconds))))
                : null;
            bool replayed = Replay(durable, "task", out var key, out var recorded);
            var kind = EventKind(resource);
            Record(kind + "Scheduled", stateName, input: input, resource: resource);
            Record(kind + "Started", stateName, resource: resource);
            if (replayed)
            {
                if (recorded is JsonObject outcome && outcome.TryGetPropertyValue("error", out var error))
                {
                    var failure = new StatesException((string?)error ?? "", (string?)outcome["cause"]);
                    Record(kind + (failure.Error == StatesErrors.Timeout ? "TimedOut" : "Failed"), stateName, error: failure.Error, cause: failure.Cause, resource: resource);
                    throw failure;
                }
                var replayedResult = recorded?["result"];
                replayedResult?.Parent?.AsObject().Remove("result");
                Record(kind + "Succeeded", stateName, output: replayedResult, resource: resource);
                return replayedResult;
            }
            var invocation = new TaskInvocation(stateName, resource, input, taskToken, retryCount, credentials, _shared.NameReader)
            {
                IdempotencyKey = DurableRun.IdempotencyKey(_shared.Id, key),
            };
            // Everything recorded so far (this task's token and deadline, the clock reads and random values its input may
            // hold, earlier results) is written before the task can act on it.
            await durable.FlushAsync().ConfigureAwait(false);
            JsonNode? result;
            try
            {
                if (taskToken != null)
                {
                    result = await CallbackDurableAsync(durable, key, taskHandler, invocation, timeoutSeconds, heartbeatSeconds).ConfigureAwait(false);
                }
                else
                {
                    var timeout = due is { } d ? d - Time.GetUtcNow() : Timeout.InfiniteTimeSpan;
                    if (due != null && timeout <= TimeSpan.Zero) throw new TimeoutException();
                    using var taskCancellation = due != null ? CancellationTokenSource.CreateLinkedTokenSource(CancellationToken) : null;
                    var handler = CallHandlerAsync(taskHandler, invocation, taskCancellation?.Token ?? CancellationToken);
                    try
                    {
                        result = await WaitForTaskAsync(handler, timeout, handler).ConfigureAwait(false);
                    }
                    finally
                    {
                        taskCancellation?.Cancel();
                    }
                }
                result = CheckTaskResult(Json.Materialize(Json.Own(result)), resource);
            }
            catch (TimeoutException)
            {
                var e = new StatesException(StatesErrors.Timeout, $"The task '{stateName}' did not complete within TimeoutSeconds ({timeoutSeconds}).");
                durable.Add(key, new JsonObject { ["error"] = e.Error, ["cause"] = e.Cause });
                Record(kind + "TimedOut", stateName, error: e.Error, cause: e.Cause, resource: resource);
                throw e;
            }
            catch (StatesException e)
            {
                durable.Add(key, new JsonObject { ["error"] = e.Error, ["cause"] = e.Cause });
                Record(kind + (e.Error == StatesErrors.Timeout ? "TimedOut" : "Failed"), stateName, error: e.Error, cause: e.Cause, resource: resource);
                throw;
            }
            durable.Add(key, new JsonObject { ["result"] = result?.DeepClone() });
            Record(kind + "Succeeded", stateName, output: result, resource: resource);
            return result;
        }

        /// <summary>
        /// A callback task with a store: the token is registered in the store (its deadlines count from the first
        /// registration), the handler is called unless an answer already arrived while nothing ran the execution, and the
        /// answer is awaited from the store, which sees answers written by any process.
        /// </summary>
        private async Task<JsonNode?> CallbackDurableAsync(DurableRun durable, string key, TaskHandler taskHandler, TaskInvocation invocation, int timeoutSeconds, int heartbeatSeconds)
        {
            var token = invocation.TaskToken!;
            var registration = await durable.Store.RegisterTaskTokenAsync(durable.Lease, token, key,
                timeoutSeconds > 0 ? TimeSpan.FromSeconds(timeoutSeconds) : null,
                heartbeatSeconds > 0 ? TimeSpan.FromSeconds(heartbeatSeconds) : null, CancellationToken).ConfigureAwait(false);
            if (registration.Status == TaskTokenStatus.Waiting)
            {
                using var handlerCancellation = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
                var waiting = durable.Store.WaitForTaskTokenAsync(token, handlerCancellation.Token);
                JsonNode? immediate;
                try
                {
                    immediate = await CallHandlerAsync(taskHandler, invocation, handlerCancellation.Token).ConfigureAwait(false);
                }
                catch (StatesException e)
                {
                    // The handler failed before it handed the token on: the task fails with its error, as without a store.
                    await AnswerQuietlyAsync(durable.Store.SendTaskFailureAsync(token, e.Error, e.Cause)).ConfigureAwait(false);
                    Abandon(waiting);
                    throw;
                }
                if (immediate is not null) await AnswerQuietlyAsync(durable.Store.SendTaskSuccessAsync(token, immediate)).ConfigureAwait(false);
                registration = await waiting.ConfigureAwait(false);
            }
            return registration.Status switch
            {
                TaskTokenStatus.Succeeded => registration.Output,
                TaskTokenStatus.Failed => throw new StatesException(registration.Error ?? "", registration.Cause),
                TaskTokenStatus.TimedOut => throw new StatesException(registration.Error ?? StatesErrors.Timeout, registration.Cause),
                _ => throw new StatesException(StatesErrors.Runtime, $"The task token of '{invocation.StateName}' was closed while the execution waited for it."),
            };
        }

        // An answer may race with one from outside (or a timeout): whichever the store took first wins.
        private static async Task AnswerQuietlyAsync(Task answering)
        {
            try
            {
                await answering.ConfigureAwait(false);
            }
            catch (StatesException e) when (e.Error == StatesErrors.TaskTimedOut)
            {
            }
        }
    }
}
