using System;
using System.Text.Json.Nodes;

namespace StatesGen.Durability
{
    /// <summary>An execution as a list of executions shows it (AWS's ListExecutions items, plus what a store keeps).</summary>
    public record ExecutionSummary
    {
        /// <summary>The store's id of the execution: what journal, history, lease and task token calls take.</summary>
        public required long Id { get; init; }

        /// <summary>The state machine's identity (its ARN, <c>$$.StateMachine.Id</c>).</summary>
        public required string StateMachine { get; init; }

        /// <summary>The execution name, unique per state machine (<c>$$.Execution.Name</c>).</summary>
        public required string Name { get; init; }

        /// <summary>Running, or how it ended.</summary>
        public required ExecutionStatus Status { get; init; }

        /// <summary>The hash of the compiled definition the execution is pinned to.</summary>
        public required string DefinitionHash { get; init; }

        /// <summary>When it started (<c>$$.Execution.StartTime</c>).</summary>
        public required DateTimeOffset StartDate { get; init; }

        /// <summary>When it ended; null while it runs.</summary>
        public DateTimeOffset? StopDate { get; init; }

        /// <summary>How many times it was redriven (<c>$$.Execution.RedriveCount</c>).</summary>
        public int RedriveCount { get; init; }

        /// <summary>When it was last redriven; null if never.</summary>
        public DateTimeOffset? RedriveDate { get; init; }

        /// <summary>The error of a failed, timed-out or aborted execution.</summary>
        public string? Error { get; init; }

        /// <summary>The cause that goes with <see cref="Error"/>.</summary>
        public string? Cause { get; init; }
    }

    /// <summary>An execution with its input and output (AWS's DescribeExecution).</summary>
    public sealed record ExecutionRecord : ExecutionSummary
    {
        /// <summary>The execution input.</summary>
        public JsonNode? Input { get; init; }

        /// <summary>The output of a succeeded execution.</summary>
        public JsonNode? Output { get; init; }
    }
}
