using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using StatesGen.Durability;

namespace StatesGen.CompilerServices
{
    // The entry points of executions kept in a store (StateMachineOptions.Store): start, resume, redrive, describe, list.
    public sealed partial class Execution
    {
        /// <summary>Starts an execution in the store (or finds the one of that name) and runs it in this process to its end.</summary>
        private static async Task<ExecutionResult> StartStoredAsync(MachineInfo machine, TaskHandler handler, StateMachineOptions options, JsonNode? input,
            string? name, Func<JsonNode?, Execution, ValueTask<JsonNode?>> main, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var store = options.Store!;
            name ??= Guid.NewGuid().ToString();
            CheckName(name);
            var record = await store.CreateExecutionAsync(MachineId(machine, options), name, input, machine.DefinitionHash,
                options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return await RunStoredAsync(machine, handler, options, record, main, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Continues an unfinished stored execution in this process, or returns the outcome of a finished one.</summary>
        public static async Task<ExecutionResult> ResumeAsync(MachineInfo machine, TaskHandler handler, StateMachineOptions options, string name,
            Func<JsonNode?, Execution, ValueTask<JsonNode?>> main, CancellationToken cancellationToken)
        {
            var record = await FindAsync(machine, options, name, cancellationToken).ConfigureAwait(false);
            return await RunStoredAsync(machine, handler, options, record, main, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// AWS's RedriveExecution: a failed, timed-out or aborted execution continues from the states that did not succeed.
        /// Recorded results are replayed, the visits that failed it run again (in Map and Parallel only the failed
        /// iterations and branches), <c>$$.Execution.RedriveCount</c> goes up and the history gets ExecutionRedriven.
        /// </summary>
        public static async Task<ExecutionResult> RedriveAsync(MachineInfo machine, TaskHandler handler, StateMachineOptions options, string name,
            Func<JsonNode?, Execution, ValueTask<JsonNode?>> main, CancellationToken cancellationToken)
        {
            var store = options.Store!;
            var record = await FindAsync(machine, options, name, cancellationToken).ConfigureAwait(false);
            CheckPinned(machine, record);
            if (record.Status is ExecutionStatus.Running or ExecutionStatus.Succeeded)
                throw new StatesException("ExecutionNotRedrivable", $"Execution '{name}' cannot be redriven: it is {StatusName(record.Status)}; only FAILED, TIMED_OUT and ABORTED executions can.");
            var lease = await AcquireAsync(store, record, options, cancellationToken).ConfigureAwait(false);
            try
            {
                var journal = await store.ReadJournalAsync(record.Id, cancellationToken).ConfigureAwait(false);
                var last = await store.ReadHistoryAsync(record.Id, 0, int.MaxValue, cancellationToken).ConfigureAwait(false);
                long lastId = last.Count == 0 ? 0 : last[last.Count - 1].Id;
                var now = options.TimeProvider.GetUtcNow();
                var redriven = new ExecutionEvent(lastId + 1, lastId, now, "ExecutionRedriven")
                {
                    Key = "redriven@" + (record.RedriveCount + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                };
                record = await store.RedriveExecutionAsync(lease, DurableRun.RedriveDiscards(journal, record.RedriveCount), new[] { redriven }, now,
                    cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await ReleaseQuietlyAsync(store, lease).ConfigureAwait(false);
                throw;
            }
            return await RunLeasedAsync(machine, handler, options, record, lease, main, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>A stored execution's status, output or error, and history; null when the store has no execution of that name.</summary>
        public static async Task<ExecutionResult?> DescribeAsync(MachineInfo machine, StateMachineOptions options, string name, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(name);
            var store = RequireStore(options);
            var record = await store.GetExecutionAsync(MachineId(machine, options), name, cancellationToken).ConfigureAwait(false);
            return record == null ? null : await ResultOfAsync(store, record, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// AWS's StopExecution: a running stored execution becomes ABORTED with the given error and cause; the process that
        /// runs it, this one or another, stops at its next write or lease renewal. Null when there is no execution of that name.
        /// </summary>
        public static async Task<ExecutionResult?> StopAsync(MachineInfo machine, StateMachineOptions options, string name, string? error, string? cause,
            CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(name);
            var store = RequireStore(options);
            var record = await store.StopExecutionAsync(MachineId(machine, options), name, error, cause, cancellationToken).ConfigureAwait(false);
            if (record is { Status: ExecutionStatus.Aborted }) await StopSyncChildrenAsync(store, record, cancellationToken).ConfigureAwait(false);
            return record == null ? null : await ResultOfAsync(store, record, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>One page of this machine's stored executions, newest first.</summary>
        public static Task<ExecutionPage> ListAsync(MachineInfo machine, StateMachineOptions options, ExecutionQuery? query, CancellationToken cancellationToken)
            => RequireStore(options).ListExecutionsAsync((query ?? new ExecutionQuery()) with { StateMachine = MachineId(machine, options) }, cancellationToken);

        private static async Task<ExecutionRecord> FindAsync(MachineInfo machine, StateMachineOptions options, string name, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(name);
            var id = MachineId(machine, options);
            return await RequireStore(options).GetExecutionAsync(id, name, cancellationToken).ConfigureAwait(false)
                ?? throw new StatesException("ExecutionDoesNotExist", $"Execution Does Not Exist: '{id.Replace(":stateMachine:", ":execution:")}:{name}'");
        }

        private static IExecutionStore RequireStore(StateMachineOptions options) => options.Store
            ?? throw new InvalidOperationException("This needs StateMachineOptions.Store: executions without a store live in memory only, and nothing can resume, redrive or describe them.");

        private static string MachineId(MachineInfo machine, StateMachineOptions options) => options.StateMachineArn ?? machine.LocalArn;

        // AWS's rule for execution names: 1 to 80 characters, none of them whitespace, brackets, wildcards,
        // punctuation that URLs reserve, or control characters.
        private static void CheckName(string name)
        {
            if (name.Length is 0 or > 80)
                throw new StatesException("InvalidName", $"Invalid Name: '{name}' (an execution name has 1 to 80 characters)");
            foreach (var c in name)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c) || "<>{}[]?*\"#%\\^|~`$&,;:/".IndexOf(c) >= 0)
                    throw new StatesException("InvalidName", $"Invalid Name: '{name}' (whitespace, brackets, wildcards, control characters and \"#%\\^|~`$&,;:/ are not allowed)");
            }
        }

        private static void CheckPinned(MachineInfo machine, ExecutionRecord record)
        {
            if (record.DefinitionHash == machine.DefinitionHash) return;
            throw new InvalidOperationException($"Execution '{record.Name}' of {record.StateMachine} started with definition version {record.DefinitionHash}, "
                + $"but this {machine.Name} class was generated from definition version {machine.DefinitionHash}. An execution is pinned to the definition it "
                + "started with (as in AWS Step Functions): run it with a build of that definition, or start a new execution.");
        }

        private static async Task<ExecutionResult> RunStoredAsync(MachineInfo machine, TaskHandler handler, StateMachineOptions options, ExecutionRecord record,
            Func<JsonNode?, Execution, ValueTask<JsonNode?>> main, CancellationToken cancellationToken)
        {
            var store = options.Store!;
            CheckPinned(machine, record);
            if (record.Status != ExecutionStatus.Running) return await ResultOfAsync(store, record, cancellationToken).ConfigureAwait(false);
            var lease = await AcquireAsync(store, record, options, cancellationToken).ConfigureAwait(false);
            try
            {
                // Another process may have ended it while this one waited for the lease.
                record = await store.GetExecutionAsync(record.StateMachine, record.Name, cancellationToken).ConfigureAwait(false) ?? record;
            }
            catch
            {
                await ReleaseQuietlyAsync(store, lease).ConfigureAwait(false);
                throw;
            }
            if (record.Status != ExecutionStatus.Running)
            {
                await ReleaseQuietlyAsync(store, lease).ConfigureAwait(false);
                return await ResultOfAsync(store, record, cancellationToken).ConfigureAwait(false);
            }
            return await RunLeasedAsync(machine, handler, options, record, lease, main, cancellationToken).ConfigureAwait(false);
        }

        // Waits while another live process runs the execution; takes it over once that process stops renewing its lease.
        private static async Task<ExecutionLease> AcquireAsync(IExecutionStore store, ExecutionRecord record, StateMachineOptions options, CancellationToken cancellationToken)
        {
            var owner = Environment.MachineName + ":" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + Guid.NewGuid().ToString("N");
            return await store.AcquireLeaseAsync(record.Id, owner, options.LeaseDuration, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The lease of execution '{record.Name}' could not be acquired.");
        }

        private static async Task ReleaseQuietlyAsync(IExecutionStore store, ExecutionLease lease)
        {
            try
            {
                await store.ReleaseLeaseAsync(lease).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The lease expires by itself.
            }
        }

        private static async Task<ExecutionResult> RunLeasedAsync(MachineInfo machine, TaskHandler handler, StateMachineOptions options, ExecutionRecord record,
            ExecutionLease lease, Func<JsonNode?, Execution, ValueTask<JsonNode?>> main, CancellationToken cancellationToken)
        {
            var store = options.Store!;
            DurableRun durable;
            try
            {
                var journal = await store.ReadJournalAsync(record.Id, cancellationToken).ConfigureAwait(false);
                var history = await store.ReadHistoryAsync(record.Id, 0, int.MaxValue, cancellationToken).ConfigureAwait(false);
                durable = new DurableRun(store, record, lease, journal, history) { CallerToken = cancellationToken };
            }
            catch
            {
                await ReleaseQuietlyAsync(store, lease).ConfigureAwait(false);
                throw;
            }
            using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // Renewed on the system clock: a test's manual clock must not stop renewals, nor spin on them.
            var period = options.LeaseDuration / 3;
            using var renewal = TimeProvider.System.CreateTimer(static state =>
            {
                var (durable, run) = ((DurableRun, CancellationTokenSource))state!;
                _ = RenewAsync(durable, run);
            }, (durable, run), period, period);
            try
            {
                await RunCoreAsync(machine, handler, options, record.Input, record.Name, null, main, run.Token, durable).ConfigureAwait(false);
            }
            catch (StatesException)
            {
            }
            catch (Exception e) when (e is OperationCanceledException or ExecutionLeaseLostException)
            {
                await ReleaseQuietlyAsync(store, durable.Lease).ConfigureAwait(false);
                var lost = e as ExecutionLeaseLostException ?? durable.LeaseLost as ExecutionLeaseLostException;
                if (lost != null)
                {
                    // Stopped from outside (StopExecutionAsync takes the lease away): the run ends with the stored outcome.
                    var now = await store.GetExecutionAsync(record.StateMachine, record.Name, CancellationToken.None).ConfigureAwait(false);
                    if (now is { Status: not ExecutionStatus.Running }) return await ResultOfAsync(store, now, CancellationToken.None).ConfigureAwait(false);
                    throw new ExecutionLeaseLostException(lost.Lease, lost.Message);
                }
                if (!cancellationToken.IsCancellationRequested) throw;
            }
            catch
            {
                await ReleaseQuietlyAsync(store, durable.Lease).ConfigureAwait(false);
                throw;
            }
            // The run knows its history and outcome: nothing is read back from the store.
            return ResultOf(durable.Completed ?? record, durable.History());
        }

        private static async Task RenewAsync(DurableRun durable, CancellationTokenSource run)
        {
            await durable.RenewAsync().ConfigureAwait(false);
            if (durable.LeaseLost != null)
            {
                try { run.Cancel(); }
                catch (ObjectDisposedException) { }
            }
        }

        private static async Task<ExecutionResult> ResultOfAsync(IExecutionStore store, ExecutionRecord record, CancellationToken cancellationToken)
        {
            return ResultOf(record, await store.ReadHistoryAsync(record.Id, 0, int.MaxValue, cancellationToken).ConfigureAwait(false));
        }

        private static ExecutionResult ResultOf(ExecutionRecord record, IReadOnlyList<ExecutionEvent> events) =>
            new(record.Name, record.Status, record.Output, record.Error, record.Cause, events)
            {
                RedriveCount = record.RedriveCount,
                StartDate = record.StartDate,
                StopDate = record.StopDate,
            };

        private static string StatusName(ExecutionStatus status) => status switch
        {
            ExecutionStatus.Running => "RUNNING",
            ExecutionStatus.Succeeded => "SUCCEEDED",
            ExecutionStatus.Failed => "FAILED",
            ExecutionStatus.TimedOut => "TIMED_OUT",
            _ => "ABORTED",
        };
    }
}
