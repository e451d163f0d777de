using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using StatesGen.Durability;

namespace StatesGen.Sqlite
{
    // The journal of recorded effects and the history events: appended together, read back for replay and display.
    public sealed partial class SqliteExecutionStore
    {
        /// <summary>A history event as its columns, serialized before the write lock is taken.</summary>
        private readonly record struct EventRow(long Id, long PreviousId, long Timestamp, string Type, string Details);

        /// <inheritdoc />
        public Task AppendAsync(ExecutionLease lease, IReadOnlyList<JournalEntry> journal, IReadOnlyList<ExecutionEvent> events,
            CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(lease);
            ArgumentNullException.ThrowIfNull(journal);
            ArgumentNullException.ThrowIfNull(events);
            var entries = new (string Key, string Value)[journal.Count];
            for (int i = 0; i < entries.Length; i++)
            {
                var entry = journal[i] ?? throw new ArgumentException("A journal entry is null.", nameof(journal));
                if (string.IsNullOrEmpty(entry.Key)) throw new ArgumentException("A journal entry has no key.", nameof(journal));
                entries[i] = (entry.Key, StoredValues.Json(entry.Value));
            }
            var eventRows = EventRows(events);
            return WriteAsync($"appending to execution {lease.ExecutionId}", transaction =>
            {
                CheckLease(transaction, lease, requireRunning: true);
                InsertJournal(transaction, lease.ExecutionId, entries);
                InsertEvents(transaction, lease.ExecutionId, eventRows);
                return 0;
            }, cancellationToken);
        }

        /// <inheritdoc />
        public Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(long executionId, CancellationToken cancellationToken = default)
        {
            return Task.FromResult(Read<IReadOnlyList<JournalEntry>>($"reading the journal of execution {executionId}", connection =>
            {
                using var command = Command(connection, null, "SELECT key, value FROM statesgen_journal WHERE execution_id = $id ORDER BY seq");
                command.Parameters.AddWithValue("$id", executionId);
                using var reader = command.ExecuteReader();
                var entries = new List<JournalEntry>();
                while (reader.Read())
                {
                    var key = reader.GetString(0);
                    entries.Add(new JournalEntry(key, StoredValues.ParseJson(this, reader.GetString(1),
                        () => $"journal entry '{key}' of execution {executionId}")));
                }
                return entries;
            }, cancellationToken));
        }

