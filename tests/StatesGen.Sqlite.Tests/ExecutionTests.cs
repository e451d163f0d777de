using System.Text.Json.Nodes;
using StatesGen.Durability;
using StatesGen.Testing;

namespace StatesGen.Sqlite.Tests;

/// <summary>Executions: idempotent creation as AWS's StartExecution, completion, redrive and purge.</summary>
public sealed class ExecutionTests : IDisposable
{
    private readonly StoreFile _file = new();
    private readonly ManualTimeProvider _time = new();
    private readonly SqliteExecutionStore _store;

    public ExecutionTests() => _store = _file.Open(_time);

    public void Dispose()
    {
        _store.Dispose();
        _file.Dispose();
    }

    [Fact]
    public async Task A_created_execution_reads_back_exactly()
    {
        var start = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)).AddTicks(1234567);
        var input = JsonNode.Parse("""{"orderId":"A-1","lines":[{"sku":"é😀","qty":2.50}],"note":null}""");
        var created = await _store.CreateExecutionAsync(StoreFile.Machine, "order-1", input, "sha256:abc", start);
        var read = await _store.GetExecutionAsync(StoreFile.Machine, "order-1");

        Assert.NotNull(read);
        Assert.Equal(created.Id, read.Id);
        Assert.Equal(StoreFile.Machine, read.StateMachine);
        Assert.Equal("order-1", read.Name);
        Assert.Equal(ExecutionStatus.Running, read.Status);
        Assert.Equal("sha256:abc", read.DefinitionHash);
        Assert.Equal(start.UtcTicks, read.StartDate.UtcTicks);
        Assert.Equal(start, read.StartDate); // the same instant, in UTC
        Assert.Null(read.StopDate);
        Assert.Equal(0, read.RedriveCount);
        Assert.Equal(input!.ToJsonString(), read.Input!.ToJsonString());
        Assert.Null(read.Output);
        Assert.Null(await _store.GetExecutionAsync(StoreFile.Machine, "order-2"));
        // The stored text is readable: non-ASCII characters of the basic plane are not escaped.
        Assert.Contains("\"sku\":\"é", (string)_file.Scalar("SELECT input FROM statesgen_executions")!);
    }

    [Fact]
    public async Task Starting_a_running_execution_again_with_the_same_input_returns_it()
    {
        var first = await _store.CreateExecutionAsync(StoreFile.Machine, "order-1", JsonNode.Parse("""{"a":1,"b":[true,null]}"""), "h", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(5));
        // The same JSON value with its properties in another order is the same input.
        var again = await _store.CreateExecutionAsync(StoreFile.Machine, "order-1", JsonNode.Parse("""{"b":[true,null],"a":1}"""), "h", _time.GetUtcNow());
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.StartDate, again.StartDate);
        Assert.Equal(1L, _file.Scalar("SELECT count(*) FROM statesgen_executions"));
    }

    [Fact]
    public async Task Starting_a_running_execution_with_another_input_fails_with_ExecutionAlreadyExists()
    {
        await _store.CreateExecutionAsync(StoreFile.Machine, "order-1", new JsonObject { ["a"] = 1 }, "h", _time.GetUtcNow());
        var e = await Assert.ThrowsAsync<StatesException>(() =>
            _store.CreateExecutionAsync(StoreFile.Machine, "order-1", new JsonObject { ["a"] = 2 }, "h", _time.GetUtcNow()));
        Assert.Equal("ExecutionAlreadyExists", e.Error);
        Assert.Contains("already running with a different input", e.Cause);
    }

    [Fact]
    public async Task The_name_of_an_ended_execution_cannot_be_used_again_even_with_the_same_input()
    {
        var (execution, lease) = await _store.StartAsync(input: new JsonObject { ["a"] = 1 });
        await _store.CompleteExecutionAsync(lease, ExecutionStatus.Succeeded, null, null, null, _time.GetUtcNow(), Array.Empty<ExecutionEvent>());
        var e = await Assert.ThrowsAsync<StatesException>(() =>
            _store.CreateExecutionAsync(StoreFile.Machine, execution.Name, new JsonObject { ["a"] = 1 }, "hash-1", _time.GetUtcNow()));
        Assert.Equal("ExecutionAlreadyExists", e.Error);
        Assert.Contains("has already ended (SUCCEEDED)", e.Cause);
    }

    [Fact]
    public async Task Names_are_unique_per_state_machine()
    {
        var orders = await _store.CreateExecutionAsync(StoreFile.Machine, "run-1", null, "h", _time.GetUtcNow());
        var invoices = await _store.CreateExecutionAsync(StoreFile.Machine + "-invoices", "run-1", null, "h", _time.GetUtcNow());
        Assert.NotEqual(orders.Id, invoices.Id);
        Assert.Null((await _store.GetExecutionAsync(StoreFile.Machine, "run-1"))!.Input);
    }

    [Fact]
    public async Task Completing_records_the_outcome_closes_waiting_tokens_and_frees_the_lease()
    {
        var (execution, lease) = await _store.StartAsync();
        await _store.RegisterTaskTokenAsync(lease, "token-1", "Review/0/token", null, null);
        var stop = _time.GetUtcNow().AddTicks(42);
        var ended = await _store.CompleteExecutionAsync(lease, ExecutionStatus.Succeeded, new JsonObject { ["approved"] = true }, null, null, stop,
            new[] { new ExecutionEvent(1, 0, stop, "ExecutionSucceeded") { Output = new JsonObject { ["approved"] = true } } });

        Assert.Equal(ExecutionStatus.Succeeded, ended.Status);
        Assert.Equal(stop, ended.StopDate);
        Assert.Equal("{\"approved\":true}", ended.Output!.ToJsonString());
        Assert.Equal("ExecutionSucceeded", (await _store.ReadHistoryAsync(execution.Id)).Single().Type);
        Assert.Equal(TaskTokenStatus.Closed, (await _store.GetTaskTokenAsync("token-1"))!.Status);
        var answer = await Assert.ThrowsAsync<StatesException>(() => _store.SendTaskSuccessAsync("token-1", null));
        Assert.Equal(StatesErrors.TaskTimedOut, answer.Error);
        // Nothing more can be written for it, and its lease is free at once.
        await Assert.ThrowsAsync<ExecutionLeaseLostException>(() => _store.AppendAsync(lease, new[] { new JournalEntry("k", 1) }, Array.Empty<ExecutionEvent>()));
        var next = await _store.AcquireLeaseAsync(execution.Id, "runner-2", TimeSpan.FromSeconds(30), TimeSpan.Zero);
        Assert.Equal(lease.Generation + 1, next!.Generation);
        var late = await Assert.ThrowsAsync<InvalidOperationException>(() => _store.AppendAsync(next, new[] { new JournalEntry("k", 1) }, Array.Empty<ExecutionEvent>()));
        Assert.Contains("has ended (SUCCEEDED)", late.Message);
    }

    [Fact]
    public async Task A_failed_execution_keeps_its_error_and_cause_and_no_output()
    {
        var (_, lease) = await _store.StartAsync();
        var ended = await _store.CompleteExecutionAsync(lease, ExecutionStatus.Failed, new JsonObject(), "Payment.Declined", "card expired",
            _time.GetUtcNow(), Array.Empty<ExecutionEvent>());
        Assert.Equal(ExecutionStatus.Failed, ended.Status);
        Assert.Equal("Payment.Declined", ended.Error);
        Assert.Equal("card expired", ended.Cause);
        Assert.Null(ended.Output);
        await Assert.ThrowsAsync<ArgumentException>(() => _store.CompleteExecutionAsync(lease, ExecutionStatus.Running, null, null, null,
            _time.GetUtcNow(), Array.Empty<ExecutionEvent>()));
    }

    [Fact]
    public async Task Redrive_sets_a_failed_execution_running_and_forgets_only_the_discarded_entries()
    {
        var (execution, lease) = await _store.StartAsync();
        await _store.AppendAsync(lease, new[]
        {
            new JournalEntry("Validate/0/task", new JsonObject { ["valid"] = true }),
            new JournalEntry("Charge/0/task", new JsonObject { ["error"] = "Payment.Declined" }),
            new JournalEntry("$now/3", "2024-01-01T00:00:00Z"),
        }, new[] { new ExecutionEvent(1, 0, _time.GetUtcNow(), "ExecutionStarted") });
        await _store.CompleteExecutionAsync(lease, ExecutionStatus.Failed, null, "Payment.Declined", "card", _time.GetUtcNow(),
            new[] { new ExecutionEvent(2, 1, _time.GetUtcNow(), "ExecutionFailed") { Error = "Payment.Declined" } });

        _time.Advance(TimeSpan.FromHours(1));
        var redriver = await _store.AcquireLeaseAsync(execution.Id, "redriver", TimeSpan.FromSeconds(30), TimeSpan.Zero);
        var redriven = await _store.RedriveExecutionAsync(redriver!, new[] { "Charge/0/task", "$now/3" },
            new[] { new ExecutionEvent(3, 2, _time.GetUtcNow(), "ExecutionRedriven") }, _time.GetUtcNow());

        Assert.Equal(ExecutionStatus.Running, redriven.Status);
        Assert.Equal(1, redriven.RedriveCount);
        Assert.Equal(_time.GetUtcNow(), redriven.RedriveDate);
        Assert.Null(redriven.StopDate);
        Assert.Null(redriven.Error);
        Assert.Null(redriven.Cause);
        Assert.Equal(new[] { "Validate/0/task" }, (await _store.ReadJournalAsync(execution.Id)).Select(e => e.Key));
        Assert.Equal(new[] { "ExecutionStarted", "ExecutionFailed", "ExecutionRedriven" }, (await _store.ReadHistoryAsync(execution.Id)).Select(e => e.Type));
        // The redriver holds a running execution now: it can record, and the redrive cannot be repeated while it runs.
        await _store.AppendAsync(redriver!, new[] { new JournalEntry("Charge/0/task", new JsonObject { ["paid"] = true }) }, Array.Empty<ExecutionEvent>());
        var again = await Assert.ThrowsAsync<StatesException>(() => _store.RedriveExecutionAsync(redriver!, Array.Empty<string>(),
            Array.Empty<ExecutionEvent>(), _time.GetUtcNow()));
        Assert.Equal("ExecutionNotRedrivable", again.Error);
        Assert.Contains("is RUNNING", again.Cause);
    }

    [Fact]
    public async Task A_succeeded_execution_is_not_redrivable()
    {
        var (_, lease) = await _store.StartAsync();
        await _store.CompleteExecutionAsync(lease, ExecutionStatus.Succeeded, null, null, null, _time.GetUtcNow(), Array.Empty<ExecutionEvent>());
        var redriver = await _store.AcquireLeaseAsync(lease.ExecutionId, "redriver", TimeSpan.FromSeconds(30), TimeSpan.Zero);
        var e = await Assert.ThrowsAsync<StatesException>(() => _store.RedriveExecutionAsync(redriver!, Array.Empty<string>(),
            Array.Empty<ExecutionEvent>(), _time.GetUtcNow()));
        Assert.Equal("ExecutionNotRedrivable", e.Error);
        Assert.Contains("is SUCCEEDED", e.Cause);
    }

    [Fact]
    public async Task Purge_deletes_ended_executions_older_than_the_age_with_everything_they_own()
    {
        // Old and ended: purged. Old and still running: kept. Recently ended: kept.
        var (old, oldLease) = await _store.StartAsync("old");
        await _store.AppendAsync(oldLease, new[] { new JournalEntry("k", 1) }, new[] { new ExecutionEvent(1, 0, _time.GetUtcNow(), "ExecutionStarted") });
        await _store.RegisterTaskTokenAsync(oldLease, "old-token", "k2", null, null);
        await _store.CompleteExecutionAsync(oldLease, ExecutionStatus.Aborted, null, null, null, _time.GetUtcNow(), Array.Empty<ExecutionEvent>());
        var (running, _) = await _store.StartAsync("running");
        _time.Advance(TimeSpan.FromDays(10));
        var (recent, recentLease) = await _store.StartAsync("recent");
        await _store.CompleteExecutionAsync(recentLease, ExecutionStatus.Succeeded, null, null, null, _time.GetUtcNow(), Array.Empty<ExecutionEvent>());

        Assert.Equal(1, await _store.PurgeExecutionsAsync(TimeSpan.FromDays(7)));

        Assert.Null(await _store.GetExecutionAsync(StoreFile.Machine, "old"));
        Assert.NotNull(await _store.GetExecutionAsync(StoreFile.Machine, "running"));
        Assert.NotNull(await _store.GetExecutionAsync(StoreFile.Machine, "recent"));
        Assert.Empty(await _store.ReadJournalAsync(old.Id));
        Assert.Empty(await _store.ReadHistoryAsync(old.Id));
        Assert.Null(await _store.GetTaskTokenAsync("old-token"));
        Assert.Equal(0L, _file.Scalar($"SELECT count(*) FROM statesgen_leases WHERE execution_id = {old.Id}"));
        Assert.Equal(0, await _store.PurgeExecutionsAsync(TimeSpan.FromDays(7)));
        Assert.NotEqual(running.Id, recent.Id);
    }

    [Fact]
    public async Task Purge_goes_through_more_executions_than_one_batch()
    {
        using (var connection = _file.Raw())
        using (var transaction = connection.BeginTransaction())
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO statesgen_executions (state_machine, name, status, definition_hash, start_date, stop_date, input) "
                + "VALUES ('m', 'e' || $i, 'SUCCEEDED', 'h', 0, $stop, 'null')";
            var i = insert.Parameters.Add("$i", Microsoft.Data.Sqlite.SqliteType.Integer);
            insert.Parameters.AddWithValue("$stop", _time.GetUtcNow().UtcTicks);
            for (int n = 0; n < 1234; n++)
            {
                i.Value = n;
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1234, await _store.PurgeExecutionsAsync(TimeSpan.FromHours(1)));
        Assert.Equal(0L, _file.Scalar("SELECT count(*) FROM statesgen_executions"));
    }
}
