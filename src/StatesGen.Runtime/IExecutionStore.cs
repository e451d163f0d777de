using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using StatesGen.Durability;

namespace StatesGen
{
    /// <summary>
    /// Where durable executions live: each execution's record, its journal of recorded effects, its history, the lease
    /// of the one process that runs it, and its task tokens. Several processes may share one store; task tokens can be
    /// answered from any of them (<see cref="SendTaskSuccessAsync"/>, <see cref="SendTaskFailureAsync"/>,
    /// <see cref="SendTaskHeartbeatAsync"/>), including one that has no generated class loaded, such as a web endpoint.
    /// </summary>
    /// <remarks>
    /// <para>A run resumes by replaying its journal: the generated code runs again, and every effect that is not a pure
    /// function of the definition and the data (a task result, a clock read, a random value, a task token, a timer's due
    /// time) is read from the journal instead of being produced again. Entries are keyed by a deterministic string
    /// (state path, Map index, attempt, kind of effect) chosen by the engine; the store only keeps them.</para>
    /// <para>Every write that belongs to a run takes the run's <see cref="ExecutionLease"/>: the store refuses it with
    /// <see cref="ExecutionLeaseLostException"/> once another owner has acquired the lease, so a process that stalled
    /// past its lease can never write over the process that took the execution over.</para>
    /// <para>Times (lease expiry, task token deadlines, heartbeats, purge ages) are read from the store's clock; give
    /// the store and the state machine the same <see cref="TimeProvider"/> when you fake time.</para>
    /// </remarks>
    public interface IExecutionStore
    {
        /// <summary>
        /// Creates an execution in <see cref="ExecutionStatus.Running"/>, or returns the existing one when an
        /// execution of that state machine and name is still running with an equal input (AWS's StartExecution is
        /// idempotent in the same way).
        /// </summary>
        /// <param name="stateMachine">The state machine's identity (its ARN, <c>$$.StateMachine.Id</c>): names are unique per state machine.</param>
        /// <param name="name">The execution name (<c>$$.Execution.Name</c>).</param>
        /// <param name="input">The execution input.</param>
        /// <param name="definitionHash">A hash of the compiled definition the execution is pinned to.</param>
        /// <param name="startDate">The start time (<c>$$.Execution.StartTime</c>), kept exactly.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <exception cref="StatesException"><c>ExecutionAlreadyExists</c> when an execution of that name is running
        /// with a different input, or has ended (AWS never reuses the name of a closed execution).</exception>
        Task<ExecutionRecord> CreateExecutionAsync(string stateMachine, string name, JsonNode? input, string definitionHash,
            DateTimeOffset startDate, CancellationToken cancellationToken = default);

        /// <summary>The execution of <paramref name="stateMachine"/> named <paramref name="name"/>, or null when there is none.</summary>
        Task<ExecutionRecord?> GetExecutionAsync(string stateMachine, string name, CancellationToken cancellationToken = default);

        /// <summary>
        /// One page of executions that match <paramref name="query"/>, most recently created first. Pass the page's
        /// <see cref="ExecutionPage.NextToken"/> back in <see cref="ExecutionQuery.NextToken"/> for the next page.
        /// </summary>
        Task<ExecutionPage> ListExecutionsAsync(ExecutionQuery query, CancellationToken cancellationToken = default);

        /// <summary>
        /// Ends a running execution, appends its last history events and releases its lease, in one transaction. Task
        /// tokens still waiting become <see cref="TaskTokenStatus.Closed"/>: answering them fails as for any ended task.
        /// </summary>
        /// <param name="lease">The lease of the run that ends the execution.</param>
        /// <param name="status">How it ended (not <see cref="ExecutionStatus.Running"/>).</param>
        /// <param name="output">The output of a succeeded execution.</param>
        /// <param name="error">The error of a failed, timed-out or aborted execution.</param>
        /// <param name="cause">The cause that goes with <paramref name="error"/>.</param>
        /// <param name="stopDate">When it ended.</param>
        /// <param name="events">The last history events (such as ExecutionSucceeded), or an empty list.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <exception cref="ExecutionLeaseLostException">Another owner holds the execution's lease.</exception>
        Task<ExecutionRecord> CompleteExecutionAsync(ExecutionLease lease, ExecutionStatus status, JsonNode? output, string? error,
            string? cause, DateTimeOffset stopDate, IReadOnlyList<ExecutionEvent> events, CancellationToken cancellationToken = default);

