using System.Text.Json.Nodes;
using StatesGen.Durability;

namespace StatesGen.Sqlite.Tests;

/// <summary>The journal of recorded effects and the history: batched, all-or-nothing appends, read back as written.</summary>
public sealed class JournalTests : IDisposable
{
    private readonly StoreFile _file = new();
    private readonly SqliteExecutionStore _store;

    public JournalTests() => _store = _file.Open();

    public void Dispose()
    {
        _store.Dispose();
        _file.Dispose();
    }

    private static readonly ExecutionEvent[] NoEvents = Array.Empty<ExecutionEvent>();

    [Fact]
    public async Task Entries_read_back_in_the_order_they_were_appended_with_their_values()
    {
        var (execution, lease) = await _store.StartAsync();
        var first = new[]
        {
            new JournalEntry("Process/3/Charge/attempt-0/result", JsonNode.Parse("""{"id":"ch_1","amount":12.50,"tags":["a","é"]}""")),
            new JournalEntry("$$.Execution.StartTime", "2024-01-01T00:00:00.123Z"),
        };
        var second = new[]
        {
            new JournalEntry("Approve/0/token", "f3a9"),
            new JournalEntry("Approve/0/result", null),
            new JournalEntry("States.MathRandom/7", 0.4217),
        };
        await _store.AppendAsync(lease, first, NoEvents);
        await _store.AppendAsync(lease, second, NoEvents);

        var journal = await _store.ReadJournalAsync(execution.Id);
        Assert.Equal(first.Concat(second).Select(e => e.Key), journal.Select(e => e.Key));
        foreach (var (written, read) in first.Concat(second).Zip(journal))
            Assert.True(JsonNode.DeepEquals(written.Value, read.Value), $"{written.Key}: {read.Value?.ToJsonString()}");
        Assert.Empty(await _store.ReadJournalAsync(execution.Id + 1));
    }

    [Fact]
    public async Task An_append_is_all_or_nothing()
    {
        var (execution, lease) = await _store.StartAsync();
        await _store.AppendAsync(lease, new[] { new JournalEntry("Charge/0/result", new JsonObject { ["paid"] = true }) }, NoEvents);

        // The batch's second entry contradicts what is recorded: neither its first entry nor its event is written.
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => _store.AppendAsync(lease, new[]
        {
            new JournalEntry("Ship/0/result", "shipped"),
            new JournalEntry("Charge/0/result", new JsonObject { ["paid"] = false }),
        }, new[] { new ExecutionEvent(1, 0, DateTimeOffset.UtcNow, "TaskStateEntered") }));
        Assert.Contains("already records 'Charge/0/result' as {\"paid\":true}, not {\"paid\":false}", e.Message);

