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

        /// <summary>
        /// Where executions are kept so they survive restarts and crashes (such as <c>StatesGen.Sqlite.SqliteExecutionStore</c>);
        /// null (the default) keeps executions in memory only. With a store, <c>StartExecutionAsync</c> and
        /// <c>ExecuteAsync</c> persist each execution from its start and record every effect that is not a pure function
        /// of the definition and the data, and the generated <c>ResumeExecutionAsync</c>, <c>RedriveExecutionAsync</c>
        /// and <c>DescribeExecutionAsync</c> work on the stored executions. Callback tasks are then answered through the
        /// store (<see cref="IExecutionStore.SendTaskSuccessAsync"/>), from any process, instead of <see cref="TaskTokens"/>.
        /// </summary>
        public IExecutionStore? Store { get; init; }

        /// <summary>
        /// With a <see cref="Store"/>: how long the lease on a running execution lasts unless renewed (it is renewed every
        /// third of it). After a process dies, another one can take its executions over once their leases expire.
        /// 30 seconds by default.
        /// </summary>
        public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

        /// <summary>The ARN-like id of the state machine in <c>$$.StateMachine.Id</c>; defaults to a local ARN built from the class name.</summary>
        public string? StateMachineArn { get; init; }

        /// <summary>
        /// These options under another state machine ARN (a nested execution's child uses its parent's options), without
        /// the store when <paramref name="stored"/> is false (a Distributed Map's Express child executions).
        /// </summary>
        internal StateMachineOptions WithStateMachineArn(string? stateMachineArn, bool stored = true) => new()
        {
            TimeProvider = TimeProvider,
            TaskTokens = TaskTokens,
            Random = Random,
            EnforcePayloadLimit = EnforcePayloadLimit,
            Observer = Observer,
            Store = stored ? Store : null,
            LeaseDuration = LeaseDuration,
            StateMachineArn = stateMachineArn,
        };
    }
}
