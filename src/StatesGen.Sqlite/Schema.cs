using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace StatesGen.Sqlite
{
    /// <summary>
    /// The store's tables, their version, and the migrations between versions. <c>statesgen_schema_version</c> holds
    /// one row: the version of the tables and the StatesGen.Sqlite that last migrated them. Opening a store creates the
    /// tables in a fresh file, migrates an older version one step at a time (each step in the same transaction as the
    /// version row, so a crash leaves the old version or the new one), and refuses a newer version. Tables are STRICT
    /// (SQLite enforces each column's type) and prefixed, so the file may also hold tables of the application.
    /// </summary>
    internal static class Schema
    {
        /// <summary>The version this StatesGen.Sqlite writes.</summary>
        public const int Version = 1;

        /// <summary>Migrations[n - 1] brings version n - 1 to version n (version 0 is a file without the tables).</summary>
        private static readonly string[] s_migrations =
        {
            """
            CREATE TABLE statesgen_schema_version (
                version INTEGER NOT NULL,
                written_by TEXT NOT NULL
            ) STRICT;

            CREATE TABLE statesgen_executions (
                id INTEGER PRIMARY KEY,
                state_machine TEXT NOT NULL,
                name TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED')),
                definition_hash TEXT NOT NULL,
                start_date INTEGER NOT NULL,
                stop_date INTEGER,
                redrive_count INTEGER NOT NULL DEFAULT 0,
                redrive_date INTEGER,
                error TEXT,
                cause TEXT,
                input TEXT NOT NULL,
                output TEXT
            ) STRICT;
            CREATE UNIQUE INDEX statesgen_executions_by_name ON statesgen_executions (state_machine, name);
            CREATE INDEX statesgen_executions_by_machine ON statesgen_executions (state_machine);
            CREATE INDEX statesgen_executions_by_status ON statesgen_executions (status);
            CREATE INDEX statesgen_executions_by_machine_status ON statesgen_executions (state_machine, status);
            CREATE INDEX statesgen_executions_by_name_prefix ON statesgen_executions (name);
            CREATE INDEX statesgen_executions_by_stop_date ON statesgen_executions (stop_date) WHERE stop_date IS NOT NULL;

            CREATE TABLE statesgen_journal (
                seq INTEGER PRIMARY KEY,
                execution_id INTEGER NOT NULL,
                key TEXT NOT NULL,
                value TEXT NOT NULL
            ) STRICT;
            CREATE UNIQUE INDEX statesgen_journal_by_key ON statesgen_journal (execution_id, key);

            CREATE TABLE statesgen_events (
                execution_id INTEGER NOT NULL,
                id INTEGER NOT NULL,
                previous_id INTEGER NOT NULL,
                timestamp INTEGER NOT NULL,
                type TEXT NOT NULL,
                details TEXT NOT NULL,
                PRIMARY KEY (execution_id, id)
            ) STRICT;

            CREATE TABLE statesgen_leases (
                execution_id INTEGER PRIMARY KEY,
                owner TEXT,
                generation INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            ) STRICT;

            CREATE TABLE statesgen_task_tokens (
                token TEXT PRIMARY KEY,
                execution_id INTEGER NOT NULL,
                journal_key TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('WAITING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'CLOSED')),
                registered_at INTEGER NOT NULL,
                timeout_at INTEGER,
                heartbeat_interval INTEGER,
                last_heartbeat INTEGER NOT NULL,
                answered_at INTEGER,
                output TEXT,
                error TEXT,
                cause TEXT
            ) STRICT;
            CREATE INDEX statesgen_task_tokens_by_execution ON statesgen_task_tokens (execution_id, status);
            """,
        };

        /// <summary>The tables of the current version and their columns: what opening a store checks is there.</summary>
        internal static readonly (string Table, string[] Columns)[] Tables =
        {
            ("statesgen_schema_version", new[] { "version", "written_by" }),
            ("statesgen_executions", new[] { "id", "state_machine", "name", "status", "definition_hash", "start_date", "stop_date",
                "redrive_count", "redrive_date", "error", "cause", "input", "output" }),
            ("statesgen_journal", new[] { "seq", "execution_id", "key", "value" }),
            ("statesgen_events", new[] { "execution_id", "id", "previous_id", "timestamp", "type", "details" }),
            ("statesgen_leases", new[] { "execution_id", "owner", "generation", "expires_at" }),
            ("statesgen_task_tokens", new[] { "token", "execution_id", "journal_key", "status", "registered_at", "timeout_at",
                "heartbeat_interval", "last_heartbeat", "answered_at", "output", "error", "cause" }),
        };

        /// <summary>"StatesGen.Sqlite 1.2.3", recorded with the version and named when a newer file is refused.</summary>
        internal static readonly string WrittenBy = "StatesGen.Sqlite " +
            (typeof(Schema).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
             ?? typeof(Schema).Assembly.GetName().Version?.ToString() ?? "?");

        /// <summary>Creates, migrates or checks the tables of the file <paramref name="writer"/> is open on.</summary>
        public static void Open(SqliteConnection writer, string source)
        {
            var tables = TableNames(writer, null);
            if (tables.Count == 0 || ReadVersion(writer, null, tables, source).Version < Version)
            {
                // Another process may be creating or migrating the same file: look again inside the write lock.
                using var transaction = writer.BeginTransaction(deferred: false);
                tables = TableNames(writer, transaction);
                int from = tables.Count == 0 ? 0 : ReadVersion(writer, transaction, tables, source).Version;
                for (int version = from + 1; version <= Version; version++)
                {
                    using var migrate = SqliteExecutionStore.Command(writer, transaction, s_migrations[version - 1]);
                    migrate.ExecuteNonQuery();
                }
                if (from < Version)
                {
                    using var record = SqliteExecutionStore.Command(writer, transaction,
                        from == 0 ? "INSERT INTO statesgen_schema_version (version, written_by) VALUES ($version, $by)"
                                  : "UPDATE statesgen_schema_version SET version = $version, written_by = $by");
                    record.Parameters.AddWithValue("$version", Version);
                    record.Parameters.AddWithValue("$by", WrittenBy);
                    record.ExecuteNonQuery();
                }
                transaction.Commit();
                tables = TableNames(writer, null);
            }
            var (found, writtenBy) = ReadVersion(writer, null, tables, source);
            if (found > Version)
                throw new InvalidOperationException($"The StatesGen store '{source}' has schema version {found}, written by {writtenBy}; this "
                    + $"{WrittenBy} reads versions up to {Version}. Open it with a newer StatesGen.Sqlite (a file is never migrated back to an older version).");
            foreach (var (table, columns) in Tables)
            {
                if (!tables.Contains(table)) throw Damaged(source, $"the table {table} is missing");
                var present = Columns(writer, table);
                var missing = columns.Where(c => !present.Contains(c)).ToList();
                if (missing.Count > 0) throw Damaged(source, $"the table {table} has no column {string.Join(", ", missing)}");
            }
        }

        private static HashSet<string> TableNames(SqliteConnection connection, SqliteTransaction? transaction)
        {
            using var command = SqliteExecutionStore.Command(connection, transaction,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'statesgen\\_%' ESCAPE '\\'");
            using var reader = command.ExecuteReader();
            var names = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read()) names.Add(reader.GetString(0));
            return names;
        }

        private static HashSet<string> Columns(SqliteConnection connection, string table)
        {
            using var command = SqliteExecutionStore.Command(connection, null, "SELECT name FROM pragma_table_info($table)");
            command.Parameters.AddWithValue("$table", table);
            using var reader = command.ExecuteReader();
            var names = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read()) names.Add(reader.GetString(0));
            return names;
        }

        private static (int Version, string WrittenBy) ReadVersion(SqliteConnection connection, SqliteTransaction? transaction, HashSet<string> tables, string source)
        {
            if (!tables.Contains("statesgen_schema_version"))
                throw Damaged(source, "it has StatesGen tables (" + string.Join(", ", tables.Order(StringComparer.Ordinal)) + ") but no statesgen_schema_version table");
            using var command = SqliteExecutionStore.Command(connection, transaction, "SELECT version, written_by FROM statesgen_schema_version");
            using var reader = command.ExecuteReader();
            var rows = new List<(long, string)>();
            while (reader.Read()) rows.Add((reader.GetInt64(0), reader.GetString(1)));
            if (rows.Count != 1)
                throw Damaged(source, $"statesgen_schema_version must hold exactly one row, it holds {rows.Count.ToString(CultureInfo.InvariantCulture)}");
            var (version, writtenBy) = rows[0];
            if (version < 1 || version > int.MaxValue) throw Damaged(source, $"the schema version {version.ToString(CultureInfo.InvariantCulture)} is not a version");
            return ((int)version, writtenBy);
        }

        private static InvalidOperationException Damaged(string source, string problem) =>
            new($"StatesGen store '{source}' was changed by hand or is damaged: {problem}.");
    }
}
