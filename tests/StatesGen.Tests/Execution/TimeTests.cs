using StatesGen.Testing;
using System.Text.Json.Nodes;
using StatesGen.Tests.Infrastructure;
using static StatesGen.Tests.Execution.Compiled;

namespace StatesGen.Tests.Execution;

/// <summary>Wait states, retry delays and timeouts run on the options' TimeProvider, so tests need no real waiting.</summary>
public class TimeTests
{
    // Only a guard against a hang: on two busy cores the thread pool that runs auto-advance and the continuations can
    // be starved for seconds by the tests running beside these (a 10 s guard failed that way in CI).
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    // Microsoft.Extensions.TimeProvider.Testing's FakeTimeProvider works as the options' clock too: it moves when
    // advanced. It has no "advance to the next timer" and cannot tell a Task's deadlines from its Waits, which is why
    // StatesGen.Testing keeps ManualTimeProvider (auto-advance, PendingTimers, DeadlineGrace).
    [Fact]
    public async Task Microsofts_FakeTimeProvider_drives_waits_retries_and_the_context_times()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        int attempts = 0;
        var machine = Machine("""
            { "StartAt": "W", "States": {
              "W": { "Type": "Wait", "Seconds": 86400, "Next": "T" },
              "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [ { "ErrorEquals": ["Busy"], "IntervalSeconds": 3600 } ],
                     "Parameters": { "at.$": "$$.State.EnteredTime" }, "End": true } } }
            """, Returns(inv => ++attempts == 1 ? throw new StatesException("Busy") : inv.Input), new StateMachineOptions { TimeProvider = time });
        var run = machine.ExecuteAsync(Json("{}"));
        for (int hours = 0; hours < 26 && !run.IsCompleted; hours++)
        {
            await Task.Delay(20);
            time.Advance(TimeSpan.FromHours(1));
        }
        AssertJson("""{"at":"2030-01-02T00:00:00.000Z"}""", await run.WaitAsync(Guard));
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task A_one_day_wait_completes_on_a_fake_clock()
    {
        var time = new ManualTimeProvider(autoAdvance: true);
        var machine = Machine("""{ "StartAt": "W", "States": { "W": { "Type": "Wait", "Seconds": 86400, "End": true } } }""",
            Returns(_ => null), new StateMachineOptions { TimeProvider = time });
        var output = await machine.ExecuteAsync(Json("""{"a":1}""")).WaitAsync(Guard);
        AssertJson("""{"a":1}""", output);
        Assert.Equal(TimeSpan.FromDays(1), time.Elapsed);
    }

