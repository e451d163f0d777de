using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using StatesGen.Durability;

namespace StatesGen.Sqlite
{
    // Task tokens: registration by the run, answers from any process, waits that see both.
    public sealed partial class SqliteExecutionStore
    {
        private const string TokenColumns =
            "token, execution_id, journal_key, status, registered_at, timeout_at, heartbeat_interval, last_heartbeat, answered_at, output, error, cause";

        /// <inheritdoc />
        public Task<TaskTokenRecord> RegisterTaskTokenAsync(ExecutionLease lease, string taskToken, string journalKey, TimeSpan? timeout,
            TimeSpan? heartbeat, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(lease);
            ArgumentException.ThrowIfNullOrEmpty(taskToken);
            ArgumentException.ThrowIfNullOrEmpty(journalKey);
            if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A timeout must be positive, or null for none.");
            if (heartbeat <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(heartbeat), heartbeat, "A heartbeat interval must be positive, or null for none.");
            return WriteAsync("registering a task token", transaction =>
            {
                CheckLease(transaction, lease, requireRunning: true);
                var existing = SelectToken(transaction.Connection!, transaction, taskToken);
                if (existing is not null)
                {
                    if (existing.ExecutionId != lease.ExecutionId || existing.JournalKey != journalKey)
                        throw new InvalidOperationException($"Task token '{taskToken}' is already registered for journal key '{existing.JournalKey}' "
                            + $"of execution {existing.ExecutionId}, not for '{journalKey}' of execution {lease.ExecutionId}: a token belongs to one task.");
                    return existing;
                }
                var now = new DateTimeOffset(_time.GetUtcNow().UtcTicks, TimeSpan.Zero);
                var record = new TaskTokenRecord
                {
                    TaskToken = taskToken,
                    ExecutionId = lease.ExecutionId,
                    JournalKey = journalKey,
                    Status = TaskTokenStatus.Waiting,
                    RegisteredAt = now,
                    TimeoutAt = timeout is { } t ? now + t : null,
                    HeartbeatInterval = heartbeat,
                    LastHeartbeat = now,
                };
                using var insert = Command(transaction,
                    "INSERT INTO statesgen_task_tokens (token, execution_id, journal_key, status, registered_at, timeout_at, heartbeat_interval, last_heartbeat) "
                    + "VALUES ($token, $execution, $key, 'WAITING', $now, $timeout, $heartbeat, $now)");
                insert.Parameters.AddWithValue("$token", taskToken);
                insert.Parameters.AddWithValue("$execution", lease.ExecutionId);
                insert.Parameters.AddWithValue("$key", journalKey);
                insert.Parameters.AddWithValue("$now", StoredValues.Ticks(now));
                insert.Parameters.AddWithValue("$timeout", record.TimeoutAt is { } at ? StoredValues.Ticks(at) : DBNull.Value);
                insert.Parameters.AddWithValue("$heartbeat", heartbeat is { } h ? h.Ticks : DBNull.Value);
                insert.ExecuteNonQuery();
                return record;
            }, cancellationToken);
        }

        /// <inheritdoc />
        public Task<TaskTokenRecord?> GetTaskTokenAsync(string taskToken, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(taskToken);
            return Task.FromResult(Read("reading a task token", connection => SelectToken(connection, null, taskToken), cancellationToken));
        }

        /// <inheritdoc />
        public async Task<TaskTokenRecord> WaitForTaskTokenAsync(string taskToken, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(taskToken);
            ThrowIfDisposed();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
            var signal = WatchToken(taskToken);
            try
            {
                while (true)
                {
                    // Taken before the row is read: an answer that lands after the read pulses this very task.
                    var changed = signal.Next;
                    var record = Read("reading a task token", connection => SelectToken(connection, null, taskToken), cancellationToken)
                        ?? throw new InvalidOperationException($"Task token '{taskToken}' is not registered in the store '{_source}'.");
                    if (record.Status != TaskTokenStatus.Waiting) return record;
                    var now = _time.GetUtcNow();
                    if (record.Deadline is { } due && due <= now)
                    {
                        await WriteAsync("timing out a task token", transaction => { TimeOutIfDue(transaction, taskToken); return 0; }, cancellationToken)
                            .ConfigureAwait(false);
                        continue;
                    }
                    // The deadline is on the store's clock (a manual one in tests); answers from elsewhere arrive as pulses.
                    var untilDue = record.Deadline is { } deadline ? Clamp(deadline - now) : Timeout.InfiniteTimeSpan;
                    try
                    {
                        await changed.WaitAsync(untilDue, _time, stop.Token).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                    }
                }
            }
            catch (OperationCanceledException) when (_disposing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ObjectDisposedException(nameof(SqliteExecutionStore));
            }
            finally
            {
                UnwatchToken(taskToken, signal);
            }
        }

