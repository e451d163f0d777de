using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using StatesGen.Durability;

namespace StatesGen.Sqlite
{
    // Executions: create (idempotent), read, list with keyset paging, complete, redrive, purge.
    public sealed partial class SqliteExecutionStore
    {
        private const string SummaryColumns =
            "id, state_machine, name, status, definition_hash, start_date, stop_date, redrive_count, redrive_date, error, cause";
        private const string RecordColumns = SummaryColumns + ", input, output";

        /// <summary>How many ended executions one purge transaction deletes: other writers wait no longer than that.</summary>
        private const int PurgeBatch = 500;

        /// <inheritdoc />
        public Task<ExecutionRecord> CreateExecutionAsync(string stateMachine, string name, JsonNode? input, string definitionHash,
            DateTimeOffset startDate, CancellationToken cancellationToken = default)
        {
            ArgumentException.ThrowIfNullOrEmpty(stateMachine);
            ArgumentException.ThrowIfNullOrEmpty(name);
            ArgumentException.ThrowIfNullOrEmpty(definitionHash);
            var inputText = StoredValues.Json(input);
            return WriteAsync($"creating execution '{name}'", transaction =>
            {
                var existing = SelectRecord(transaction.Connection!, transaction, "state_machine = $machine AND name = $name",
                    ("$machine", stateMachine), ("$name", name));
                if (existing is not null)
                {
                    // AWS's StartExecution: same name and input while running is the same execution; anything else is an error.
                    if (existing.Status != ExecutionStatus.Running)
                        throw new StatesException("ExecutionAlreadyExists", $"Execution '{name}' of state machine '{stateMachine}' has already ended "
                            + $"({StoredValues.Status(existing.Status)}); the name of a closed execution cannot be used again.");
                    if (!JsonNode.DeepEquals(existing.Input, input))
                        throw new StatesException("ExecutionAlreadyExists", $"Execution '{name}' of state machine '{stateMachine}' is already running with a different input.");
                    return existing;
                }
                using var insert = Command(transaction,
                    "INSERT INTO statesgen_executions (state_machine, name, status, definition_hash, start_date, input) "
                    + "VALUES ($machine, $name, 'RUNNING', $hash, $start, $input); SELECT last_insert_rowid();");
                insert.Parameters.AddWithValue("$machine", stateMachine);
                insert.Parameters.AddWithValue("$name", name);
                insert.Parameters.AddWithValue("$hash", definitionHash);
                insert.Parameters.AddWithValue("$start", StoredValues.Ticks(startDate));
                insert.Parameters.AddWithValue("$input", inputText);
                var id = (long)insert.ExecuteScalar()!;
                return new ExecutionRecord
                {
                    Id = id,
                    StateMachine = stateMachine,
                    Name = name,
                    Status = ExecutionStatus.Running,
                    DefinitionHash = definitionHash,
                    StartDate = new DateTimeOffset(startDate.UtcTicks, TimeSpan.Zero),
                    Input = input?.DeepClone(),
                };
            }, cancellationToken);
        }

        /// <inheritdoc />
        public Task<ExecutionRecord?> GetExecutionAsync(string stateMachine, string name, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(stateMachine);
            ArgumentNullException.ThrowIfNull(name);
            return Task.FromResult(Read($"reading execution '{name}'", connection =>
                SelectRecord(connection, null, "state_machine = $machine AND name = $name", ("$machine", stateMachine), ("$name", name)),
                cancellationToken));
        }

