using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using StatesGen.Durability;

namespace StatesGen.CompilerServices
{
    /// <summary>
    /// The store's side of one run of a durable execution: the journal it replays, what it has recorded since and not
    /// yet written, the lease that makes it the only runner, and the history events already stored.
    /// </summary>
    /// <remarks>
    /// <para>Journal keys name the place of an effect: the path (<c>3.Process Orders/0[17]/</c> is iteration 17 of the
    /// first run of the Map entered as the fourth state of the top level), the state visit on that path
    /// (<c>2.Charge/</c>), and the effect's number in the visit and its kind (<c>1:task</c>). A replay asks for the same
    /// keys in the same order, since generated code is deterministic once its effects are fixed.</para>
    /// <para>Writes are grouped: effects and events collect in memory and are written in one transaction before anything
    /// leaves the process (a task handler is called, a timer starts) and when the execution ends. A flush asked for while
    /// another is being written waits for it and then writes everything that collected meanwhile (group commit).</para>
    /// </remarks>
    internal sealed class DurableRun
    {
        private const string FailedKeyPrefix = "failed@";

        private readonly Dictionary<string, (JsonNode? Value, int Epoch)> _journal = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _events = new(StringComparer.Ordinal);
        private readonly HashSet<string> _redrivenVisits = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, string> _failures = new(StringComparer.Ordinal);
        private readonly object _gate = new();
        // Every event of the execution: those stored before this run, then those it records (for its result).
        private readonly List<ExecutionEvent> _history = new();
        private List<JournalEntry> _pending = new();
        private List<ExecutionEvent> _pendingEvents = new();
        private Task _current = Task.CompletedTask;
        private Task? _next;
        private ExecutionLease _lease;
        private Exception? _leaseLost;

        public DurableRun(IExecutionStore store, ExecutionRecord record, ExecutionLease lease, IReadOnlyList<JournalEntry> journal,
            IReadOnlyList<ExecutionEvent> history)
        {
            Store = store;
            Record = record;
            _lease = lease;
            Epoch = record.RedriveCount;
            foreach (var entry in journal)
            {
                if (entry.Key.StartsWith(FailedKeyPrefix, StringComparison.Ordinal)) continue;
                _journal[entry.Key] = Unwrap(entry);
            }
            _history.AddRange(history);
            foreach (var e in history)
            {
                if (e.Key != null) _events[e.Key] = e.Id;
                if (e.Id > LastEventId) LastEventId = e.Id;
            }
            // The visits that failed the execution before its last redrive run again from their start, unless this run
            // already recorded something for them (a resume after the redrive).
            if (Epoch > 0 && FailedVisits(journal, Epoch - 1) is { } failed)
            {
                foreach (var visit in failed)
                {
                    bool rerun = false;
                    foreach (var (key, recorded) in _journal)
                        if (recorded.Epoch == Epoch && key.StartsWith(visit, StringComparison.Ordinal)) { rerun = true; break; }
                    if (!rerun) _redrivenVisits.Add(visit);
                }
            }
        }

        public IExecutionStore Store { get; }

        /// <summary>
        /// The token of whoever runs the execution in this process (the host): when it is cancelled the run stops but the
        /// execution, and its synchronous child executions, stay running in the store for a resume.
        /// </summary>
        public System.Threading.CancellationToken CallerToken { get; set; }

        /// <summary>The execution as the run started it (name, input, start date, redrive count).</summary>
        public ExecutionRecord Record { get; }

        /// <summary>How many times the execution was redriven: entries and events written now carry it.</summary>
        public int Epoch { get; }

        /// <summary>The highest event id already stored; new events number on from it.</summary>
        public long LastEventId { get; }

        public ExecutionLease Lease
        {
            get { lock (_gate) return _lease; }
        }

        /// <summary>The recorded value of an effect, with the redrive count of the run that recorded it.</summary>
        public bool TryReplay(string key, out JsonNode? value, out int epoch)
        {
            if (_journal.TryGetValue(key, out var recorded))
            {
                // Each replay gets its own copy: generated code may change or attach what it is given.
                value = recorded.Value?.DeepClone();
                epoch = recorded.Epoch;
                return true;
            }
            value = null;
            epoch = Epoch;
            return false;
        }

        /// <summary>The id of an event recorded before, found by its key.</summary>
        public bool TryFindEvent(string key, out long id) => _events.TryGetValue(key, out id);

        /// <summary>Whether a state visit failed the execution before this redrive, so it runs again from its start.</summary>
        public bool IsRedriven(string visit) => _redrivenVisits.Count != 0 && _redrivenVisits.Contains(visit);

