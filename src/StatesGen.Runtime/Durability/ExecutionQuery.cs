using System.Collections.Generic;

namespace StatesGen.Durability
{
    /// <summary>Which executions <see cref="IExecutionStore.ListExecutionsAsync"/> returns (AWS's ListExecutions request). Filters combine with AND.</summary>
    public sealed record ExecutionQuery
    {
        /// <summary>Only executions of this state machine (<see cref="ExecutionSummary.StateMachine"/>).</summary>
        public string? StateMachine { get; init; }

        /// <summary>Only executions with this status.</summary>
        public ExecutionStatus? Status { get; init; }

        /// <summary>Only executions whose name starts with this text (ordinal, case-sensitive).</summary>
        public string? NamePrefix { get; init; }

        /// <summary>The most executions in one page, from 1 to 1,000 (100 by default).</summary>
        public int MaxResults { get; init; } = 100;

        /// <summary>The <see cref="ExecutionPage.NextToken"/> of the previous page; null for the first page.</summary>
        public string? NextToken { get; init; }
    }

    /// <summary>One page of executions, most recently created first.</summary>
    /// <param name="Executions">The executions of this page.</param>
    /// <param name="NextToken">Pass it in <see cref="ExecutionQuery.NextToken"/> to get the next page; null on the last page.</param>
    public sealed record ExecutionPage(IReadOnlyList<ExecutionSummary> Executions, string? NextToken);
}
