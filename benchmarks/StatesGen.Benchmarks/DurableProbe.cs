using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using StatesGen.Benchmarks.Workflows;
using StatesGen.Durability;
using StatesGen.Sqlite;

namespace StatesGen.Benchmarks;

/// <summary>
/// `--durable [seconds] [concurrency]`: executions kept in a SQLite store (StateMachineOptions.Store) against the same
/// executions in memory, on Tasks20 and OrderProcessing. Prints executions and persisted state transitions per second
/// (a transition is a state entered, as AWS counts them), the write transactions per execution (counted by a
/// decorator around the store), and the raw rate of the same rows inserted into a SQLite file with the same settings and
/// the same number of transactions: the store's physical limit on this machine.
/// </summary>
public static class DurableProbe
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5.0;
        var concurrency = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1;
        var folder = Directory.CreateTempSubdirectory("statesgen-durable-bench-");
        try
        {
            output.WriteLine($"Durable executions: {seconds} s per case, {concurrency} execution(s) at a time, SQLite file in {folder.FullName}");
            output.WriteLine($"{"workload",-18} {"mode",-10} {"exec/s",10} {"transitions/s",14} {"us/exec",10} {"tx/exec",8} {"rows/exec",10}");
            foreach (var workload in new[] { "Tasks20", "OrderProcessing" })
            {
                var input = Workloads.Input(workload);
                IStateMachine Create(StateMachineOptions options) => workload == "Tasks20"
                    ? new Tasks20(Workloads.Echo, options) : new OrderProcessing(Workloads.Instant, options);
                var memory = Create(new StateMachineOptions());
                var sample = await memory.StartExecutionAsync(input.DeepClone());
                int transitions = sample.Events.Count(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal));
                var (memoryRate, _) = await MeasureAsync(() => memory.StartExecutionAsync(input.DeepClone()), seconds, concurrency);
                Print(output, workload, "memory", memoryRate, transitions, 0, 0);

                var file = Path.Combine(folder.FullName, workload + ".db");
                using var inner = new SqliteExecutionStore("Data Source=" + file);
                var counting = new CountingStore(inner);
                var durable = Create(new StateMachineOptions { Store = counting });
                await durable.StartExecutionAsync(input.DeepClone()); // warm-up
                counting.Reset();
                var (durableRate, count) = await MeasureAsync(() => durable.StartExecutionAsync(input.DeepClone()), seconds, concurrency);
                double tx = (double)counting.Transactions / count, rows = (double)counting.Rows / count;
                var commits = (long)typeof(SqliteExecutionStore).GetField("_commits", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(inner)!;
                output.WriteLine($"  ({commits} commits for {counting.Transactions} write calls)");
                Print(output, workload, "durable", durableRate, transitions, tx, rows);

                var engineOnly = Create(new StateMachineOptions { Store = new NullStore() });
                var (engineRate, _) = await MeasureAsync(() => engineOnly.StartExecutionAsync(input.DeepClone()), seconds, concurrency);
                Print(output, workload, "no I/O", engineRate, transitions, tx, rows);

                var raw = RawInsertRate(Path.Combine(folder.FullName, workload + "-raw.db"), (int)Math.Round(tx), (int)Math.Round(rows), seconds);
                Print(output, workload, "raw rows", raw, transitions, tx, rows);
            }
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static void Print(TextWriter output, string workload, string mode, double execPerSecond, int transitions, double tx, double rows) =>
        output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{workload,-18} {mode,-10} {execPerSecond,10:F0} {execPerSecond * transitions,14:F0} {1e6 / execPerSecond,10:F1} {tx,8:F1} {rows,10:F1}"));

    private static async Task<(double PerSecond, int Count)> MeasureAsync(Func<Task> run, double seconds, int concurrency)
    {
        var watch = Stopwatch.StartNew();
        int count = 0;
        var deadline = TimeSpan.FromSeconds(seconds);
        // Each worker on its own thread-pool thread: a durable run whose handlers complete at once runs synchronously
        // (SQLite has no asynchronous I/O), so workers started inline would run one after the other.
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (watch.Elapsed < deadline)
            {
                await run();
                Interlocked.Increment(ref count);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return (count / watch.Elapsed.TotalSeconds, count);
    }

    /// <summary>
    /// The same number of rows of similar size, in the same number of transactions per "execution", into a WAL file with
    /// synchronous=FULL, through one connection: what SQLite alone allows here.
    /// </summary>
    private static double RawInsertRate(string file, int transactions, int rows, double seconds)
    {
        using var connection = new SqliteConnection("Data Source=" + file);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (execution_id INTEGER, id INTEGER, value TEXT, PRIMARY KEY (execution_id, id)) STRICT;";
            pragma.ExecuteNonQuery();
        }
        var value = new string('x', 300);
        var watch = Stopwatch.StartNew();
        int executions = 0;
        transactions = Math.Max(1, transactions);
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            int row = 0;
            for (int t = 0; t < transactions; t++)
            {
                using var transaction = connection.BeginTransaction();
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO t (execution_id, id, value) VALUES ($e, $i, $v)";
                var e = insert.Parameters.Add("$e", SqliteType.Integer);
                var i = insert.Parameters.Add("$i", SqliteType.Integer);
                insert.Parameters.AddWithValue("$v", value);
                int perTransaction = rows / transactions + (t < rows % transactions ? 1 : 0);
                for (int k = 0; k < perTransaction; k++)
                {
                    e.Value = executions;
                    i.Value = row++;
                    insert.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            executions++;
        }
        return executions / watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// A store that keeps nothing: what the engine's recording costs (events, entries, keys, serialization of nothing)
    /// without SQLite, to tell the engine's share of a durable execution from the store's.
    /// </summary>
    private sealed class NullStore : IExecutionStore
    {
        private long _ids;
        private static readonly Task<IReadOnlyList<JournalEntry>> s_noJournal = Task.FromResult<IReadOnlyList<JournalEntry>>([]);
        private static readonly Task<IReadOnlyList<ExecutionEvent>> s_noEvents = Task.FromResult<IReadOnlyList<ExecutionEvent>>([]);
        public Task<ExecutionRecord> CreateExecutionAsync(string stateMachine, string name, JsonNode? input, string definitionHash, DateTimeOffset startDate, CancellationToken cancellationToken = default)
            => Task.FromResult(new ExecutionRecord { Id = Interlocked.Increment(ref _ids), StateMachine = stateMachine, Name = name, Status = ExecutionStatus.Running, DefinitionHash = definitionHash, StartDate = startDate, Input = input?.DeepClone() });
        public Task<ExecutionRecord?> GetExecutionAsync(string stateMachine, string name, CancellationToken cancellationToken = default) => Task.FromResult<ExecutionRecord?>(null);
        public Task<ExecutionPage> ListExecutionsAsync(ExecutionQuery query, CancellationToken cancellationToken = default) => Task.FromResult(new ExecutionPage([], null));
        public Task<ExecutionRecord> CompleteExecutionAsync(ExecutionLease lease, ExecutionStatus status, JsonNode? output, string? error, string? cause, DateTimeOffset stopDate, IReadOnlyList<ExecutionEvent> events, CancellationToken cancellationToken = default)
            => Task.FromResult(new ExecutionRecord { Id = lease.ExecutionId, StateMachine = "", Name = "", Status = status, DefinitionHash = "", StartDate = stopDate, StopDate = stopDate, Output = output });
        public Task<ExecutionRecord?> StopExecutionAsync(string stateMachine, string name, string? error, string? cause, CancellationToken cancellationToken = default) => Task.FromResult<ExecutionRecord?>(null);
        public Task<ExecutionRecord> RedriveExecutionAsync(ExecutionLease lease, IReadOnlyCollection<string> discardedJournalKeys, IReadOnlyList<ExecutionEvent> events, DateTimeOffset redriveDate, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<int> PurgeExecutionsAsync(TimeSpan age, CancellationToken cancellationToken = default) => Task.FromResult(0);
        public Task AppendAsync(ExecutionLease lease, IReadOnlyList<JournalEntry> journal, IReadOnlyList<ExecutionEvent> events, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(long executionId, CancellationToken cancellationToken = default) => s_noJournal;
        public Task<IReadOnlyList<ExecutionEvent>> ReadHistoryAsync(long executionId, long afterEventId = 0, int maxCount = int.MaxValue, CancellationToken cancellationToken = default) => s_noEvents;
        public Task<ExecutionLease?> AcquireLeaseAsync(long executionId, string owner, TimeSpan duration, TimeSpan wait, CancellationToken cancellationToken = default)
            => Task.FromResult<ExecutionLease?>(new ExecutionLease(executionId, owner, 1, duration, DateTimeOffset.MaxValue));
        public Task<ExecutionLease> RenewLeaseAsync(ExecutionLease lease, CancellationToken cancellationToken = default) => Task.FromResult(lease);
        public Task ReleaseLeaseAsync(ExecutionLease lease, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task<TaskTokenRecord> RegisterTaskTokenAsync(ExecutionLease lease, string taskToken, string journalKey, TimeSpan? timeout, TimeSpan? heartbeat, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<TaskTokenRecord?> GetTaskTokenAsync(string taskToken, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<TaskTokenRecord> WaitForTaskTokenAsync(string taskToken, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task SendTaskSuccessAsync(string taskToken, JsonNode? output, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task SendTaskFailureAsync(string taskToken, string? error, string? cause, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task SendTaskHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    /// <summary>Counts the store's write transactions and the rows they write.</summary>
    private sealed class CountingStore(IExecutionStore inner) : IExecutionStore
    {
        private long _transactions, _rows;
        public long Transactions => Interlocked.Read(ref _transactions);
        public long Rows => Interlocked.Read(ref _rows);
        public void Reset() { Interlocked.Exchange(ref _transactions, 0); Interlocked.Exchange(ref _rows, 0); }
        private void Count(int rows) { Interlocked.Increment(ref _transactions); Interlocked.Add(ref _rows, rows); }

        public Task<ExecutionRecord> CreateExecutionAsync(string stateMachine, string name, JsonNode? input, string definitionHash, DateTimeOffset startDate, CancellationToken cancellationToken = default)
        { Count(1); return inner.CreateExecutionAsync(stateMachine, name, input, definitionHash, startDate, cancellationToken); }
        public Task<ExecutionRecord?> GetExecutionAsync(string stateMachine, string name, CancellationToken cancellationToken = default) => inner.GetExecutionAsync(stateMachine, name, cancellationToken);
        public Task<ExecutionPage> ListExecutionsAsync(ExecutionQuery query, CancellationToken cancellationToken = default) => inner.ListExecutionsAsync(query, cancellationToken);
        public Task<ExecutionRecord> CompleteExecutionAsync(ExecutionLease lease, ExecutionStatus status, JsonNode? output, string? error, string? cause, DateTimeOffset stopDate, IReadOnlyList<ExecutionEvent> events, CancellationToken cancellationToken = default)
        { Count(1 + events.Count); return inner.CompleteExecutionAsync(lease, status, output, error, cause, stopDate, events, cancellationToken); }
        public Task<ExecutionRecord> RedriveExecutionAsync(ExecutionLease lease, IReadOnlyCollection<string> discardedJournalKeys, IReadOnlyList<ExecutionEvent> events, DateTimeOffset redriveDate, CancellationToken cancellationToken = default)
        { Count(1 + events.Count); return inner.RedriveExecutionAsync(lease, discardedJournalKeys, events, redriveDate, cancellationToken); }
        public Task<ExecutionRecord?> StopExecutionAsync(string stateMachine, string name, string? error, string? cause, CancellationToken cancellationToken = default)
        { Count(1); return inner.StopExecutionAsync(stateMachine, name, error, cause, cancellationToken); }
        public Task<int> PurgeExecutionsAsync(TimeSpan age, CancellationToken cancellationToken = default) => inner.PurgeExecutionsAsync(age, cancellationToken);
        public Task AppendAsync(ExecutionLease lease, IReadOnlyList<JournalEntry> journal, IReadOnlyList<ExecutionEvent> events, CancellationToken cancellationToken = default)
        { Count(journal.Count + events.Count); return inner.AppendAsync(lease, journal, events, cancellationToken); }
        public Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(long executionId, CancellationToken cancellationToken = default) => inner.ReadJournalAsync(executionId, cancellationToken);
        public Task<IReadOnlyList<ExecutionEvent>> ReadHistoryAsync(long executionId, long afterEventId = 0, int maxCount = int.MaxValue, CancellationToken cancellationToken = default) => inner.ReadHistoryAsync(executionId, afterEventId, maxCount, cancellationToken);
        public Task<ExecutionLease?> AcquireLeaseAsync(long executionId, string owner, TimeSpan duration, TimeSpan wait, CancellationToken cancellationToken = default)
        { Count(1); return inner.AcquireLeaseAsync(executionId, owner, duration, wait, cancellationToken); }
        public Task<ExecutionLease> RenewLeaseAsync(ExecutionLease lease, CancellationToken cancellationToken = default)
        { Count(1); return inner.RenewLeaseAsync(lease, cancellationToken); }
        public Task ReleaseLeaseAsync(ExecutionLease lease, CancellationToken cancellationToken = default)
        { Count(1); return inner.ReleaseLeaseAsync(lease, cancellationToken); }
        public Task<TaskTokenRecord> RegisterTaskTokenAsync(ExecutionLease lease, string taskToken, string journalKey, TimeSpan? timeout, TimeSpan? heartbeat, CancellationToken cancellationToken = default)
        { Count(1); return inner.RegisterTaskTokenAsync(lease, taskToken, journalKey, timeout, heartbeat, cancellationToken); }
        public Task<TaskTokenRecord?> GetTaskTokenAsync(string taskToken, CancellationToken cancellationToken = default) => inner.GetTaskTokenAsync(taskToken, cancellationToken);
        public Task<TaskTokenRecord> WaitForTaskTokenAsync(string taskToken, CancellationToken cancellationToken = default) => inner.WaitForTaskTokenAsync(taskToken, cancellationToken);
        public Task SendTaskSuccessAsync(string taskToken, JsonNode? output, CancellationToken cancellationToken = default) { Count(1); return inner.SendTaskSuccessAsync(taskToken, output, cancellationToken); }
        public Task SendTaskFailureAsync(string taskToken, string? error, string? cause, CancellationToken cancellationToken = default) { Count(1); return inner.SendTaskFailureAsync(taskToken, error, cause, cancellationToken); }
        public Task SendTaskHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default) { Count(1); return inner.SendTaskHeartbeatAsync(taskToken, cancellationToken); }
    }
}
