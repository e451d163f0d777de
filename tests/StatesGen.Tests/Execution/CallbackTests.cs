using StatesGen.Testing;
using System.Text.Json.Nodes;
using StatesGen.Tests.Infrastructure;
using static StatesGen.Tests.Execution.Compiled;

namespace StatesGen.Tests.Execution;

/// <summary>
/// .waitForTaskToken (AWS developer guide, "Wait for a Callback with Task Token"): the task waits until
/// SendTaskSuccess or SendTaskFailure names its token; HeartbeatSeconds fails it with States.Timeout.
/// </summary>
public class CallbackTests
{
    private const string Callback = """
        { "StartAt": "Review", "States": { "Review": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "HeartbeatSeconds": 60, "Parameters": { "token.$": "$$.Task.Token", "id.$": "$.id" }, "ResultPath": "$.review", "End": true } } }
        """;

    [Fact]
    public async Task SendTaskSuccess_completes_the_task_with_its_output()
    {
        var tokens = new TaskTokens();
        string? token = null;
        var machine = Machine(Callback, Returns(inv =>
        {
            Assert.Equal(inv.TaskToken, inv.Input!["token"]!.GetValue<string>());
            token = inv.TaskToken;
            return null; // null: wait for the callback
        }), new StateMachineOptions { TaskTokens = tokens });
        var run = machine.ExecuteAsync(Json("""{"id":7}"""));
        await WaitUntil(() => token != null && tokens.IsPending(token));
        Assert.False(run.IsCompleted);
        tokens.SendTaskSuccess(token!, Json("""{"decision":"APPROVE"}"""));
        AssertJson("""{"id":7,"review":{"decision":"APPROVE"}}""", await run.WaitAsync(TimeSpan.FromSeconds(10)));
        // A second answer for the same token is an error and changes nothing.
        var late = Assert.Throws<StatesException>(() => tokens.SendTaskSuccess(token!, null));
        Assert.Equal("States.TaskTimedOut", late.Error);
    }

    [Fact]
    public async Task SendTaskFailure_fails_the_task_with_the_given_error()
    {
        var tokens = new TaskTokens();
        var machine = Machine(Callback, Returns(inv =>
        {
            var token = inv.TaskToken!;
            _ = Task.Run(async () => { await Task.Delay(20); tokens.SendTaskFailure(token, "Review.Rejected", "not enough documents"); });
            return null;
        }), new StateMachineOptions { TaskTokens = tokens });
        var e = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(Json("""{"id":1}""")).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("Review.Rejected", e.Error);
        Assert.Equal("not enough documents", e.Cause);
    }

    [Fact]
    public async Task Missing_heartbeat_times_out_and_heartbeats_keep_the_task_alive()
    {
        var time = new ManualTimeProvider();
        var tokens = new TaskTokens();
        string? token = null;
        var machine = Machine(Callback, Returns(inv => { token = inv.TaskToken; return null; }),
            new StateMachineOptions { TaskTokens = tokens, TimeProvider = time });
        var run = machine.ExecuteAsync(Json("""{"id":1}"""));
        await WaitUntil(() => token != null && tokens.IsPending(token) && time.PendingTimers > 0);
        time.Advance(TimeSpan.FromSeconds(50));
        tokens.SendTaskHeartbeat(token!);
        time.Advance(TimeSpan.FromSeconds(50)); // 100 s since start, 50 since the heartbeat
        Assert.False(run.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(11));
        var e = await Assert.ThrowsAsync<StatesException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("States.Timeout", e.Error);
        Assert.Throws<StatesException>(() => tokens.SendTaskSuccess(token!, null));
    }

    [Fact]
    public void Unknown_tokens_are_rejected()
    {
        var tokens = new TaskTokens();
        Assert.Equal("States.TaskTimedOut", Assert.Throws<StatesException>(() => tokens.SendTaskSuccess("nope", null)).Error);
        Assert.Equal("States.TaskTimedOut", Assert.Throws<StatesException>(() => tokens.SendTaskFailure("nope", "E")).Error);
        Assert.Equal("States.TaskTimedOut", Assert.Throws<StatesException>(() => tokens.SendTaskHeartbeat("nope")).Error);
    }
}
