using StatesGen.Hosting;
using StatesGen.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using StatesGen.Tests.Infrastructure;
using static StatesGen.Tests.Execution.Compiled;

namespace StatesGen.Tests.Execution;

/// <summary>
/// Execution history with AWS's event names (Step Functions API reference, HistoryEvent "type"): the sequences below
/// are the ones the Step Functions console shows for the same definitions.
/// </summary>
public class HistoryTests
{
    private static async Task<ExecutionResult> Start(StateMachine machine, JsonNode? input, string? name = null) =>
        await (Task<ExecutionResult>)machine.Instance.GetType().GetMethod("StartExecutionAsync")!.Invoke(machine.Instance, [input, name, CancellationToken.None])!;

    [Fact]
    public async Task Task_and_choice_events_in_AWS_order_with_ids_and_details()
    {
        var time = new ManualTimeProvider();
        var machine = Machine("""
            { "StartAt": "Check", "States": {
              "Check": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.ok", "Next": "Ok?" },
              "Ok?": { "Type": "Choice", "Choices": [ { "Variable": "$.ok", "BooleanEquals": true, "Next": "Done" } ], "Default": "Done" },
              "Done": { "Type": "Succeed" } } }
            """, Returns(_ => JsonValue.Create(true)), new StateMachineOptions { TimeProvider = time });
        var result = await Start(machine, Json("""{"id":1}"""), "exec-1");
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal("exec-1", result.Name);
        Assert.Equal([
            "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
            "ChoiceStateEntered", "ChoiceStateExited", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded"],
            result.Events.Select(e => e.Type));
        Assert.Equal(Enumerable.Range(1, 11).Select(i => (long)i), result.Events.Select(e => e.Id));
        Assert.Equal(Enumerable.Range(0, 11).Select(i => (long)i), result.Events.Select(e => e.PreviousEventId));
        var scheduled = result.Events.Single(e => e.Type == "TaskScheduled");
        Assert.Equal("Check", scheduled.StateName);
        Assert.Equal("arn:aws:states:::lambda:invoke", scheduled.Resource);
        AssertJson("""{"id":1}""", scheduled.Input);
        AssertJson("""{"id":1,"ok":true}""", result.Events.Single(e => e.Type == "TaskStateExited").Output);
        Assert.All(result.Events, e => Assert.Equal(ManualTimeProvider.DefaultStart, e.Timestamp));
        AssertJson("""{"id":1,"ok":true}""", result.Output);
    }

    [Fact]
    public async Task Lambda_and_activity_resources_use_their_own_event_names_and_a_throwing_observer_changes_nothing()
    {
        // Step Functions API reference, HistoryEvent: LambdaFunctionScheduled/Started/Succeeded for Lambda ARNs,
        // ActivityScheduled/Started/Succeeded for activities.
        var machine = Machine("""
            { "StartAt": "L", "States": {
              "L": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "Next": "A" },
              "A": { "Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:review", "End": true } } }
            """, Returns(_ => JsonValue.Create(1)), new StateMachineOptions { Observer = Observe((_, _) => throw new InvalidOperationException("observer bug")) });
        var result = await Start(machine, null);
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(["LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "ActivityScheduled", "ActivityStarted", "ActivitySucceeded"],
            result.Events.Select(e => e.Type).Where(t => t.StartsWith("Lambda", StringComparison.Ordinal) || t.StartsWith("Activity", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Wait_events_carry_fake_time()
    {
        var time = new ManualTimeProvider(autoAdvance: true);
        var machine = Machine("""{ "StartAt": "W", "States": { "W": { "Type": "Wait", "Seconds": 90, "End": true } } }""",
            Returns(_ => null), new StateMachineOptions { TimeProvider = time });
        var result = await Start(machine, Json("{}"));
        Assert.Equal(["ExecutionStarted", "WaitStateEntered", "WaitStateExited", "ExecutionSucceeded"], result.Events.Select(e => e.Type));
        Assert.Equal(TimeSpan.FromSeconds(90), result.Events[2].Timestamp - result.Events[1].Timestamp);
    }

    [Fact]
    public async Task Failure_caught_and_uncaught()
    {
        var machine = Machine("""
            { "StartAt": "T", "States": {
              "T": { "Type": "Task", "Resource": "r", "Catch": [ { "ErrorEquals": ["Boom"], "Next": "F" } ], "End": true },
              "F": { "Type": "Fail", "Error": "Final", "Cause": "caught then failed" } } }
            """, (_, _) => throw new StatesException("Boom", "bad"));
        var result = await Start(machine, null);
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal(("Final", "caught then failed"), (result.Error, result.Cause));
        Assert.Equal([
            "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "TaskStateExited",
            "FailStateEntered", "ExecutionFailed"], result.Events.Select(e => e.Type));
        var failed = result.Events.Single(e => e.Type == "TaskFailed");
        Assert.Equal(("Boom", "bad"), (failed.Error, failed.Cause));
    }

    [Fact]
    public async Task Map_iterations_have_their_own_events_and_the_observer_sees_them_live()
    {
        var seen = new ConcurrentQueue<string>();
        var observer = Observe((name, e) => seen.Enqueue(name + ":" + e.Type));
        var machine = Machine("""
            { "StartAt": "M", "States": { "M": { "Type": "Map", "MaxConcurrency": 1,
              "ItemProcessor": { "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }, "End": true } } }
            """, Returns(_ => null), new StateMachineOptions { Observer = observer });
        var result = await Start(machine, Json("[10, 20]"), "m");
        Assert.Equal([
            "ExecutionStarted", "MapStateEntered", "MapStateStarted",
            "MapIterationStarted", "PassStateEntered", "PassStateExited", "MapIterationSucceeded",
            "MapIterationStarted", "PassStateEntered", "PassStateExited", "MapIterationSucceeded",
            "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"], result.Events.Select(e => e.Type));
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1], result.Events.Where(e => e.Index != null || e.Type.StartsWith("Pass", StringComparison.Ordinal))
            .Select(e => e.Index ?? result.Events.Last(p => p.Id < e.Id && p.Index != null).Index!.Value));
        Assert.Equal(2, result.Events.Single(e => e.Type == "MapStateStarted").Length);
        Assert.Equal(result.Events.Select(e => "m:" + e.Type), seen);
    }

    [Fact]
    public async Task Parallel_events_and_aborted_execution()
    {
        var machine = Machine("""
            { "StartAt": "P", "States": { "P": { "Type": "Parallel", "End": true, "Branches": [
              { "StartAt": "A", "States": { "A": { "Type": "Pass", "End": true } } },
              { "StartAt": "B", "States": { "B": { "Type": "Pass", "End": true } } } ] } } }
            """, Returns(_ => null));
        var result = await Start(machine, Json("{}"));
        var types = result.Events.Select(e => e.Type).ToList();
        Assert.Equal(["ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted"], types.Take(3));
        Assert.Equal(["ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded"], types.TakeLast(3));
        Assert.Equal(2, types.Count(t => t == "PassStateEntered"));

        using var cts = new CancellationTokenSource();
        var blocked = Machine("""{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "r", "End": true } } }""",
            async (_, ct) => { cts.Cancel(); await Task.Delay(Timeout.Infinite, ct); return null; });
        var aborted = await (Task<ExecutionResult>)blocked.Instance.GetType().GetMethod("StartExecutionAsync")!.Invoke(blocked.Instance, [null, null, cts.Token])!;
        Assert.Equal(ExecutionStatus.Aborted, aborted.Status);
        Assert.Equal("ExecutionAborted", aborted.Events[^1].Type);
    }

    [Fact]
    public async Task Spans_for_execution_states_and_iterations_on_the_StatesGen_activity_source()
    {
        // The listener sees the spans of every test running at the same time (other machines have states named M or
        // Work too): keep only this execution's, which are in the trace of a parent activity this test starts.
        var spans = new ConcurrentBag<Activity>();
        using var test = new Activity(nameof(Spans_for_execution_states_and_iterations_on_the_StatesGen_activity_source)).SetIdFormat(ActivityIdFormat.W3C).Start();
        var trace = test.TraceId;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == StatesGenTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span => { if (span.TraceId == trace) spans.Add(span); },
        };
        ActivitySource.AddActivityListener(listener);
        var machine = Machine("""
            { "StartAt": "M", "States": { "M": { "Type": "Map",
              "ItemProcessor": { "StartAt": "Work", "States": { "Work": { "Type": "Task", "Resource": "r", "End": true } } }, "End": true } } }
            """, (inv, _) => inv.Input!.GetValue<int>() == 1 ? throw new StatesException("Bad", "item 1") : ValueTask.FromResult<JsonNode?>(null), name: "Traced");
        await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(Json("[0, 1]")));
        test.Stop();
        var execution = Assert.Single(spans, s => s.DisplayName == "Execution Traced");
        Assert.Equal(test.SpanId, execution.ParentSpanId);
        Assert.All(spans, s => Assert.Equal("Traced", s.GetTagItem("statesgen.machine")));
        Assert.Equal(ActivityStatusCode.Error, execution.Status);
        Assert.Equal("Bad", execution.GetTagItem("statesgen.error"));
        Assert.Contains(spans, s => s.DisplayName == "M" && (string?)s.GetTagItem("statesgen.state_type") == "Map");
        var failedWork = Assert.Single(spans, s => s.DisplayName == "Work" && s.Status == ActivityStatusCode.Error);
        Assert.Equal("item 1", failedWork.GetTagItem("statesgen.cause"));
        Assert.Contains(spans, s => s.DisplayName == "M #1" && s.Status == ActivityStatusCode.Error);
    }

    [Fact]
    public async Task Logging_observer_writes_failures_as_warnings_and_errors()
    {
        var logger = new ListLogger();
        var machine = Machine("""
            { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "r",
              "Retry": [ { "ErrorEquals": ["Flaky"], "IntervalSeconds": 1, "MaxAttempts": 1 } ], "End": true } } }
            """, (_, _) => throw new StatesException("Flaky", "try later"),
            new StateMachineOptions { Observer = new LoggingExecutionObserver(logger), TimeProvider = new ManualTimeProvider(autoAdvance: true) });
        await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(null));
        Assert.Equal(2, logger.Entries.Count(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("TaskFailed in state T: Flaky: try later")));
        Assert.Single(logger.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Message.Contains("ExecutionFailed: Flaky"));
        Assert.Contains(logger.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Debug && e.Message.Contains("TaskStateEntered state=T"));
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger
    {
        public ConcurrentQueue<(Microsoft.Extensions.Logging.LogLevel Level, string Message)> Entries { get; } = new();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => Entries.Enqueue((logLevel, formatter(state, exception)));
    }

}