        // .NET timers stop at about 49.7 days; a later deadline is looked at again then.
        private static TimeSpan Clamp(TimeSpan delay) =>
            delay > MaxTimer ? MaxTimer : delay < TimeSpan.Zero ? TimeSpan.Zero : delay;

        private static readonly TimeSpan MaxTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

        /// <inheritdoc />
        public Task SendTaskSuccessAsync(string taskToken, JsonNode? output, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(taskToken);
            return AnswerAsync(taskToken, TaskTokenStatus.Succeeded, StoredValues.Json(output), null, null, cancellationToken);
        }

        /// <inheritdoc />
        public Task SendTaskFailureAsync(string taskToken, string? error, string? cause, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(taskToken);
            return AnswerAsync(taskToken, TaskTokenStatus.Failed, null, error, cause, cancellationToken);
        }

        /// <inheritdoc />
        public Task SendTaskHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(taskToken);
            return AnswerAsync(taskToken, TaskTokenStatus.Waiting, null, null, null, cancellationToken);
        }

        /// <summary>Answers a waiting token (<see cref="TaskTokenStatus.Waiting"/>: records a heartbeat), or fails as TaskTokens does.</summary>
        private async Task AnswerAsync(string taskToken, TaskTokenStatus answer, string? output, string? error, string? cause, CancellationToken cancellationToken)
        {
            var accepted = await WriteAsync(answer == TaskTokenStatus.Waiting ? "recording a task heartbeat" : "answering a task token", transaction =>
            {
                // A token whose deadline has passed is timed out now, and that is committed even though the answer is refused.
                if (TimeOutIfDue(transaction, taskToken) is not { Status: TaskTokenStatus.Waiting }) return false;
                var now = StoredValues.Ticks(_time.GetUtcNow());
                using var update = Command(transaction, answer == TaskTokenStatus.Waiting
                    ? "UPDATE statesgen_task_tokens SET last_heartbeat = $now WHERE token = $token"
                    : "UPDATE statesgen_task_tokens SET status = $status, answered_at = $now, output = $output, error = $error, cause = $cause WHERE token = $token");
                update.Parameters.AddWithValue("$token", taskToken);
                update.Parameters.AddWithValue("$now", now);
                if (answer != TaskTokenStatus.Waiting)
                {
                    update.Parameters.AddWithValue("$status", StoredValues.TokenStatus(answer));
                    update.Parameters.AddWithValue("$output", (object?)output ?? DBNull.Value);
                    update.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
                    update.Parameters.AddWithValue("$cause", (object?)cause ?? DBNull.Value);
                }
                update.ExecuteNonQuery();
                return true;
            }, cancellationToken).ConfigureAwait(false);
            PulseToken(taskToken);
            if (!accepted) throw InvalidToken(taskToken);
        }

        /// <summary>The error of <see cref="TaskTokens"/> for a token that nothing waits for, word for word.</summary>
        internal static StatesException InvalidToken(string token) =>
            new(StatesErrors.TaskTimedOut, $"Task token '{token}' is not waiting for a response: it is unknown, already completed, or timed out.");

