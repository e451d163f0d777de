using System.Text.Json.Nodes;
using StatesGen.Durability;
using StatesGen.Testing;

namespace StatesGen.Sqlite.Tests;

/// <summary>Task tokens in one process: answers, heartbeats, durable deadlines, and the errors of TaskTokens.</summary>
public sealed class TaskTokenTests : IDisposable
{
    private readonly StoreFile _file = new();
    private readonly ManualTimeProvider _time = new();
    private readonly SqliteExecutionStore _store;

    public TaskTokenTests() => _store = _file.Open(_time);

    public void Dispose()
    {
        _store.Dispose();
        _file.Dispose();
    }

    [Fact]
    public async Task SendTaskSuccess_wakes_the_waiting_task_at_once()
    {
        var (execution, lease) = await _store.StartAsync();
        var registered = await _store.RegisterTaskTokenAsync(lease, "token-1", "Review/0/token", TimeSpan.FromHours(1), null);
        Assert.Equal(TaskTokenStatus.Waiting, registered.Status);
        Assert.Equal(execution.Id, registered.ExecutionId);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromHours(1), registered.TimeoutAt);

        var waiting = _store.WaitForTaskTokenAsync("token-1");
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromMinutes(3));
        await _store.SendTaskSuccessAsync("token-1", new JsonObject { ["approved"] = true });
        // The token's deadline is an hour away on the manual clock, which does not move again: only the answer wakes the
        // waiter (the wait bound is for a broken wake-up, generous because CI machines stall).
        var answer = await waiting.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(TaskTokenStatus.Succeeded, answer.Status);
        Assert.Equal("{\"approved\":true}", answer.Output!.ToJsonString());
        Assert.Equal(_time.GetUtcNow(), answer.AnsweredAt);
        Assert.Equal("Review/0/token", answer.JournalKey);
    }

    [Fact]
    public async Task SendTaskFailure_is_kept_with_its_error_and_cause_even_without_an_error_name()
    {
        var (_, lease) = await _store.StartAsync();
        await _store.RegisterTaskTokenAsync(lease, "t1", "a", null, null);
        await _store.RegisterTaskTokenAsync(lease, "t2", "b", null, null);
        await _store.SendTaskFailureAsync("t1", "Review.Rejected", "address unknown");
        await _store.SendTaskFailureAsync("t2", null, null);
        var first = await _store.WaitForTaskTokenAsync("t1");
        Assert.Equal((TaskTokenStatus.Failed, "Review.Rejected", "address unknown"), (first.Status, first.Error, first.Cause));
        var second = await _store.WaitForTaskTokenAsync("t2");
        Assert.Equal((TaskTokenStatus.Failed, (string?)null, (string?)null), (second.Status, second.Error, second.Cause));
    }

    [Fact]
    public async Task Unknown_and_answered_tokens_fail_exactly_as_TaskTokens_does()
    {
        var (_, lease) = await _store.StartAsync();
        var expected = Assert.Throws<StatesException>(() => new TaskTokens().SendTaskSuccess("nope", null));

        var unknown = await Assert.ThrowsAsync<StatesException>(() => _store.SendTaskSuccessAsync("nope", null));
        Assert.Equal((expected.Error, expected.Cause, expected.Message), (unknown.Error, unknown.Cause, unknown.Message));
        await Assert.ThrowsAsync<StatesException>(() => _store.SendTaskFailureAsync("nope", "E", null));
        await Assert.ThrowsAsync<StatesException>(() => _store.SendTaskHeartbeatAsync("nope"));

        await _store.RegisterTaskTokenAsync(lease, "t", "k", null, null);
        await _store.SendTaskSuccessAsync("t", 1);
        foreach (var again in new Func<Task>[] { () => _store.SendTaskSuccessAsync("t", 2), () => _store.SendTaskFailureAsync("t", "E", null),
                     () => _store.SendTaskHeartbeatAsync("t") })
        {
            var e = await Assert.ThrowsAsync<StatesException>(again);
            Assert.Equal(StatesErrors.TaskTimedOut, e.Error);
            Assert.Equal(expected.Cause!.Replace("'nope'", "'t'"), e.Cause);
        }
        Assert.Equal(1, (int)(await _store.GetTaskTokenAsync("t"))!.Output!);
    }

    [Fact]
    public async Task Heartbeats_are_recorded_with_their_time_and_hold_off_the_heartbeat_timeout()
    {
        var (_, lease) = await _store.StartAsync();
        await _store.RegisterTaskTokenAsync(lease, "t", "k", null, TimeSpan.FromSeconds(10));
        var waiting = _store.WaitForTaskTokenAsync("t");
        for (int i = 0; i < 3; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(8));
            await _store.SendTaskHeartbeatAsync("t");
            Assert.Equal(_time.GetUtcNow(), (await _store.GetTaskTokenAsync("t"))!.LastHeartbeat);
        }
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(10));
        var timedOut = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(TaskTokenStatus.TimedOut, timedOut.Status);
        Assert.Equal(StatesErrors.Timeout, timedOut.Error);
        Assert.Equal("The task did not send a heartbeat within HeartbeatSeconds.", timedOut.Cause);
        var late = await Assert.ThrowsAsync<StatesException>(() => _store.SendTaskSuccessAsync("t", null));
        Assert.Equal(StatesErrors.TaskTimedOut, late.Error);
    }

    [Fact]
    public async Task A_task_times_out_at_its_deadline_whether_or_not_anything_waits()
    {
        var (_, lease) = await _store.StartAsync();
        await _store.RegisterTaskTokenAsync(lease, "waited", "a", TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));
        await _store.RegisterTaskTokenAsync(lease, "unwaited", "b", TimeSpan.FromSeconds(30), null);
        var waiting = _store.WaitForTaskTokenAsync("waited");
        await Task.Delay(50);
        _time.Advance(TimeSpan.FromSeconds(30));
        var timedOut = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((TaskTokenStatus.TimedOut, StatesErrors.Timeout), (timedOut.Status, timedOut.Error));
        Assert.Equal("The task did not complete within TimeoutSeconds (30).", timedOut.Cause);

        // Nothing waits for the other token (its process died): an answer after the deadline is refused, and the
        // token is timed out for good, as the run that resumes it will find.
        var late = await Assert.ThrowsAsync<StatesException>(() => _store.SendTaskSuccessAsync("unwaited", "too late"));
        Assert.Equal(StatesErrors.TaskTimedOut, late.Error);
        var record = await _store.GetTaskTokenAsync("unwaited");
        Assert.Equal(TaskTokenStatus.TimedOut, record!.Status);
        Assert.Null(record.Output);
    }

    [Fact]
    public async Task Registering_again_after_a_restart_keeps_the_first_deadlines_and_any_answer_that_came_meanwhile()
    {
        var (execution, lease) = await _store.StartAsync();
        var first = await _store.RegisterTaskTokenAsync(lease, "t", "Review/0/token", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(20));
        _time.Advance(TimeSpan.FromSeconds(15));
        await _store.SendTaskHeartbeatAsync("t");
        _time.Advance(TimeSpan.FromSeconds(15));

        // The process stops; another store on the same file resumes the run and registers the same token again.
        using var resumed = _file.Open(_time);
        var lease2 = await resumed.AcquireLeaseAsync(execution.Id, "runner-2", TimeSpan.FromSeconds(30), TimeSpan.Zero); // the first expired
        var again = await resumed.RegisterTaskTokenAsync(lease2!, "t", "Review/0/token", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(20));
        Assert.Equal(first.RegisteredAt, again.RegisteredAt);
        Assert.Equal(first.TimeoutAt, again.TimeoutAt);
        Assert.Equal(first.RegisteredAt + TimeSpan.FromSeconds(15), again.LastHeartbeat);

        await resumed.SendTaskSuccessAsync("t", "approved");
        var afterAnswer = await resumed.RegisterTaskTokenAsync(lease2!, "t", "Review/0/token", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(20));
        Assert.Equal(TaskTokenStatus.Succeeded, afterAnswer.Status);
        Assert.Equal("approved", (string)afterAnswer.Output!);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => resumed.RegisterTaskTokenAsync(lease2!, "t", "Other/0/token", null, null));
        Assert.Contains("a token belongs to one task", e.Message);
    }

    [Fact]
    public async Task An_answer_written_by_another_store_instance_arrives_by_polling()
    {
        var (_, lease) = await _store.StartAsync();
        await _store.RegisterTaskTokenAsync(lease, "t", "k", null, null);
        var waiting = _store.WaitForTaskTokenAsync("t");
        await Task.Delay(300);
        using var other = _file.Open(_time);
        await other.SendTaskSuccessAsync("t", "from elsewhere");
        // The token has no deadline and the other instance cannot pulse this one: only the look-out's poll wakes the
        // waiter (every 250 ms; the bound is for a broken poll, generous because CI machines stall).
        var answer = await waiting.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("from elsewhere", (string)answer.Output!);
    }

    [Fact]
    public async Task Waits_end_on_cancellation_on_disposal_and_for_unknown_tokens()
    {
        var (_, lease) = await _store.StartAsync();
        await _store.RegisterTaskTokenAsync(lease, "t", "k", null, null);
        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.WaitForTaskTokenAsync("t", cancel.Token));
        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(() => _store.WaitForTaskTokenAsync("never-registered"));
        Assert.Contains("is not registered", unknown.Message);

        var waiting = _store.WaitForTaskTokenAsync("t");
        await Task.Delay(100);
        _store.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.SendTaskSuccessAsync("t", null));
    }

    [Fact]
    public async Task Tokens_of_a_run_that_lost_its_lease_or_of_an_ended_execution_cannot_be_registered()
    {
        var (_, lease) = await _store.StartAsync();
        await _store.CompleteExecutionAsync(lease, ExecutionStatus.Aborted, null, null, null, _time.GetUtcNow(), Array.Empty<ExecutionEvent>());
        await Assert.ThrowsAsync<ExecutionLeaseLostException>(() => _store.RegisterTaskTokenAsync(lease, "t", "k", null, null));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.RegisterTaskTokenAsync(lease, "t", "k", TimeSpan.Zero, null));
    }
}
