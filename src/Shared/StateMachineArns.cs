using System;

namespace StatesGen
{
    /// <summary>
    /// How a <c>states:startExecution</c> Task names the state machine it starts: one rule for the generator, which links
    /// constant ARNs at build time, and the runtime, which resolves ARNs read from the data.
    /// </summary>
    internal static class StateMachineArns
    {
        private const string Prefix = "arn:aws:states:::states:startExecution";

        /// <summary>Whether a Task resource starts a Step Functions execution, and how it waits for it.</summary>
        public static NestedMode ModeOf(string resource)
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal)) return NestedMode.None;
            return resource.Substring(Prefix.Length) switch
            {
                "" => NestedMode.Start,
                ".sync" => NestedMode.Sync,
                ".sync:2" => NestedMode.SyncJson,
                ".waitForTaskToken" => NestedMode.Callback,
                _ => NestedMode.None,
            };
        }

        private const string SendTaskPrefix = "arn:aws:states:::aws-sdk:sfn:sendTask";

        /// <summary>
        /// Whether a Task resource answers a task token (<c>aws-sdk:sfn:sendTaskSuccess</c>, <c>sendTaskFailure</c>,
        /// <c>sendTaskHeartbeat</c>): a token of an execution in this process or its store is answered in-process.
        /// </summary>
        public static bool AnswersTaskToken(string resource) => resource.StartsWith(SendTaskPrefix, StringComparison.Ordinal)
            && resource.Substring(SendTaskPrefix.Length) is "Success" or "Failure" or "Heartbeat";

        /// <summary>Whether a Task resource works on executions of the project: it starts one, or answers a task token.</summary>
        public static bool IsLinked(string resource) => ModeOf(resource) != NestedMode.None || AnswersTaskToken(resource);

        private const string MachinePart = ":stateMachine:";

        /// <summary>
        /// The account and region part of a state machine ARN (<c>arn:aws:states:us-east-1:123456789012</c>); null for
        /// anything that is not one. Names of the same account and region belong to the same project.
        /// </summary>
        public static string? AccountOf(string arn)
        {
            int at = arn.IndexOf(MachinePart, StringComparison.Ordinal);
            return at > 0 ? arn.Substring(0, at) : null;
        }

        /// <summary>The ARN of state machine <paramref name="name"/> in the account and region of <paramref name="arn"/>; null when it is not a state machine ARN.</summary>
        public static string? Sibling(string arn, string name) => AccountOf(arn) is { } account ? account + MachinePart + name : null;

        /// <summary>
        /// The state machine name in a state machine ARN (<c>arn:aws:states:us-east-1:123456789012:stateMachine:Orders</c>,
        /// also with a version or alias after it); null for anything that is not a state machine ARN.
        /// </summary>
        public static string? NameOf(string arn)
        {
            if (!arn.StartsWith("arn:", StringComparison.Ordinal)) return null;
            var parts = arn.Split(':');
            for (int i = 0; i < parts.Length - 1; i++)
                if (parts[i] == "stateMachine") return parts[i + 1].Length == 0 ? null : parts[i + 1];
            return null;
        }
    }

    /// <summary>The four ways a Task starts another execution.</summary>
    internal enum NestedMode
    {
        /// <summary>Not a <c>states:startExecution</c> resource.</summary>
        None,
        /// <summary><c>startExecution</c>: returns ExecutionArn and StartDate at once; the child runs on.</summary>
        Start,
        /// <summary><c>startExecution.sync</c>: waits; DescribeExecution's shape with Input and Output as JSON text.</summary>
        Sync,
        /// <summary><c>startExecution.sync:2</c>: waits; Input and Output as JSON.</summary>
        SyncJson,
        /// <summary><c>startExecution.waitForTaskToken</c>: starts the child and waits for an answer to the task token.</summary>
        Callback,
    }
}
