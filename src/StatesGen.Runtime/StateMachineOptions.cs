using System;

namespace StatesGen
{
    /// <summary>Options for the executions of a generated state machine.</summary>
    public sealed class StateMachineOptions
    {
        /// <summary>The options used when none are given: system time, a shared task-token registry.</summary>
        public static StateMachineOptions Default { get; } = new StateMachineOptions();

        /// <summary>
        /// The clock for Wait states, retry delays, task timeouts, heartbeats and <c>$$</c> timestamps. Pass a manual
        /// time provider in tests to run a one-day Wait in milliseconds.
        /// </summary>
        public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

        /// <summary>Where callback (<c>.waitForTaskToken</c>) tasks wait for <c>SendTaskSuccess</c>/<c>SendTaskFailure</c>.</summary>
        public TaskTokens TaskTokens { get; init; } = TaskTokens.Shared;

        /// <summary>Random source for retry jitter and States.MathRandom; null for a shared thread-safe one.</summary>
        public Random? Random { get; init; }

        /// <summary>
        /// Whether payloads over 262,144 bytes (task results, state outputs) fail with States.DataLimitExceeded as in
        /// AWS. On by default so a definition that works here also works in AWS; turn off to save the size check.
        /// </summary>
        public bool EnforcePayloadLimit { get; init; } = true;

        /// <summary>Sees every execution history event as it happens; null (the default) records nothing.</summary>
        public IExecutionObserver? Observer { get; init; }

        /// <summary>The ARN-like id of the state machine in <c>$$.StateMachine.Id</c>; defaults to a local ARN built from the class name.</summary>
        public string? StateMachineArn { get; init; }
    }
}
