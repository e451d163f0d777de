using System;
using System.Text.Json.Nodes;

namespace StatesGen.Durability
{
    /// <summary>Where a task token stands.</summary>
    public enum TaskTokenStatus
    {
        /// <summary>Registered, not answered yet.</summary>
        Waiting,
        /// <summary>Answered by SendTaskSuccess.</summary>
        Succeeded,
        /// <summary>Answered by SendTaskFailure.</summary>
        Failed,
        /// <summary>Its timeout or heartbeat deadline passed before an answer.</summary>
        TimedOut,
        /// <summary>Its execution ended while it was waiting.</summary>
        Closed,
    }

    /// <summary>A registered task token: the task that waits for it, its deadlines, and its answer once there is one.</summary>
    public sealed record TaskTokenRecord
    {
        /// <summary>The token.</summary>
        public required string TaskToken { get; init; }

        /// <summary>The execution whose task waits for it.</summary>
        public required long ExecutionId { get; init; }

        /// <summary>The journal key of the task that waits for it.</summary>
        public required string JournalKey { get; init; }

        /// <summary>Waiting, or how it was answered.</summary>
        public required TaskTokenStatus Status { get; init; }

        /// <summary>When it was first registered.</summary>
        public required DateTimeOffset RegisteredAt { get; init; }

        /// <summary>When the task times out (TimeoutSeconds after registration); null for never.</summary>
        public DateTimeOffset? TimeoutAt { get; init; }

        /// <summary>The task's HeartbeatSeconds; null when it needs no heartbeats.</summary>
        public TimeSpan? HeartbeatInterval { get; init; }

        /// <summary>When the last heartbeat arrived (the registration time until the first one).</summary>
        public required DateTimeOffset LastHeartbeat { get; init; }

        /// <summary>The answer of a succeeded token.</summary>
        public JsonNode? Output { get; init; }

        /// <summary>The error of a failed or timed-out token (<c>States.Timeout</c> for a timeout).</summary>
        public string? Error { get; init; }

        /// <summary>The cause that goes with <see cref="Error"/>.</summary>
        public string? Cause { get; init; }

        /// <summary>When it was answered, timed out or closed.</summary>
        public DateTimeOffset? AnsweredAt { get; init; }

        /// <summary>The earlier of the timeout and the heartbeat deadline; null when neither applies.</summary>
        public DateTimeOffset? Deadline
        {
            get
            {
                DateTimeOffset? heartbeatDue = HeartbeatInterval is { } interval ? LastHeartbeat + interval : null;
                if (TimeoutAt is null) return heartbeatDue;
                if (heartbeatDue is null) return TimeoutAt;
                return heartbeatDue < TimeoutAt ? heartbeatDue : TimeoutAt;
            }
        }
    }
}