        /// <summary>Records a new effect; written with the next flush.</summary>
        public void Add(string key, JsonNode? value)
        {
            var wrapped = new JsonObject { ["v"] = value };
            if (Epoch > 0) wrapped["r"] = Epoch;
            lock (_gate) _pending.Add(new JournalEntry(key, wrapped));
        }

        /// <summary>Records a new history event; written with the next flush.</summary>
        public void Add(ExecutionEvent e)
        {
            lock (_gate)
            {
                _pendingEvents.Add(e);
                _history.Add(e);
            }
        }

        /// <summary>The execution's whole history in id order, without reading it back from the store.</summary>
        public List<ExecutionEvent> History()
        {
            List<ExecutionEvent> copy;
            lock (_gate) copy = new List<ExecutionEvent>(_history);
            copy.Sort(static (a, b) => a.Id.CompareTo(b.Id));
            return copy;
        }

        /// <summary>The execution as the store has it once this run completed it (null until then).</summary>
        public ExecutionRecord? Completed { get; private set; }

        /// <summary>Notes that an error left <paramref name="path"/> while it was in the visit <paramref name="visit"/>.</summary>
        public void Failed(string path, string visit) => _failures[path] = visit;

        /// <summary>Writes everything recorded so far (and what others record until the write starts) in one transaction.</summary>
        public Task FlushAsync()
        {
            lock (_gate)
            {
                if (_leaseLost != null) return Task.FromException(_leaseLost);
                if (_next != null) return _next;
                if (_pending.Count == 0 && _pendingEvents.Count == 0) return _current;
                if (_current.IsCompleted) return _current = WriteAsync(TakePending());
                return _next = WriteAfterAsync(_current);
            }
        }

        /// <summary>Writes what was recorded when a run stops early (cancelled); a failure to write loses nothing that matters.</summary>
        public async Task FlushQuietlyAsync()
        {
            try
            {
                await FlushAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // What was not written is produced again by the next run: at least once, as for a crash.
            }
        }

        private (List<JournalEntry>, List<ExecutionEvent>) TakePending()
        {
            var taken = (_pending, _pendingEvents);
            _pending = new List<JournalEntry>();
            _pendingEvents = new List<ExecutionEvent>();
            return taken;
        }

        private async Task WriteAfterAsync(Task previous)
        {
            // Always yields, so the caller (inside the lock) has stored this task as _next before it runs on.
            await previous.ConfigureAwait(ConfigureAwaitOptions.ForceYielding | ConfigureAwaitOptions.SuppressThrowing);
            (List<JournalEntry>, List<ExecutionEvent>) batch;
            lock (_gate)
            {
                batch = TakePending();
                _current = _next!;
                _next = null;
            }
            await WriteAsync(batch).ConfigureAwait(false);
        }

        private async Task WriteAsync((List<JournalEntry> Entries, List<ExecutionEvent> Events) batch)
        {
            if (batch.Entries.Count == 0 && batch.Events.Count == 0) return;
            batch.Events.Sort(static (a, b) => a.Id.CompareTo(b.Id));
            try
            {
                await Store.AppendAsync(Lease, batch.Entries, batch.Events).ConfigureAwait(false);
            }
            catch (ExecutionLeaseLostException e)
            {
                lock (_gate) _leaseLost ??= e;
                throw;
            }
        }

        /// <summary>
        /// Ends the execution in the store with its last events. A failed one first records its results so far and the
        /// visits that failed it, so a redrive replays the rest and runs those again.
        /// </summary>
        public async Task CompleteAsync(ExecutionStatus status, JsonNode? output, string? error, string? cause, DateTimeOffset stopDate)
        {
            await FlushAsync().ConfigureAwait(false);
            if (status == ExecutionStatus.Failed)
            {
                var visits = new JsonArray();
                foreach (var visit in FailureChain()) visits.Add((JsonNode)JsonValue.Create(visit));
                lock (_gate) _pending.Add(new JournalEntry(FailedKeyPrefix + Epoch.ToString(CultureInfo.InvariantCulture), visits));
            }
            if (status != ExecutionStatus.Succeeded)
            {
                // Results of everything that did succeed are kept for a redrive; events go with the outcome.
                List<JournalEntry> entries;
                lock (_gate) { entries = _pending; _pending = new List<JournalEntry>(); }
                if (entries.Count != 0) await Store.AppendAsync(Lease, entries, Array.Empty<ExecutionEvent>()).ConfigureAwait(false);
            }
            List<ExecutionEvent> events;
            lock (_gate) { events = _pendingEvents; _pendingEvents = new List<ExecutionEvent>(); }
            events.Sort(static (a, b) => a.Id.CompareTo(b.Id));
            Completed = await Store.CompleteExecutionAsync(Lease, status, output, error, cause, stopDate, events).ConfigureAwait(false);
        }

