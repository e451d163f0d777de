using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace StatesGen.Sqlite
{
    /// <summary>
    /// An <see cref="IExecutionStore"/> in one SQLite file, which several processes may open at once: one of them runs
    /// each execution (leases), any of them answers task tokens. The file is in WAL mode (readers never wait for the
    /// writer) with <c>synchronous=FULL</c>: a committed write survives a power loss, not only a process crash. The
    /// schema is versioned and migrated when the store opens; see docs/durability.md for the tables.
    /// </summary>
    /// <remarks>
    /// Creating the store opens the file, checks or creates its schema, and throws at once if the file is not a
    /// StatesGen store, was written by a newer version or is damaged. Each instance writes through one connection
    /// (SQLite has one writer at a time anyway) and reads through pooled connections; it is thread-safe. Calls run
    /// synchronously on the caller's thread (Microsoft.Data.Sqlite has no asynchronous I/O) and wait up to the
    /// connection string's <c>Default Timeout</c> (30 s unless set) while another process writes.
    /// </remarks>
    public sealed partial class SqliteExecutionStore : IExecutionStore, IDisposable
    {
        /// <summary>How often waits for task tokens and leases look at the file for what other processes wrote.</summary>
        internal static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

        private readonly string _connectionString;
        private readonly string _source;
        private readonly TimeProvider _time;
        private readonly SqliteConnection _writer;
        private readonly SemaphoreSlim _writeGate = new(1, 1);
        private readonly System.Collections.Concurrent.ConcurrentQueue<IWrite> _writes = new();
        // Write transactions committed (each one SQLite sync); read by the durable benchmark through reflection.
        private long _commits;
        private readonly CancellationTokenSource _disposing = new();
        private int _disposed;

        /// <summary>Opens (or creates) the store described by a Microsoft.Data.Sqlite connection string such as <c>Data Source=app.db</c>.</summary>
        /// <exception cref="ArgumentException">The connection string is invalid or names an in-memory database.</exception>
        /// <exception cref="InvalidOperationException">The file cannot be opened, is not a StatesGen store, was
        /// written by a newer StatesGen.Sqlite, or is damaged.</exception>
        public SqliteExecutionStore(string connectionString) : this(connectionString, TimeProvider.System)
        {
        }

        /// <summary>
        /// Opens (or creates) the store with a clock of your own for lease expiry, task token deadlines, heartbeats and
        /// purge ages: pass the same manual time provider as the state machine's when you fake time.
        /// </summary>
        /// <exception cref="ArgumentException">The connection string is invalid or names an in-memory database.</exception>
        /// <exception cref="InvalidOperationException">The file cannot be opened, is not a StatesGen store, was
        /// written by a newer StatesGen.Sqlite, or is damaged.</exception>
        public SqliteExecutionStore(string connectionString, TimeProvider timeProvider)
        {
            ArgumentNullException.ThrowIfNull(connectionString);
            _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
            var builder = new SqliteConnectionStringBuilder(connectionString);
            // Every connection to a private in-memory database is a database of its own, and a shared one vanishes
            // with its last connection: neither survives anything, which is all a durable store is for.
            if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource.Length == 0 || builder.DataSource == ":memory:")
                throw new ArgumentException("A durable execution store needs a file: use a connection string such as 'Data Source=app.db', not an in-memory database.", nameof(connectionString));
            _source = builder.DataSource;
            _connectionString = builder.ToString();
            _writer = new SqliteConnection(_connectionString);
            try
            {
                _writer.Open();
                Configure(_writer, builder.DefaultTimeout);
                var journalMode = Scalar(_writer, "PRAGMA journal_mode = WAL") as string;
                if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
                    throw new InvalidOperationException($"The StatesGen store '{_source}' cannot use WAL mode (SQLite kept journal mode '{journalMode}').");
                Schema.Open(_writer, _source);
            }
            catch (SqliteException e)
            {
                _writer.Dispose();
                throw Failure(e, "opening the store");
            }
            catch
            {
                _writer.Dispose();
                throw;
            }
        }

        /// <summary>The file of the store, for messages.</summary>
        public string DataSource => _source;

        /// <summary>
        /// The settings of each connection that writes. busy_timeout makes a writer wait for another process's write
        /// instead of failing. synchronous=FULL syncs the WAL at every commit: with NORMAL, a committed transaction
        /// survives a process crash but may be lost on a power failure or OS crash, which would forget a recorded task
        /// result (the task would run again) or an answer that SendTaskSuccess had acknowledged.
        /// </summary>
        private static void Configure(SqliteConnection connection, int timeoutSeconds)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = " + (Math.Max(timeoutSeconds, 0) * 1000L).ToString(CultureInfo.InvariantCulture)
                + "; PRAGMA synchronous = FULL;";
            command.ExecuteNonQuery();
        }

        /// <summary>A pragma's value on the connection that writes (synchronous and busy_timeout are per connection).</summary>
        internal object? WriterPragma(string name)
        {
            _writeGate.Wait();
            try
            {
                return Scalar(_writer, "PRAGMA " + name);
            }
            finally
            {
                _writeGate.Release();
            }
        }

        private static object? Scalar(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteScalar();
        }

        /// <summary>Runs <paramref name="body"/> in one write transaction (BEGIN IMMEDIATE), committed when it returns.</summary>
        private async Task<T> WriteAsync<T>(string operation, Func<SqliteTransaction, T> body, CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            cancellationToken.ThrowIfCancellationRequested();
            var write = new Write<T>(operation, body);
            _writes.Enqueue(write);
            await _writeGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                // Whoever holds the gate writes everything queued so far, its own write included (group commit).
                if (!write.Completion.Task.IsCompleted) WriteQueued();
            }
            finally
            {
                _writeGate.Release();
            }
            return await write.Completion.Task.ConfigureAwait(false);
        }

        /// <summary>
        /// Writes every queued write in one transaction: SQLite syncs once per commit, so concurrent writers (executions
        /// running at once, Map iterations of one execution) share the sync instead of waiting for one each. Each write
        /// runs in its own savepoint when there are several, so a write that fails (a lost lease, a conflict) is undone
        /// and fails alone; the others commit.
        /// </summary>
        private void WriteQueued()
        {
            var batch = new List<IWrite>();
            while (_writes.TryDequeue(out var queued)) batch.Add(queued);
            if (batch.Count == 0) return;
            ThrowIfDisposed();
            var succeeded = new List<IWrite>(batch.Count);
            try
            {
                using var transaction = _writer.BeginTransaction(deferred: false);
                if (batch.Count == 1)
                {
                    try
                    {
                        batch[0].Run(transaction);
                    }
                    catch (Exception e)
                    {
                        batch[0].Fail(e is SqliteException se ? Failure(se, batch[0].Operation) : e);
                        return;
                    }
                    succeeded.Add(batch[0]);
                }
                else
                {
                    foreach (var write in batch)
                    {
                        transaction.Save("statesgen_write");
                        try
                        {
                            write.Run(transaction);
                            transaction.Release("statesgen_write");
                            succeeded.Add(write);
                        }
                        catch (Exception e)
                        {
                            transaction.Rollback("statesgen_write");
                            transaction.Release("statesgen_write");
                            write.Fail(e is SqliteException se ? Failure(se, write.Operation) : e);
                        }
                    }
                }
                transaction.Commit();
                Interlocked.Increment(ref _commits);
            }
            catch (SqliteException e)
            {
                foreach (var write in succeeded) write.Fail(Failure(e, write.Operation));
                foreach (var write in batch) write.Fail(Failure(e, write.Operation));
                return;
            }
            foreach (var write in succeeded) write.Succeed();
        }

        private interface IWrite
        {
            string Operation { get; }
            void Run(SqliteTransaction transaction);
            void Succeed();
            void Fail(Exception e);
        }

        private sealed class Write<T>(string operation, Func<SqliteTransaction, T> body) : IWrite
        {
            private T _result = default!;
            public readonly TaskCompletionSource<T> Completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
            public string Operation => operation;
            public void Run(SqliteTransaction transaction) => _result = body(transaction);
            public void Succeed() => Completion.TrySetResult(_result);
            public void Fail(Exception e) => Completion.TrySetException(e);
        }

        /// <summary>Runs <paramref name="body"/> on a pooled read connection (WAL: it never waits for writers).</summary>
        private T Read<T>(string operation, Func<SqliteConnection, T> body, CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var connection = new SqliteConnection(_connectionString);
                connection.Open();
                return body(connection);
            }
            catch (SqliteException e)
            {
                throw Failure(e, operation);
            }
        }

        internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            return command;
        }

        internal static SqliteCommand Command(SqliteTransaction transaction, string sql) => Command(transaction.Connection!, transaction, sql);

        /// <summary>An SQLite error, explained: what the store was doing, and what the error means for the file.</summary>
        internal InvalidOperationException Failure(SqliteException e, string operation)
        {
            var meaning = e.SqliteErrorCode switch
            {
                26 => "the file is not a SQLite database (it is damaged, encrypted, or another kind of file)",
                11 => "the database file is damaged",
                5 or 6 => "another process kept the database locked for longer than the busy timeout",
                8 => "the database is read-only",
                13 => "the disk is full",
                14 => "the database file cannot be opened",
                10 => "a disk I/O error occurred",
                1 when e.Message.Contains("no such table", StringComparison.Ordinal) || e.Message.Contains("no such column", StringComparison.Ordinal)
                    => "the schema was changed by hand",
                _ => "SQLite refused the operation",
            };
            return new InvalidOperationException($"StatesGen store '{_source}': {operation} failed: {meaning} (SQLite error {e.SqliteErrorCode}: {e.Message}).", e);
        }

        /// <summary>A row that cannot have been written by this store: it was changed by hand or the file is damaged.</summary>
        internal InvalidOperationException Damaged(string problem, Exception? inner = null) =>
            new($"StatesGen store '{_source}' was changed by hand or is damaged: {problem}.", inner);

        private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        /// <summary>Closes the store's connections; waits for task tokens and leases end with <see cref="ObjectDisposedException"/>.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            _disposing.Cancel();
            _writeGate.Wait();
            try
            {
                _writer.Dispose();
            }
            finally
            {
                _writeGate.Release();
            }
            // Pooled connections keep the file open; a disposed store leaves none behind. The poller, told to stop by
            // _disposing, is not waited for: a connection still open when the pool is cleared is closed, not pooled.
            SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        }
    }
}