        /// <inheritdoc />
        public Task<IReadOnlyList<ExecutionEvent>> ReadHistoryAsync(long executionId, long afterEventId = 0, int maxCount = int.MaxValue,
            CancellationToken cancellationToken = default)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
            return Task.FromResult(Read<IReadOnlyList<ExecutionEvent>>($"reading the history of execution {executionId}", connection =>
            {
                using var command = Command(connection, null,
                    "SELECT id, previous_id, timestamp, type, details FROM statesgen_events WHERE execution_id = $id AND id > $after ORDER BY id LIMIT $max");
                command.Parameters.AddWithValue("$id", executionId);
                command.Parameters.AddWithValue("$after", afterEventId);
                command.Parameters.AddWithValue("$max", maxCount);
                using var reader = command.ExecuteReader();
                var events = new List<ExecutionEvent>();
                while (reader.Read())
                    events.Add(StoredValues.Event(this, executionId, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4)));
                return events;
            }, cancellationToken));
        }

        private static EventRow[] EventRows(IReadOnlyList<ExecutionEvent> events)
        {
            var rows = new EventRow[events.Count];
            for (int i = 0; i < rows.Length; i++)
            {
                var e = events[i] ?? throw new ArgumentException("A history event is null.", nameof(events));
                rows[i] = new EventRow(e.Id, e.PreviousEventId, StoredValues.Ticks(e.Timestamp), e.Type ?? throw new ArgumentException("A history event has no type.", nameof(events)),
                    StoredValues.EventDetails(e));
            }
            return rows;
        }

        /// <summary>
        /// Inserts journal entries; an entry already there must hold the same value (a write retried after an
        /// uncertain commit), since the journal records facts: a different value means a replay diverged.
        /// </summary>
        private void InsertJournal(SqliteTransaction transaction, long executionId, (string Key, string Value)[] entries)
        {
            if (entries.Length == 0) return;
            using var insert = Command(transaction,
                "INSERT INTO statesgen_journal (execution_id, key, value) VALUES ($id, $key, $value) ON CONFLICT (execution_id, key) DO NOTHING");
            insert.Parameters.AddWithValue("$id", executionId);
            var key = insert.Parameters.Add("$key", SqliteType.Text);
            var value = insert.Parameters.Add("$value", SqliteType.Text);
            foreach (var entry in entries)
            {
                key.Value = entry.Key;
                value.Value = entry.Value;
                if (insert.ExecuteNonQuery() == 1) continue;
                using var existing = Command(transaction, "SELECT value FROM statesgen_journal WHERE execution_id = $id AND key = $key");
                existing.Parameters.AddWithValue("$id", executionId);
                existing.Parameters.AddWithValue("$key", entry.Key);
                var recorded = (string)existing.ExecuteScalar()!;
                if (recorded == entry.Value || JsonNode.DeepEquals(
                        StoredValues.ParseJson(this, recorded, () => $"journal entry '{entry.Key}' of execution {executionId}"), JsonNode.Parse(entry.Value)))
                    continue;
                throw new InvalidOperationException($"The journal of execution {executionId} already records '{entry.Key}' as {Shorten(recorded)}, "
                    + $"not {Shorten(entry.Value)}: a replay asked for a different effect at the same point (a changed definition, journal keys "
                    + "built differently, or code that is not deterministic).");
            }
        }

        /// <summary>Inserts history events; an event id already there must hold the same event.</summary>
        private void InsertEvents(SqliteTransaction transaction, long executionId, EventRow[] rows)
        {
            if (rows.Length == 0) return;
            using var insert = Command(transaction,
                "INSERT INTO statesgen_events (execution_id, id, previous_id, timestamp, type, details) VALUES ($execution, $id, $previous, $timestamp, $type, $details) "
                + "ON CONFLICT (execution_id, id) DO NOTHING");
            insert.Parameters.AddWithValue("$execution", executionId);
            var id = insert.Parameters.Add("$id", SqliteType.Integer);
            var previous = insert.Parameters.Add("$previous", SqliteType.Integer);
            var timestamp = insert.Parameters.Add("$timestamp", SqliteType.Integer);
            var type = insert.Parameters.Add("$type", SqliteType.Text);
            var details = insert.Parameters.Add("$details", SqliteType.Text);
            foreach (var row in rows)
            {
                id.Value = row.Id;
                previous.Value = row.PreviousId;
                timestamp.Value = row.Timestamp;
                type.Value = row.Type;
                details.Value = row.Details;
                if (insert.ExecuteNonQuery() == 1) continue;
                using var existing = Command(transaction,
                    "SELECT 1 FROM statesgen_events WHERE execution_id = $execution AND id = $id AND previous_id = $previous AND timestamp = $timestamp "
                    + "AND type = $type AND details = $details");
                existing.Parameters.AddWithValue("$execution", executionId);
                existing.Parameters.AddWithValue("$id", row.Id);
                existing.Parameters.AddWithValue("$previous", row.PreviousId);
                existing.Parameters.AddWithValue("$timestamp", row.Timestamp);
                existing.Parameters.AddWithValue("$type", row.Type);
                existing.Parameters.AddWithValue("$details", row.Details);
                if (existing.ExecuteScalar() is null)
                    throw new InvalidOperationException($"The history of execution {executionId} already has an event {row.Id} different from the {row.Type} event appended now.");
            }
        }

        private static string Shorten(string json) => json.Length <= 200 ? json : json.Substring(0, 200) + "...";
    }
}
