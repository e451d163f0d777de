using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using StatesGen.Durability;

namespace StatesGen.Sqlite.Tests;

/// <summary>Opening a file: creating and checking the schema, its settings, and clear refusals of files it must not touch.</summary>
public sealed class SchemaTests : IDisposable
{
    private readonly StoreFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void A_new_file_gets_the_current_schema_in_WAL_mode_with_full_sync_and_a_busy_timeout()
    {
        using (var store = _file.Open())
        {
            Assert.Equal(2L, store.WriterPragma("synchronous")); // FULL
            Assert.Equal(30_000L, store.WriterPragma("busy_timeout")); // the connection string's Default Timeout (30 s)
        }
        Assert.Equal("wal", _file.Scalar("PRAGMA journal_mode"));
        Assert.Equal((long)Schema.Version, _file.Scalar("SELECT version FROM statesgen_schema_version"));
        Assert.StartsWith("StatesGen.Sqlite ", (string)_file.Scalar("SELECT written_by FROM statesgen_schema_version")!);
        Assert.Equal(1L, _file.Scalar("SELECT count(*) FROM statesgen_schema_version"));
    }

    [Fact]
    public void The_busy_timeout_follows_the_connection_string()
    {
        using var store = new SqliteExecutionStore(_file.ConnectionString + ";Default Timeout=7");
        Assert.Equal(7_000L, store.WriterPragma("busy_timeout"));
    }

    [Fact]
    public async Task What_was_written_is_there_when_the_file_is_opened_again()
    {
        long id;
        using (var store = _file.Open())
        {
            var (execution, lease) = await store.StartAsync();
            id = execution.Id;
            await store.AppendAsync(lease, new[] { new JournalEntry("Charge/0/task", new JsonObject { ["paid"] = true }) }, Array.Empty<ExecutionEvent>());
        }
        using (var again = _file.Open())
        {
            var execution = await again.GetExecutionAsync(StoreFile.Machine, "order-1");
            Assert.Equal(id, execution!.Id);
            var journal = await again.ReadJournalAsync(id);
            Assert.Equal("{\"paid\":true}", journal.Single().Value!.ToJsonString());
        }
        Assert.Equal(1L, _file.Scalar("SELECT count(*) FROM statesgen_schema_version"));
    }

    [Fact]
    public void A_store_written_by_a_newer_version_is_refused_and_left_as_it_is()
    {
        using (_file.Open()) { }
        _file.Execute("UPDATE statesgen_schema_version SET version = 7, written_by = 'StatesGen.Sqlite 9.1.0'");
        var e = Assert.Throws<InvalidOperationException>(() => _file.Open());
        Assert.Contains("schema version 7", e.Message);
        Assert.Contains("StatesGen.Sqlite 9.1.0", e.Message);
        Assert.Contains("newer StatesGen.Sqlite", e.Message);
        Assert.Contains(_file.Path, e.Message);
        Assert.Equal(7L, _file.Scalar("SELECT version FROM statesgen_schema_version"));
    }

    [Fact]
    public void A_file_of_garbage_bytes_is_refused_clearly_and_not_overwritten()
    {
        var garbage = new byte[64 * 1024];
        new Random(42).NextBytes(garbage);
        File.WriteAllBytes(_file.Path, garbage);
        var e = Assert.Throws<InvalidOperationException>(() => _file.Open());
        Assert.Contains("is not a SQLite database", e.Message);
        Assert.Contains(_file.Path, e.Message);
        Assert.IsType<SqliteException>(e.InnerException);
        Assert.Equal(garbage, File.ReadAllBytes(_file.Path));
    }