        /// <summary>Marks a waiting token timed out if its deadline has passed; returns the token as it now is (null if unknown).</summary>
        private TaskTokenRecord? TimeOutIfDue(SqliteTransaction transaction, string taskToken)
        {
            var record = SelectToken(transaction.Connection!, transaction, taskToken);
            if (record is not { Status: TaskTokenStatus.Waiting, Deadline: { } due }) return record;
            var now = _time.GetUtcNow();
            if (due > now) return record;
            bool heartbeatMissed = record.HeartbeatInterval is { } interval && record.LastHeartbeat + interval <= now
                && (record.TimeoutAt is null || record.LastHeartbeat + interval <= record.TimeoutAt);
            var cause = heartbeatMissed
                ? "The task did not send a heartbeat within HeartbeatSeconds."
                : $"The task did not complete within TimeoutSeconds ({(record.TimeoutAt!.Value - record.RegisteredAt).TotalSeconds.ToString(CultureInfo.InvariantCulture)}).";
            using var update = Command(transaction,
                "UPDATE statesgen_task_tokens SET status = 'TIMED_OUT', answered_at = $now, error = $error, cause = $cause WHERE token = $token");
            update.Parameters.AddWithValue("$token", taskToken);
            update.Parameters.AddWithValue("$now", StoredValues.Ticks(now));
            update.Parameters.AddWithValue("$error", StatesErrors.Timeout);
            update.Parameters.AddWithValue("$cause", cause);
            update.ExecuteNonQuery();
            return record with { Status = TaskTokenStatus.TimedOut, AnsweredAt = now, Error = StatesErrors.Timeout, Cause = cause };
        }

        /// <inheritdoc />
        public Task<IReadOnlyList<TaskTokenRecord>> ListTaskTokensAsync(long executionId, CancellationToken cancellationToken = default) =>
            Task.FromResult(Read("listing task tokens", connection =>
            {
                // statesgen_task_tokens_by_execution serves the filter; an execution has few tokens, so sorting is cheap.
                using var command = Command(connection, null,
                    $"SELECT {TokenColumns} FROM statesgen_task_tokens WHERE execution_id = $execution ORDER BY registered_at, token");
                command.Parameters.AddWithValue("$execution", executionId);
                using var reader = command.ExecuteReader();
                var tokens = new List<TaskTokenRecord>();
                while (reader.Read()) tokens.Add(ReadToken(reader));
                return (IReadOnlyList<TaskTokenRecord>)tokens;
            }, cancellationToken));

        private TaskTokenRecord? SelectToken(SqliteConnection connection, SqliteTransaction? transaction, string taskToken)
        {
            using var command = Command(connection, transaction, $"SELECT {TokenColumns} FROM statesgen_task_tokens WHERE token = $token");
            command.Parameters.AddWithValue("$token", taskToken);
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadToken(reader) : null;
        }

        private TaskTokenRecord ReadToken(SqliteDataReader reader)
        {
            var taskToken = reader.GetString(0);
            string Describe() => $"task token '{taskToken}'";
            DateTimeOffset At(int column, string what) => StoredValues.Time(this, reader.GetInt64(column), () => $"the {what} of {Describe()}");
            long? interval = reader.IsDBNull(6) ? null : reader.GetInt64(6);
            if (interval <= 0) throw Damaged($"the heartbeat interval of {Describe()} is {interval}");
            return new TaskTokenRecord
            {
                TaskToken = reader.GetString(0),
                ExecutionId = reader.GetInt64(1),
                JournalKey = reader.GetString(2),
                Status = StoredValues.ParseTokenStatus(this, reader.GetString(3), Describe),
                RegisteredAt = At(4, "registration time"),
                TimeoutAt = reader.IsDBNull(5) ? null : At(5, "timeout"),
                HeartbeatInterval = interval is { } ticks ? TimeSpan.FromTicks(ticks) : null,
                LastHeartbeat = At(7, "last heartbeat"),
                AnsweredAt = reader.IsDBNull(8) ? null : At(8, "answer time"),
                Output = reader.IsDBNull(9) ? null : StoredValues.ParseJson(this, reader.GetString(9), () => $"the output of {Describe()}"),
                Error = reader.IsDBNull(10) ? null : reader.GetString(10),
                Cause = reader.IsDBNull(11) ? null : reader.GetString(11),
            };
        }
    }
}