        /// <summary>
        /// Stops a running execution from outside (AWS's StopExecution): in one transaction it becomes
        /// <see cref="ExecutionStatus.Aborted"/> with the given error and cause, its history gets ExecutionAborted, its
        /// waiting task tokens are closed, and its lease passes to nobody at a new generation, so the process that runs it
        /// (if any) can write nothing more and stops at its next write or lease renewal. Needs no lease. Returns the
        /// execution as it is then (unchanged if it had already ended), or null when there is none of that name.
        /// </summary>
        /// <param name="stateMachine">The state machine's identity.</param>
        /// <param name="name">The execution name.</param>
        /// <param name="error">The error recorded for the abort; may be null.</param>
        /// <param name="cause">A cause recorded with it; may be null.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        Task<ExecutionRecord?> StopExecutionAsync(string stateMachine, string name, string? error, string? cause,
            CancellationToken cancellationToken = default);

        /// <summary>
        /// Sets a failed, timed-out or aborted execution running again (AWS's RedriveExecution), in one transaction:
        /// the redrive count goes up, the outcome is cleared, the journal entries of what must run again are removed
        /// and the given history events (ExecutionRedriven) are appended. Everything else in the journal is kept, so
        /// successful steps are replayed, not run again.
        /// </summary>
        /// <param name="lease">A lease on the ended execution, acquired by the process that redrives it.</param>
        /// <param name="discardedJournalKeys">The keys of the entries to forget (failed tasks and what followed them).</param>
        /// <param name="events">History events to append, such as ExecutionRedriven.</param>
        /// <param name="redriveDate">When the redrive happened.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <exception cref="StatesException"><c>ExecutionNotRedrivable</c> when the execution is running or succeeded.</exception>
        /// <exception cref="ExecutionLeaseLostException">Another owner holds the execution's lease.</exception>
        Task<ExecutionRecord> RedriveExecutionAsync(ExecutionLease lease, IReadOnlyCollection<string> discardedJournalKeys,
            IReadOnlyList<ExecutionEvent> events, DateTimeOffset redriveDate, CancellationToken cancellationToken = default);

        /// <summary>
        /// Deletes the executions that ended more than <paramref name="age"/> ago, with their journals, histories,
        /// leases and task tokens. Running executions are never purged. Returns how many executions were deleted.
        /// </summary>
        Task<int> PurgeExecutionsAsync(TimeSpan age, CancellationToken cancellationToken = default);

        /// <summary>
        /// Appends journal entries and history events of a running execution, all or nothing, in one transaction.
        /// Appending an entry or event that is already there with the same content does nothing (a retried write);
        /// with a different content it fails, since a journal records facts that never change.
        /// </summary>
        /// <exception cref="ExecutionLeaseLostException">Another owner holds the execution's lease.</exception>
        /// <exception cref="InvalidOperationException">The execution has ended, or a key or event id is already
        /// recorded with a different value.</exception>
        Task AppendAsync(ExecutionLease lease, IReadOnlyList<JournalEntry> journal, IReadOnlyList<ExecutionEvent> events,
            CancellationToken cancellationToken = default);

        /// <summary>Every journal entry of an execution, in the order they were appended.</summary>
        Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(long executionId, CancellationToken cancellationToken = default);

        /// <summary>The history events of an execution with ids above <paramref name="afterEventId"/>, in id order, at most <paramref name="maxCount"/>.</summary>
        Task<IReadOnlyList<ExecutionEvent>> ReadHistoryAsync(long executionId, long afterEventId = 0, int maxCount = int.MaxValue,
            CancellationToken cancellationToken = default);

        /// <summary>
        /// Acquires the lease that lets <paramref name="owner"/> run an execution for <paramref name="duration"/>,
        /// waiting up to <paramref name="wait"/> while another owner holds it and keeps renewing it. A lease whose owner
        /// stopped renewing it (a process that died) can be taken once it has expired. Acquiring a lease you already
        /// hold renews it. Returns null when the lease is still held by another owner after <paramref name="wait"/>.
        /// </summary>
        /// <param name="executionId">The execution (<see cref="ExecutionSummary.Id"/>).</param>
        /// <param name="owner">Who runs the execution: unique per runner, such as host, process id and a GUID.</param>
        /// <param name="duration">How long the lease lasts unless renewed.</param>
        /// <param name="wait">How long to wait for another owner's lease to be released or to expire; zero to try once.</param>
        /// <param name="cancellationToken">Cancels the call and the wait.</param>
        /// <exception cref="StatesException"><c>ExecutionDoesNotExist</c> when there is no such execution.</exception>
        Task<ExecutionLease?> AcquireLeaseAsync(long executionId, string owner, TimeSpan duration, TimeSpan wait,
            CancellationToken cancellationToken = default);

