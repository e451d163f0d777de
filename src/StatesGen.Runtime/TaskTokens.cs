using System;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace StatesGen
{
    /// <summary>
    /// The callback API of <c>.waitForTaskToken</c> tasks: the counterpart of Step Functions' SendTaskSuccess,
    /// SendTaskFailure and SendTaskHeartbeat. A callback task waits here until one of them names its token.
    /// </summary>
    public sealed class TaskTokens
    {
        /// <summary>The registry used by <see cref="StateMachineOptions.Default"/>.</summary>
        public static TaskTokens Shared { get; } = new TaskTokens();

        private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);

        internal sealed class Pending
        {
            public readonly TaskCompletionSource<JsonNode?> Completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
            public Action? Heartbeat;
        }

        internal string Register(Pending pending, string token)
        {
            _pending[token] = pending;
            return token;
        }

        internal Pending? Find(string token) => _pending.TryGetValue(token, out var p) ? p : null;

        internal void Remove(string token) => _pending.TryRemove(token, out _);

        /// <summary>Completes the task waiting on <paramref name="taskToken"/> with <paramref name="output"/> as its result.</summary>
        /// <exception cref="StatesException"><c>States.TaskTimedOut</c> when the token is unknown, already completed or timed out.</exception>
        public void SendTaskSuccess(string taskToken, JsonNode? output)
        {
            if (!_pending.TryRemove(taskToken, out var p) || !p.Completion.TrySetResult(output?.DeepClone()))
                throw InvalidToken(taskToken);
        }

        /// <summary>Fails the task waiting on <paramref name="taskToken"/> with the given error and cause.</summary>
        /// <exception cref="StatesException"><c>States.TaskTimedOut</c> when the token is unknown, already completed or timed out.</exception>
        public void SendTaskFailure(string taskToken, string error, string? cause = null)
        {
            if (!_pending.TryRemove(taskToken, out var p) || !p.Completion.TrySetException(new StatesException(error, cause)))
                throw InvalidToken(taskToken);
        }

        /// <summary>Tells the task waiting on <paramref name="taskToken"/> that work is still going on (resets HeartbeatSeconds).</summary>
        /// <exception cref="StatesException"><c>States.TaskTimedOut</c> when the token is unknown, already completed or timed out.</exception>
        public void SendTaskHeartbeat(string taskToken)
        {
            if (!_pending.TryGetValue(taskToken, out var p)) throw InvalidToken(taskToken);
            p.Heartbeat?.Invoke();
        }

        /// <summary>Whether a task is currently waiting on the token.</summary>
        public bool IsPending(string taskToken) => _pending.ContainsKey(taskToken);

        private static StatesException InvalidToken(string token) =>
            new(StatesErrors.TaskTimedOut, $"Task token '{token}' is not waiting for a response: it is unknown, already completed, or timed out.");
    }
}
