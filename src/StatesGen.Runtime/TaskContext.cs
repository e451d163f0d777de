using System.Threading;

namespace StatesGen
{
    /// <summary>What a typed Task handler gets besides its input: the invocation and the cancellation token.</summary>
    public readonly struct TaskContext
    {
        /// <summary>Creates a context.</summary>
        public TaskContext(TaskInvocation invocation, CancellationToken cancellationToken)
        {
            Invocation = invocation;
            CancellationToken = cancellationToken;
        }

        /// <summary>The invocation: state name, resource, effective input, task token, retry count.</summary>
        public TaskInvocation Invocation { get; }

        /// <summary>Cancelled when the execution is cancelled, the task times out, or a sibling branch fails.</summary>
        public CancellationToken CancellationToken { get; }

        /// <summary>The task token of a callback task, or null.</summary>
        public string? TaskToken => Invocation.TaskToken;

        /// <summary>How many times the state has been retried so far.</summary>
        public int RetryCount => Invocation.RetryCount;

        /// <summary>The attempt's idempotency key (<see cref="TaskInvocation.IdempotencyKey"/>).</summary>
        public string IdempotencyKey => Invocation.IdempotencyKey;
    }
}