    [Fact]
    public async Task Timestamp_wait_waits_until_the_instant_and_a_past_one_continues_at_once()
    {
        // AWS developer guide, Wait state: "Timestamp ... an absolute time"; SEMANTICS 11: a past timestamp continues at once.
        var time = new ManualTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), autoAdvance: true);
        var machine = Machine("""
            { "StartAt": "Past", "States": {
              "Past": { "Type": "Wait", "Timestamp": "2020-01-01T00:00:00Z", "Next": "Future" },
              "Future": { "Type": "Wait", "TimestampPath": "$.until", "End": true } } }
            """, Returns(_ => null), new StateMachineOptions { TimeProvider = time });
        await machine.ExecuteAsync(Json("""{"until":"2024-01-01T02:00:00+01:00"}""")).WaitAsync(Guard);
        Assert.Equal(TimeSpan.FromHours(1), time.Elapsed);
    }

    [Fact]
    public async Task Auto_advance_never_runs_ahead_of_a_handler_to_its_deadlines()
    {
        // The race of issue 14: auto-advance fired a task's TimeoutSeconds timer on the thread pool as soon as it was
        // created, so a handler that really awaited something got a spurious States.Timeout. The deadline now waits for
        // the handler; once the handler is done and the timer disposed, the clock does not move to it at all.
        // The grace (how long a handler may take in real time before it is taken to hang) is far above the handler's
        // 150 ms, so a loaded machine (CI runs the browser tests at the same time) cannot turn a slow Task.Delay into a
        // hang: what is tested is that the deadline waits for the handler, not the grace's length.
        var time = new ManualTimeProvider(autoAdvance: true) { DeadlineGrace = TimeSpan.FromSeconds(30) };
        var machine = Machine("""
            { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f",
              "TimeoutSeconds": 5, "End": true } } }
            """, async (inv, ct) =>
            {
                await Task.Delay(150, ct); // real time: work the fake clock knows nothing about
                return JsonValue.Create("done");
            }, new StateMachineOptions { TimeProvider = time });
        for (int i = 0; i < 3; i++)
            AssertJson("\"done\"", await machine.ExecuteAsync(null).WaitAsync(Guard));
        Assert.Equal(TimeSpan.Zero, time.Elapsed);

        // A callback task whose handler has returned still times out at once under auto-advance (nothing holds it).
        var callback = Machine("""
            { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters": { "QueueUrl": "q", "MessageBody.$": "$$.Task.Token" }, "TimeoutSeconds": 60, "End": true } } }
            """, (inv, ct) => ValueTask.FromResult<JsonNode?>(null), new StateMachineOptions { TimeProvider = time, TaskTokens = new TaskTokens() });
        var e = await Assert.ThrowsAsync<StatesException>(() => callback.ExecuteAsync(null).WaitAsync(Guard));
        Assert.Equal("States.Timeout", e.Error);
        Assert.Equal(TimeSpan.FromSeconds(60), time.Elapsed);
    }

    [Fact]
    public async Task Retry_delays_follow_interval_backoff_and_cap()
    {
        // SEMANTICS 14: delay = IntervalSeconds x BackoffRate^(attempt-1), capped by MaxDelaySeconds: 2, 6, 10 (not 18).
        var time = new ManualTimeProvider(autoAdvance: true);
        var calls = new List<(int Retry, TimeSpan At)>();
        var machine = Machine("""
            { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f",
              "Retry": [ { "ErrorEquals": ["Flaky"], "IntervalSeconds": 2, "BackoffRate": 3, "MaxAttempts": 3, "MaxDelaySeconds": 10 } ],
              "End": true } } }
            """, (inv, _) =>
            {
                lock (calls) calls.Add((inv.RetryCount, time.Elapsed));
                throw new StatesException("Flaky", "attempt " + inv.RetryCount);
            }, new StateMachineOptions { TimeProvider = time });
        var e = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(null).WaitAsync(Guard));
        Assert.Equal("Flaky", e.Error);
        Assert.Equal("attempt 3", e.Cause);
        Assert.Equal([0, 1, 2, 3], calls.Select(c => c.Retry));
        Assert.Equal([0d, 2, 8, 18], calls.Select(c => c.At.TotalSeconds));
    }

    [Fact]
    public async Task MaxAttempts_zero_never_retries_and_the_first_matching_retrier_wins()
    {
        // SEMANTICS 14: the first retrier whose ErrorEquals matches is used even when its attempts are spent.
        int calls = 0;
        var machine = Machine("""
            { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "r",
              "Retry": [ { "ErrorEquals": ["Boom"], "MaxAttempts": 0 }, { "ErrorEquals": ["States.ALL"], "MaxAttempts": 5 } ],
              "End": true } } }
            """, (_, _) => { Interlocked.Increment(ref calls); throw new StatesException("Boom"); },
            new StateMachineOptions { TimeProvider = new ManualTimeProvider(autoAdvance: true) });
        await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(null));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Task_timeout_gives_States_Timeout()
    {
        var time = new ManualTimeProvider(autoAdvance: true);
        var machine = Machine("""
            { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "r", "TimeoutSeconds": 30, "End": true } } }
            """, async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return null; }, // a handler that never answers
            new StateMachineOptions { TimeProvider = time });
        var e = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(null).WaitAsync(Guard));
        Assert.Equal("States.Timeout", e.Error);
    }

    [Fact]
    public async Task Execution_timeout_gives_States_Timeout()
    {
        // States Language spec: "TimeoutSeconds ... the maximum number of seconds an execution of the state machine can run".
        var time = new ManualTimeProvider(autoAdvance: true);
        var machine = Machine("""
            { "StartAt": "W", "TimeoutSeconds": 5, "States": { "W": { "Type": "Wait", "Seconds": 60, "End": true } } }
            """, Returns(_ => null), new StateMachineOptions { TimeProvider = time });
        var e = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(null).WaitAsync(Guard));
        Assert.Equal("States.Timeout", e.Error);
    }
}
