using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace StatesGen
{
    /// <summary>
    /// One event of an execution's history, named and shaped like AWS Step Functions' GetExecutionHistory events
    /// (ExecutionStarted, TaskStateEntered, TaskScheduled, MapIterationStarted, ...).
    /// </summary>
    public sealed record ExecutionEvent(long Id, long PreviousEventId, DateTimeOffset Timestamp, string Type)
    {
        /// <summary>The state the event belongs to, if any.</summary>
        public string? StateName { get; init; }
        /// <summary>The state or execution input (entered and started events).</summary>
        public JsonNode? Input { get; init; }
        /// <summary>The state, task or execution output (exited and succeeded events).</summary>
        public JsonNode? Output { get; init; }
        /// <summary>The error name of a failed event.</summary>
        public string? Error { get; init; }
        /// <summary>The cause of a failed event.</summary>
        public string? Cause { get; init; }
        /// <summary>The iteration index of Map iteration events.</summary>
        public int? Index { get; init; }
        /// <summary>The resource of task events; the Map Run's ARN of MapRunStarted (mapRunStartedEventDetails.mapRunArn).</summary>
        public string? Resource { get; init; }
        /// <summary>The number of items of a MapStateStarted event.</summary>
        public int? Length { get; init; }

        /// <summary>On a <c>*StateExited</c> event: the variables the state assigned (name to value), as AWS's
        /// <c>stateExitedEventDetails.assignedVariables</c>; null when it assigned none.</summary>
        public IReadOnlyDictionary<string, JsonNode?>? AssignedVariables { get; init; }

        /// <summary>
        /// In an execution with a store (<see cref="StateMachineOptions.Store"/>): the event's place in the execution,
        /// its path (Parallel branch, Map iteration) and its number on that path, the same on every replay. A resumed run
        /// uses it to recognise the events already recorded, so a history continues without gaps or doubles. Null for
        /// executions without a store.
        /// </summary>
        public string? Key { get; init; }
    }

    /// <summary>Sees every history event as it happens (set <see cref="StateMachineOptions.Observer"/>). Must be thread-safe.</summary>
    public interface IExecutionObserver
    {
        /// <summary>Called for each event, in order per execution path; Parallel branches and Map iterations interleave.</summary>
        void OnEvent(string executionName, ExecutionEvent executionEvent);
    }

    /// <summary>An execution's status, as AWS's DescribeExecution reports it: running, or how it ended.</summary>
    public enum ExecutionStatus
    {
        /// <summary>It produced an output.</summary>
        Succeeded,
        /// <summary>It failed with an error.</summary>
        Failed,
        /// <summary>It ran past the machine's TimeoutSeconds.</summary>
        TimedOut,
        /// <summary>It was cancelled by the caller.</summary>
        Aborted,
        /// <summary>It has not ended: it is running, waiting, or was stopped by a crash and can be resumed from its
        /// store. Last, so the values of the other members are unchanged.</summary>
        Running,
    }

    /// <summary>An execution's outcome with its full history, like DescribeExecution plus GetExecutionHistory.</summary>
    public sealed class ExecutionResult
    {
        internal ExecutionResult(string name, ExecutionStatus status, JsonNode? output, string? error, string? cause, IReadOnlyList<ExecutionEvent> events)
        {
            Name = name;
            Status = status;
            Output = output;
            Error = error;
            Cause = cause;
            Events = events;
        }

        /// <summary>The execution name (<c>$$.Execution.Name</c>).</summary>
        public string Name { get; }
        /// <summary>How it ended, or <see cref="ExecutionStatus.Running"/> for a stored execution that has not ended.</summary>
        public ExecutionStatus Status { get; }
        /// <summary>The output when it succeeded.</summary>
        public JsonNode? Output { get; }
        /// <summary>The error name when it failed.</summary>
        public string? Error { get; }
        /// <summary>The cause when it failed.</summary>
        public string? Cause { get; }
        /// <summary>Every event in id order.</summary>
        public IReadOnlyList<ExecutionEvent> Events { get; }
        /// <summary>How many times a stored execution was redriven (<c>$$.Execution.RedriveCount</c>); 0 without a store.</summary>
        public int RedriveCount { get; init; }
        /// <summary>When a stored execution started; null without a store.</summary>
        public DateTimeOffset? StartDate { get; init; }
        /// <summary>When a stored execution ended; null while it runs, and without a store.</summary>
        public DateTimeOffset? StopDate { get; init; }
    }
}