        /// <summary>
        /// The visits whose failure reached the top level: the top level's own, then those of branches and iterations that
        /// ran inside a visit already in the chain (a failure that a Catch handled, or a tolerated Map failure, is not).
        /// </summary>
        private List<string> FailureChain()
        {
            var chain = new List<string>();
            if (!_failures.TryGetValue("", out var top)) return chain;
            chain.Add(top);
            var rest = new List<KeyValuePair<string, string>>(_failures);
            rest.Sort(static (a, b) => a.Key.Length.CompareTo(b.Key.Length));
            foreach (var (path, visit) in rest)
            {
                if (path.Length == 0) continue;
                foreach (var owner in chain)
                {
                    if (path.StartsWith(owner, StringComparison.Ordinal)) { chain.Add(visit); break; }
                }
            }
            return chain;
        }

        /// <summary>Renews the lease; a lost lease makes every later flush fail.</summary>
        public async Task RenewAsync()
        {
            try
            {
                var renewed = await Store.RenewLeaseAsync(Lease).ConfigureAwait(false);
                lock (_gate) _lease = renewed;
            }
            catch (ExecutionLeaseLostException e)
            {
                lock (_gate) _leaseLost ??= e;
            }
        }

        /// <summary>Why the run cannot write any more, if it lost its lease.</summary>
        public Exception? LeaseLost
        {
            get { lock (_gate) return _leaseLost; }
        }

        /// <summary>
        /// The journal keys to forget when the execution is redriven: the effects recorded in the visits that failed it
        /// (not those of the branches and iterations that ran inside them, which keep their results).
        /// </summary>
        public static List<string> RedriveDiscards(IReadOnlyList<JournalEntry> journal, int redriveCount)
        {
            var discards = new List<string>();
            // A task that was in flight when the execution ended (aborted, timed out, or stopped from outside) runs
            // again with a new token and a new deadline: its old token was closed when the execution ended.
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in journal) keys.Add(entry.Key);
            foreach (var key in keys)
            {
                if (InFlightTaskOf(key, keys)) discards.Add(key);
            }
            var failed = FailedVisits(journal, redriveCount);
            if (failed == null) return discards;
            foreach (var entry in journal)
            {
                foreach (var visit in failed)
                {
                    if (entry.Key.Length > visit.Length && entry.Key.StartsWith(visit, StringComparison.Ordinal)
                        && entry.Key.IndexOf('[', visit.Length) < 0)
                    {
                        discards.Add(entry.Key);
                        break;
                    }
                }
            }
            return discards;
        }

        // "v/3:token" or "v/3:due" whose task "v/4:task" has no recorded outcome.
        private static bool InFlightTaskOf(string key, HashSet<string> keys)
        {
            int colon = key.LastIndexOf(':');
            if (colon < 0) return false;
            var kind = key.Substring(colon + 1);
            if (kind != "token" && kind != "due") return false;
            int slash = key.LastIndexOf('/', colon);
            if (!int.TryParse(key.AsSpan(slash + 1, colon - slash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int number)) return false;
            return !keys.Contains(key.Substring(0, slash + 1) + (number + 1).ToString(CultureInfo.InvariantCulture) + ":task");
        }

        private static List<string>? FailedVisits(IReadOnlyList<JournalEntry> journal, int epoch)
        {
            var key = FailedKeyPrefix + epoch.ToString(CultureInfo.InvariantCulture);
            foreach (var entry in journal)
            {
                if (entry.Key != key || entry.Value is not JsonArray visits) continue;
                var list = new List<string>(visits.Count);
                foreach (var visit in visits) if (visit?.GetValue<string>() is { } v) list.Add(v);
                return list;
            }
            return null;
        }

        private static (JsonNode? Value, int Epoch) Unwrap(JournalEntry entry)
        {
            if (entry.Value is not JsonObject o || !o.TryGetPropertyValue("v", out var value))
                throw new InvalidOperationException($"The journal entry '{entry.Key}' was not written by StatesGen: {entry.Value?.ToJsonString()}");
            int epoch = o.TryGetPropertyValue("r", out var r) && r != null ? r.GetValue<int>() : 0;
            return (value, epoch);
        }

        /// <summary>
        /// A task's idempotency key: the same for every invocation of one attempt of one task in one execution (a task
        /// invoked again after a crash gets it again), different for any other. 32 hex digits, so it fits the client
        /// tokens of AWS APIs (64 characters at most).
        /// </summary>
        public static string IdempotencyKey(string executionId, string journalKey)
        {
            var bytes = Encoding.UTF8.GetBytes(executionId + "\n" + journalKey);
            var hash = SHA256.HashData(bytes);
            return Convert.ToHexString(hash, 0, 16).ToLowerInvariant();
        }
    }
}