        Assert.Equal(new[] { "Charge/0/result" }, (await _store.ReadJournalAsync(execution.Id)).Select(x => x.Key));
        Assert.Empty(await _store.ReadHistoryAsync(execution.Id));
    }

    [Fact]
    public async Task Appending_what_is_already_recorded_does_nothing()
    {
        var (execution, lease) = await _store.StartAsync();
        var started = new ExecutionEvent(1, 0, DateTimeOffset.UtcNow, "ExecutionStarted") { Input = new JsonObject { ["a"] = 1 } };
        await _store.AppendAsync(lease, new[] { new JournalEntry("k", JsonNode.Parse("""{"a":1,"b":2}""")) }, new[] { started });
        // A write retried after an uncertain commit: the same facts, the same JSON value in another property order.
        await _store.AppendAsync(lease, new[] { new JournalEntry("k", JsonNode.Parse("""{"b":2,"a":1}""")) }, new[] { started });
        Assert.Single(await _store.ReadJournalAsync(execution.Id));
        Assert.Single(await _store.ReadHistoryAsync(execution.Id));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => _store.AppendAsync(lease, Array.Empty<JournalEntry>(),
            new[] { started with { Type = "ExecutionFailed" } }));
        Assert.Contains("already has an event 1 different from the ExecutionFailed event", e.Message);
    }

    [Fact]
    public async Task History_events_read_back_with_every_field_and_page_by_id()
    {
        var (execution, lease) = await _store.StartAsync();
        var time = new DateTimeOffset(2024, 2, 3, 4, 5, 6, TimeSpan.Zero).AddTicks(7);
        var events = new List<ExecutionEvent>
        {
            new(1, 0, time, "ExecutionStarted") { Input = JsonNode.Parse("""{"orders":[1,2]}""") },
            new(2, 1, time.AddMilliseconds(1), "MapStateStarted") { StateName = "Process", Length = 2 },
            new(3, 2, time.AddMilliseconds(2), "MapIterationStarted") { StateName = "Process", Index = 1 },
            new(4, 3, time.AddMilliseconds(3), "TaskScheduled") { StateName = "Charge", Resource = "arn:aws:states:::lambda:invoke", Input = 5 },
            new(5, 4, time.AddMilliseconds(4), "TaskFailed") { StateName = "Charge", Error = "Payment.Declined", Cause = "card \"expired\"" },
            new(6, 5, time.AddMilliseconds(5), "PassStateExited")
            {
                StateName = "Remember",
                Output = JsonNode.Parse("[]"),
                AssignedVariables = new Dictionary<string, JsonNode?> { ["total"] = 12.5, ["none"] = null, ["list"] = new JsonArray(1, "two") },
            },
        };
        await _store.AppendAsync(lease, Array.Empty<JournalEntry>(), events.Take(3).ToList());
        await _store.AppendAsync(lease, Array.Empty<JournalEntry>(), events.Skip(3).ToList());

        var read = await _store.ReadHistoryAsync(execution.Id);
        Assert.Equal(events.Count, read.Count);
        foreach (var (expected, actual) in events.Zip(read))
        {
            Assert.Equal((expected.Id, expected.PreviousEventId, expected.Timestamp, expected.Type, expected.StateName),
                (actual.Id, actual.PreviousEventId, actual.Timestamp, actual.Type, actual.StateName));
            Assert.Equal((expected.Error, expected.Cause, expected.Index, expected.Resource, expected.Length),
                (actual.Error, actual.Cause, actual.Index, actual.Resource, actual.Length));
            Assert.True(JsonNode.DeepEquals(expected.Input, actual.Input));
            Assert.True(JsonNode.DeepEquals(expected.Output, actual.Output));
            Assert.Equal(expected.AssignedVariables is null, actual.AssignedVariables is null);
        }
        var assigned = read[5].AssignedVariables!;
        Assert.Equal(new[] { "total", "none", "list" }, assigned.Keys);
        Assert.Equal(12.5, (double)assigned["total"]!);
        Assert.Null(assigned["none"]);
        Assert.Equal("[1,\"two\"]", assigned["list"]!.ToJsonString());

        Assert.Equal(new long[] { 3, 4 }, (await _store.ReadHistoryAsync(execution.Id, afterEventId: 2, maxCount: 2)).Select(e => e.Id));
        Assert.Empty(await _store.ReadHistoryAsync(execution.Id, afterEventId: 6));
    }

    [Fact]
    public async Task A_run_whose_lease_passed_to_another_owner_cannot_write()
    {
        var time = new StatesGen.Testing.ManualTimeProvider();
        using var store = new SqliteExecutionStore(_file.ConnectionString, time);
        var (execution, stale) = await store.StartAsync("stalled");
        time.Advance(StoreExtensions.LeaseTime + TimeSpan.FromSeconds(1));
        var current = await store.AcquireLeaseAsync(execution.Id, "runner-2", StoreExtensions.LeaseTime, TimeSpan.Zero);

        var e = await Assert.ThrowsAsync<ExecutionLeaseLostException>(() => store.AppendAsync(stale, new[] { new JournalEntry("k", 1) }, NoEvents));
        Assert.Same(stale, e.Lease);
        Assert.Contains("'runner-2' holds it (generation 2)", e.Message);
        await Assert.ThrowsAsync<ExecutionLeaseLostException>(() => store.CompleteExecutionAsync(stale, ExecutionStatus.Failed, null, "E", null,
            time.GetUtcNow(), NoEvents));
        await Assert.ThrowsAsync<ExecutionLeaseLostException>(() => store.RegisterTaskTokenAsync(stale, "t", "k", null, null));
        Assert.Empty(await store.ReadJournalAsync(execution.Id));

        await store.AppendAsync(current!, new[] { new JournalEntry("k", 1) }, NoEvents);
        Assert.Single(await store.ReadJournalAsync(execution.Id));
    }

    [Fact]
    public async Task Bad_arguments_are_refused_before_anything_is_written()
    {
        var (execution, lease) = await _store.StartAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => _store.AppendAsync(lease, new[] { new JournalEntry("", 1) }, NoEvents));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.AppendAsync(lease, new JournalEntry[] { null! }, NoEvents));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.ReadHistoryAsync(execution.Id, maxCount: -1));
        Assert.Empty(await _store.ReadJournalAsync(execution.Id));
    }

    [Fact]
    public async Task Concurrent_writers_share_commits_and_a_failing_write_fails_alone()
    {
        // 40 executions append at once from the thread pool: the store groups queued writes into shared transactions
        // (group commit), each in its own savepoint, so one write whose lease was taken over fails without undoing the
        // others that committed with it.
        var runs = new List<(ExecutionRecord Execution, ExecutionLease Lease)>();
        for (int i = 0; i < 40; i++) runs.Add(await _store.StartAsync("order-" + i));
        var stolen = runs[7];
        await _store.ReleaseLeaseAsync(stolen.Lease);
        Assert.NotNull(await _store.AcquireLeaseAsync(stolen.Execution.Id, "thief", StoreExtensions.LeaseTime, TimeSpan.Zero));
        var start = new ManualResetEventSlim();
        var appends = runs.Select(run => Task.Run(async () =>
        {
            start.Wait();
            for (int k = 0; k < 5; k++)
                await _store.AppendAsync(run.Lease, [new JournalEntry("step-" + k, k)], NoEvents);
        })).ToList();
        start.Set();
        var lost = await Assert.ThrowsAsync<ExecutionLeaseLostException>(() => appends[7]);
        Assert.Equal(stolen.Execution.Id, lost.Lease.ExecutionId);
        await Task.WhenAll(appends.Where((_, i) => i != 7));
        Assert.Empty(await _store.ReadJournalAsync(stolen.Execution.Id));
        foreach (var (execution, _) in runs.Where((_, i) => i != 7))
            Assert.Equal(["step-0", "step-1", "step-2", "step-3", "step-4"], (await _store.ReadJournalAsync(execution.Id)).Select(e => e.Key));
    }
}