        /// <summary>Extends a lease by its duration from now; call it well before <see cref="ExecutionLease.ExpiresAt"/>.</summary>
        /// <exception cref="ExecutionLeaseLostException">Another owner has acquired the lease since.</exception>
        Task<ExecutionLease> RenewLeaseAsync(ExecutionLease lease, CancellationToken cancellationToken = default);

        /// <summary>Gives a lease up so another process can take the execution at once; does nothing if it was already lost.</summary>
        Task ReleaseLeaseAsync(ExecutionLease lease, CancellationToken cancellationToken = default);

        /// <summary>
        /// Registers a task token of a running execution so <see cref="SendTaskSuccessAsync"/> and the other callbacks
        /// can find it. Registering a token again (a resumed run invokes its in-flight task again with the same token)
        /// returns the existing registration unchanged: its deadlines still count from the first registration, and it
        /// may already hold an answer that arrived while nothing ran the execution.
        /// </summary>
        /// <param name="lease">The lease of the run.</param>
        /// <param name="taskToken">The token, unique across the store.</param>
        /// <param name="journalKey">The journal key of the task that waits for it.</param>
        /// <param name="timeout">The task's TimeoutSeconds, counted from the first registration; null for none.</param>
        /// <param name="heartbeat">The task's HeartbeatSeconds, counted from the last heartbeat; null for none.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <exception cref="ExecutionLeaseLostException">Another owner holds the execution's lease.</exception>
        Task<TaskTokenRecord> RegisterTaskTokenAsync(ExecutionLease lease, string taskToken, string journalKey, TimeSpan? timeout,
            TimeSpan? heartbeat, CancellationToken cancellationToken = default);

        /// <summary>A task token's registration and answer, or null when the token is unknown.</summary>
        Task<TaskTokenRecord?> GetTaskTokenAsync(string taskToken, CancellationToken cancellationToken = default);

        /// <summary>
        /// The task tokens registered by an execution, oldest first, in every status: what a console shows as the
        /// callback tasks waiting for an answer (<see cref="TaskTokenStatus.Waiting"/>). A token whose deadline has
        /// passed may still read as waiting until something answers or waits on it. Stores that cannot list tokens
        /// throw <see cref="NotSupportedException"/> (the default).
        /// </summary>
        /// <param name="executionId">The execution (<see cref="ExecutionSummary.Id"/>).</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        Task<IReadOnlyList<TaskTokenRecord>> ListTaskTokensAsync(long executionId, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException($"{GetType().Name} cannot list the task tokens of an execution.");

        /// <summary>
        /// Waits until a registered task token is answered, times out or is closed, and returns its record. Answers
        /// from this process arrive at once; answers written by other processes are seen by polling the store (within
        /// a second). A token whose timeout or heartbeat deadline passes becomes <see cref="TaskTokenStatus.TimedOut"/>
        /// with the error <c>States.Timeout</c>.
        /// </summary>
        /// <exception cref="InvalidOperationException">The token was never registered.</exception>
        Task<TaskTokenRecord> WaitForTaskTokenAsync(string taskToken, CancellationToken cancellationToken = default);

        /// <summary>Completes the task waiting on <paramref name="taskToken"/> with <paramref name="output"/> as its result (AWS's SendTaskSuccess).</summary>
        /// <exception cref="StatesException"><c>States.TaskTimedOut</c> when the token is unknown, already answered or timed out.</exception>
        Task SendTaskSuccessAsync(string taskToken, JsonNode? output, CancellationToken cancellationToken = default);

        /// <summary>Fails the task waiting on <paramref name="taskToken"/> with the given error and cause (AWS's SendTaskFailure).</summary>
        /// <exception cref="StatesException"><c>States.TaskTimedOut</c> when the token is unknown, already answered or timed out.</exception>
        Task SendTaskFailureAsync(string taskToken, string? error, string? cause, CancellationToken cancellationToken = default);

        /// <summary>Records that work on <paramref name="taskToken"/> is still going on, restarting its HeartbeatSeconds (AWS's SendTaskHeartbeat).</summary>
        /// <exception cref="StatesException"><c>States.TaskTimedOut</c> when the token is unknown, already answered or timed out.</exception>
        Task SendTaskHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default);
    }
}