    [Fact]
    public async Task Damaged_pages_are_reported_as_damage_not_read_as_fewer_rows()
    {
        using (var store = _file.Open())
        {
            for (int i = 0; i < 1000; i++)
                await store.CreateExecutionAsync(StoreFile.Machine, "order-" + i, new JsonObject { ["padding"] = new string('x', 1000) }, "hash", DateTimeOffset.UtcNow);
        }
        SqliteConnection.ClearAllPools(); // the last connection checkpoints the WAL into the file
        var bytes = File.ReadAllBytes(_file.Path);
        Assert.True(bytes.Length > 100 * 4096, $"the executions fill many pages, not {bytes.Length} bytes");
        // Every page after the first 20 (sqlite_master and the root pages of the tables and indexes) becomes noise.
        var noise = new byte[bytes.Length - 20 * 4096];
        new Random(7).NextBytes(noise);
        noise.CopyTo(bytes, 20 * 4096);
        File.WriteAllBytes(_file.Path, bytes);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            using var store = _file.Open();
            await store.ListExecutionsAsync(new ExecutionQuery { MaxResults = 1000 });
        });
        Assert.Contains(_file.Path, e.Message);
        Assert.Matches("damaged|malformed|not a SQLite database", e.Message);
    }

    [Fact]
    public async Task A_dropped_table_is_named_when_the_store_opens_and_explained_when_it_is_already_open()
    {
        using (var store = _file.Open())
        {
            var (execution, _) = await store.StartAsync();
            _file.Execute("DROP TABLE statesgen_journal");
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => store.ReadJournalAsync(execution.Id));
            Assert.Contains("the schema was changed by hand", e.Message);
            Assert.Contains("statesgen_journal", e.Message);
        }
        var opening = Assert.Throws<InvalidOperationException>(() => _file.Open());
        Assert.Contains("changed by hand or is damaged: the table statesgen_journal is missing", opening.Message);
    }

    [Fact]
    public void A_dropped_column_is_named()
    {
        using (_file.Open()) { }
        _file.Execute("ALTER TABLE statesgen_task_tokens DROP COLUMN cause");
        var e = Assert.Throws<InvalidOperationException>(() => _file.Open());
        Assert.Contains("the table statesgen_task_tokens has no column cause", e.Message);
    }

    [Fact]
    public void StatesGen_tables_without_their_version_row_are_refused()
    {
        using (_file.Open()) { }
        _file.Execute("DELETE FROM statesgen_schema_version");
        Assert.Contains("must hold exactly one row, it holds 0", Assert.Throws<InvalidOperationException>(() => _file.Open()).Message);
        _file.Execute("DROP TABLE statesgen_schema_version");
        Assert.Contains("no statesgen_schema_version table", Assert.Throws<InvalidOperationException>(() => _file.Open()).Message);
    }

    [Fact]
    public async Task A_journal_row_with_invalid_JSON_is_named_by_its_key()
    {
        using var store = _file.Open();
        var (execution, lease) = await store.StartAsync();
        await store.AppendAsync(lease, new[] { new JournalEntry("Wait/0/due", JsonValue.Create("2024-01-01T00:00:00Z")) }, Array.Empty<ExecutionEvent>());
        _file.Execute("UPDATE statesgen_journal SET value = '{\"due\": 2024-01' WHERE key = 'Wait/0/due'");
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => store.ReadJournalAsync(execution.Id));
        Assert.Contains("changed by hand or is damaged: journal entry 'Wait/0/due' of execution " + execution.Id + " is not valid JSON", e.Message);
    }

    [Fact]
    public async Task Hand_changed_rows_that_bypass_the_checks_are_named()
    {
        using var store = _file.Open();
        var (execution, lease) = await store.StartAsync();
        await store.AppendAsync(lease, Array.Empty<JournalEntry>(), new[] { new ExecutionEvent(1, 0, DateTimeOffset.UtcNow, "ExecutionStarted") });
        // STRICT tables and CHECK constraints refuse such rows; a hand edit has to switch the checks off first.
        Assert.Throws<SqliteException>(() => _file.Execute($"UPDATE statesgen_executions SET status = 'PAUSED' WHERE id = {execution.Id}"));
        Assert.Throws<SqliteException>(() => _file.Execute($"UPDATE statesgen_executions SET start_date = 'yesterday' WHERE id = {execution.Id}"));
        _file.Execute($"PRAGMA ignore_check_constraints = ON; UPDATE statesgen_executions SET status = 'PAUSED' WHERE id = {execution.Id}");
        var status = await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetExecutionAsync(StoreFile.Machine, "order-1"));
        Assert.Contains($"execution {execution.Id} has the unknown status 'PAUSED'", status.Message);

        _file.Execute($"UPDATE statesgen_events SET details = '[1, 2]' WHERE execution_id = {execution.Id}");
        var details = await Assert.ThrowsAsync<InvalidOperationException>(() => store.ReadHistoryAsync(execution.Id));
        Assert.Contains($"the details of history event 1 of execution {execution.Id} are not a JSON object", details.Message);
        _file.Execute($"UPDATE statesgen_events SET details = '{{\"index\": \"three\"}}' WHERE execution_id = {execution.Id}");
        details = await Assert.ThrowsAsync<InvalidOperationException>(() => store.ReadHistoryAsync(execution.Id));
        Assert.Contains("have a field of the wrong type", details.Message);
    }

    [Fact]
    public void In_memory_databases_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new SqliteExecutionStore("Data Source=:memory:"));
        Assert.Throws<ArgumentException>(() => new SqliteExecutionStore("Data Source=shared;Mode=Memory;Cache=Shared"));
    }

    [Fact]
    public async Task Two_stores_opening_a_new_file_at_once_create_one_schema()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _file.Open())));
        foreach (var store in stores) store.Dispose();
        Assert.Equal(1L, _file.Scalar("SELECT count(*) FROM statesgen_schema_version"));
    }

    [Fact]
    public async Task Tables_of_the_application_in_the_same_file_are_left_alone()
    {
        _file.Execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL); INSERT INTO orders (total) VALUES (12.5)");
        using (var store = _file.Open()) await store.StartAsync();
        using (_file.Open()) { }
        Assert.Equal(12.5, _file.Scalar("SELECT total FROM orders"));
    }
}