        /// <inheritdoc />
        public Task<ExecutionPage> ListExecutionsAsync(ExecutionQuery query, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(query);
            if (query.MaxResults is < 1 or > 1000)
                throw new ArgumentOutOfRangeException(nameof(query), query.MaxResults, "MaxResults must be from 1 to 1,000.");
            long? after = null;
            if (query.NextToken is not null)
            {
                if (!long.TryParse(query.NextToken, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
                    throw new ArgumentException($"'{query.NextToken}' is not a NextToken returned by this store.", nameof(query));
                after = id;
            }
            return Task.FromResult(Read("listing executions", connection =>
            {
                using var command = ListCommand(connection, query, after);
                var executions = new List<ExecutionSummary>();
                using (var reader = command.ExecuteReader())
                    while (reader.Read()) executions.Add(ReadSummary(reader));
                // One row more than a page was asked for: its presence says whether there is a next page.
                string? next = null;
                if (executions.Count > query.MaxResults)
                {
                    executions.RemoveAt(executions.Count - 1);
                    next = executions[^1].Id.ToString(CultureInfo.InvariantCulture);
                }
                return new ExecutionPage(executions, next);
            }, cancellationToken));
        }

        /// <summary>
        /// The page query: newest first by id (ids grow with creation), after the last id of the previous page. Each
        /// filter has an index ending in the rowid (status; state machine; state machine and status; name), so a page
        /// reads about as many rows as it returns, however many executions the store holds.
        /// </summary>
        internal static SqliteCommand ListCommand(SqliteConnection connection, ExecutionQuery query, long? after)
        {
            var sql = new StringBuilder("SELECT ").Append(SummaryColumns).Append(" FROM statesgen_executions");
            var command = connection.CreateCommand();
            var conditions = new List<string>();
            if (query.StateMachine is not null)
            {
                conditions.Add("state_machine = $machine");
                command.Parameters.AddWithValue("$machine", query.StateMachine);
            }
            if (query.Status is { } status)
            {
                conditions.Add("status = $status");
                command.Parameters.AddWithValue("$status", StoredValues.Status(status));
            }
            if (!string.IsNullOrEmpty(query.NamePrefix))
            {
                // A range, so the name index serves it: every name that starts with the prefix sorts in [prefix, end).
                conditions.Add("name >= $prefix");
                command.Parameters.AddWithValue("$prefix", query.NamePrefix);
                if (PrefixEnd(query.NamePrefix) is { } end)
                {
                    conditions.Add("name < $prefixEnd");
                    command.Parameters.AddWithValue("$prefixEnd", end);
                }
            }
            if (after is { } id)
            {
                conditions.Add("id < $after");
                command.Parameters.AddWithValue("$after", id);
            }
            if (conditions.Count > 0) sql.Append(" WHERE ").Append(string.Join(" AND ", conditions));
            sql.Append(" ORDER BY id DESC LIMIT $limit");
            command.Parameters.AddWithValue("$limit", query.MaxResults + 1);
            command.CommandText = sql.ToString();
            return command;
        }

        /// <summary>SQLite's plan for a page query (EXPLAIN QUERY PLAN), one step a line: what the index tests check.</summary>
        internal string ExplainList(ExecutionQuery query, long? after) => Read("explaining a list query", connection =>
        {
            using var command = ListCommand(connection, query, after);
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            using var reader = command.ExecuteReader();
            var plan = new StringBuilder();
            while (reader.Read()) plan.AppendLine(reader.GetString(3));
            return plan.ToString();
        }, default);

        /// <summary>
        /// The least string greater than every string that starts with <paramref name="prefix"/> in SQLite's binary
        /// (UTF-8 byte, so code point) order: the prefix with its last code point incremented; null if there is none.
        /// </summary>
        internal static string? PrefixEnd(string prefix)
        {
            var runes = new List<Rune>();
            foreach (var rune in prefix.EnumerateRunes()) runes.Add(rune);
            while (runes.Count > 0)
            {
                int last = runes[^1].Value + 1;
                runes.RemoveAt(runes.Count - 1);
                if (last == 0xD800) last = 0xE000; // surrogates are not code points
                if (last > 0x10FFFF) continue; // U+10FFFF cannot grow: increment the one before
                var end = new StringBuilder();
                foreach (var rune in runes) end.Append(rune.ToString());
                return end.Append(new Rune(last).ToString()).ToString();
            }
            return null;
        }

        /// <inheritdoc />
        public async Task<ExecutionRecord> CompleteExecutionAsync(ExecutionLease lease, ExecutionStatus status, JsonNode? output, string? error,
            string? cause, DateTimeOffset stopDate, IReadOnlyList<ExecutionEvent> events, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(lease);
            ArgumentNullException.ThrowIfNull(events);
            if (status == ExecutionStatus.Running) throw new ArgumentException("An execution completes with the status it ended with, not Running.", nameof(status));
            var statusText = StoredValues.Status(status);
            var outputText = status == ExecutionStatus.Succeeded ? StoredValues.Json(output) : null;
            var eventRows = EventRows(events);
            var record = await WriteAsync($"completing execution {lease.ExecutionId}", transaction =>
            {
                CheckLease(transaction, lease, requireRunning: true);
                InsertEvents(transaction, lease.ExecutionId, eventRows);
                using (var update = Command(transaction,
                    "UPDATE statesgen_executions SET status = $status, output = $output, error = $error, cause = $cause, stop_date = $stop WHERE id = $id;"
                    + "UPDATE statesgen_task_tokens SET status = 'CLOSED', answered_at = $now WHERE execution_id = $id AND status = 'WAITING';"
                    + "UPDATE statesgen_leases SET owner = NULL, expires_at = 0 WHERE execution_id = $id;"))
                {
                    update.Parameters.AddWithValue("$id", lease.ExecutionId);
                    update.Parameters.AddWithValue("$status", statusText);
                    update.Parameters.AddWithValue("$output", (object?)outputText ?? DBNull.Value);
                    update.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
                    update.Parameters.AddWithValue("$cause", (object?)cause ?? DBNull.Value);
                    update.Parameters.AddWithValue("$stop", StoredValues.Ticks(stopDate));
                    update.Parameters.AddWithValue("$now", StoredValues.Ticks(_time.GetUtcNow()));
                    update.ExecuteNonQuery();
                }
                return SelectRecord(transaction.Connection!, transaction, "id = $id", ("$id", lease.ExecutionId))!;
            }, cancellationToken).ConfigureAwait(false);
            // Waits on this execution's tokens end (Closed), and the lease is free for whoever waits for it.
            PulseAllTokens();
            _leaseReleased.Pulse();
            return record;
        }

        /// <inheritdoc />
        public async Task<ExecutionRecord?> StopExecutionAsync(string stateMachine, string name, string? error, string? cause,
            CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(stateMachine);
            ArgumentNullException.ThrowIfNull(name);
            var record = await WriteAsync($"stopping execution '{name}'", transaction =>
            {
                var execution = SelectRecord(transaction.Connection!, transaction, "state_machine = $machine AND name = $name", ("$machine", stateMachine), ("$name", name));
                if (execution is null || execution.Status != ExecutionStatus.Running) return execution;
                var now = _time.GetUtcNow();
                long lastEvent;
                using (var last = Command(transaction, "SELECT COALESCE(MAX(id), 0) FROM statesgen_events WHERE execution_id = $id"))
                {
                    last.Parameters.AddWithValue("$id", execution.Id);
                    lastEvent = (long)last.ExecuteScalar()!;
                }
                var aborted = new ExecutionEvent(lastEvent + 1, lastEvent, now, "ExecutionAborted")
                {
                    Error = error,
                    Cause = cause,
                    Key = "stopped@" + execution.RedriveCount.ToString(CultureInfo.InvariantCulture),
                };
                InsertEvents(transaction, execution.Id, EventRows([aborted]));
                using (var update = Command(transaction,
                    "UPDATE statesgen_executions SET status = 'ABORTED', error = $error, cause = $cause, stop_date = $stop WHERE id = $id;"
                    + "UPDATE statesgen_task_tokens SET status = 'CLOSED', answered_at = $stop WHERE execution_id = $id AND status = 'WAITING';"
                    + "UPDATE statesgen_leases SET owner = NULL, expires_at = 0, generation = generation + 1 WHERE execution_id = $id;"))
                {
                    update.Parameters.AddWithValue("$id", execution.Id);
                    update.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
                    update.Parameters.AddWithValue("$cause", (object?)cause ?? DBNull.Value);
                    update.Parameters.AddWithValue("$stop", StoredValues.Ticks(now));
                    update.ExecuteNonQuery();
                }
                return SelectRecord(transaction.Connection!, transaction, "id = $id", ("$id", execution.Id));
            }, cancellationToken).ConfigureAwait(false);
            PulseAllTokens();
            _leaseReleased.Pulse();
            return record;
        }

        /// <inheritdoc />
        public Task<ExecutionRecord> RedriveExecutionAsync(ExecutionLease lease, IReadOnlyCollection<string> discardedJournalKeys,
            IReadOnlyList<ExecutionEvent> events, DateTimeOffset redriveDate, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(lease);
            ArgumentNullException.ThrowIfNull(discardedJournalKeys);
            ArgumentNullException.ThrowIfNull(events);
            var eventRows = EventRows(events);
            return WriteAsync($"redriving execution {lease.ExecutionId}", transaction =>
            {
                CheckLease(transaction, lease, requireRunning: false);
                var execution = SelectRecord(transaction.Connection!, transaction, "id = $id", ("$id", lease.ExecutionId))!;
                if (execution.Status is ExecutionStatus.Running or ExecutionStatus.Succeeded)
                    throw new StatesException("ExecutionNotRedrivable", $"Execution '{execution.Name}' of state machine '{execution.StateMachine}' is "
                        + $"{StoredValues.Status(execution.Status)} and cannot be redriven: only FAILED, TIMED_OUT and ABORTED executions can.");
                using (var discard = Command(transaction, "DELETE FROM statesgen_journal WHERE execution_id = $id AND key = $key"))
                {
                    discard.Parameters.AddWithValue("$id", lease.ExecutionId);
                    var key = discard.Parameters.Add("$key", SqliteType.Text);
                    foreach (var discarded in discardedJournalKeys)
                    {
                        key.Value = discarded ?? throw new ArgumentException("A discarded journal key is null.", nameof(discardedJournalKeys));
                        discard.ExecuteNonQuery();
                    }
                }
                InsertEvents(transaction, lease.ExecutionId, eventRows);
                using (var update = Command(transaction,
                    "UPDATE statesgen_executions SET status = 'RUNNING', stop_date = NULL, output = NULL, error = NULL, cause = NULL, "
                    + "redrive_count = redrive_count + 1, redrive_date = $date WHERE id = $id"))
                {
                    update.Parameters.AddWithValue("$id", lease.ExecutionId);
                    update.Parameters.AddWithValue("$date", StoredValues.Ticks(redriveDate));
                    update.ExecuteNonQuery();
                }
                return SelectRecord(transaction.Connection!, transaction, "id = $id", ("$id", lease.ExecutionId))!;
            }, cancellationToken);
        }

        /// <inheritdoc />
        public async Task<int> PurgeExecutionsAsync(TimeSpan age, CancellationToken cancellationToken = default)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(age, TimeSpan.Zero);
            var cutoff = StoredValues.Ticks(_time.GetUtcNow() - age);
            int total = 0;
            while (true)
            {
                int deleted = await WriteAsync("purging ended executions", transaction =>
                {
                    var ids = new List<long>();
                    using (var select = Command(transaction,
                        "SELECT id FROM statesgen_executions WHERE stop_date < $cutoff AND status <> 'RUNNING' LIMIT $batch"))
                    {
                        select.Parameters.AddWithValue("$cutoff", cutoff);
                        select.Parameters.AddWithValue("$batch", PurgeBatch);
                        using var reader = select.ExecuteReader();
                        while (reader.Read()) ids.Add(reader.GetInt64(0));
                    }
                    using var delete = Command(transaction,
                        "DELETE FROM statesgen_journal WHERE execution_id = $id; DELETE FROM statesgen_events WHERE execution_id = $id;"
                        + "DELETE FROM statesgen_task_tokens WHERE execution_id = $id; DELETE FROM statesgen_leases WHERE execution_id = $id;"
                        + "DELETE FROM statesgen_executions WHERE id = $id;");
                    var id = delete.Parameters.Add("$id", SqliteType.Integer);
                    foreach (var execution in ids)
                    {
                        id.Value = execution;
                        delete.ExecuteNonQuery();
                    }
                    return ids.Count;
                }, cancellationToken).ConfigureAwait(false);
                total += deleted;
                if (deleted < PurgeBatch) return total;
            }
        }

        private ExecutionRecord? SelectRecord(SqliteConnection connection, SqliteTransaction? transaction, string where, params (string Name, object Value)[] parameters)
        {
            using var command = Command(connection, transaction, $"SELECT {RecordColumns} FROM statesgen_executions WHERE {where}");
            foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
            using var reader = command.ExecuteReader();
            if (!reader.Read()) return null;
            var summary = ReadSummary(reader);
            string Describe(string what) => $"the {what} of execution {summary.Id} ('{summary.Name}')";
            return new ExecutionRecord
            {
                Id = summary.Id,
                StateMachine = summary.StateMachine,
                Name = summary.Name,
                Status = summary.Status,
                DefinitionHash = summary.DefinitionHash,
                StartDate = summary.StartDate,
                StopDate = summary.StopDate,
                RedriveCount = summary.RedriveCount,
                RedriveDate = summary.RedriveDate,
                Error = summary.Error,
                Cause = summary.Cause,
                Input = StoredValues.ParseJson(this, reader.GetString(11), () => Describe("input")),
                Output = reader.IsDBNull(12) ? null : StoredValues.ParseJson(this, reader.GetString(12), () => Describe("output")),
            };
        }

        /// <summary>Reads the <see cref="SummaryColumns"/> of the current row.</summary>
        private ExecutionSummary ReadSummary(SqliteDataReader reader)
        {
            long id = reader.GetInt64(0);
            string Describe() => $"execution {id}";
            long redriveCount = reader.GetInt64(7);
            if (redriveCount is < 0 or > int.MaxValue) throw Damaged($"{Describe()} has the redrive count {redriveCount}");
            return new ExecutionSummary
            {
                Id = id,
                StateMachine = reader.GetString(1),
                Name = reader.GetString(2),
                Status = StoredValues.ParseStatus(this, reader.GetString(3), Describe),
                DefinitionHash = reader.GetString(4),
                StartDate = StoredValues.Time(this, reader.GetInt64(5), () => $"the start date of {Describe()}"),
                StopDate = reader.IsDBNull(6) ? null : StoredValues.Time(this, reader.GetInt64(6), () => $"the stop date of {Describe()}"),
                RedriveCount = (int)redriveCount,
                RedriveDate = reader.IsDBNull(8) ? null : StoredValues.Time(this, reader.GetInt64(8), () => $"the redrive date of {Describe()}"),
                Error = reader.IsDBNull(9) ? null : reader.GetString(9),
                Cause = reader.IsDBNull(10) ? null : reader.GetString(10),
            };
        }
    }
}
