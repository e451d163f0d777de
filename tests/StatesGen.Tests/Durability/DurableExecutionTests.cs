using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using StatesGen.Durability;
using StatesGen.Sqlite;
using StatesGen.Testing;
using StatesGen.Tests.Infrastructure;
using static StatesGen.Tests.Execution.Compiled;

namespace StatesGen.Tests.Durability;

/// <summary>
/// Executions kept in a store (StateMachineOptions.Store): persisted from the start, resumed by replaying what they
/// recorded, redriven as AWS's RedriveExecution does, pinned to their definition. A run is stopped here by cancelling
/// it, which leaves the execution running in the store; the crash tests (CrashTests) kill real processes instead.
/// </summary>
public sealed class DurableExecutionTests : IDisposable
{
    private readonly StoreDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private SqliteExecutionStore Store(TimeProvider? time = null) => _directory.Open(time);

    private static IStateMachine Durable(string definition, TaskHandler handler, IExecutionStore store, TimeProvider? time = null, string name = "Flow") =>
        Machine(definition, handler, new StateMachineOptions { Store = store, TimeProvider = time ?? TimeProvider.System, LeaseDuration = TimeSpan.FromSeconds(3) }, name).Machine;

    private const string Chain = """
        { "StartAt": "A", "States": {
          "A": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:a", "ResultPath": "$.a", "Next": "Stamp" },
          "Stamp": { "Type": "Pass", "Parameters": { "id.$": "States.UUID()", "entered.$": "$$.State.EnteredTime", "start.$": "$$.Execution.StartTime", "n.$": "States.MathRandom(1, 1000000)" }, "ResultPath": "$.stamp", "Next": "B" },
          "B": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:b", "ResultPath": "$.b", "Next": "C" },
          "C": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:c", "ResultPath": "$.c", "End": true } } }
        """;

    [Fact]
    public async Task A_stored_execution_is_described_with_its_output_and_history_and_a_second_start_returns_it()
    {
        using var store = Store();
        int calls = 0;
        var machine = Durable(Chain, Returns(inv => { Interlocked.Increment(ref calls); return inv.StateName; }), store);
        var result = await machine.StartExecutionAsync(Json("""{"x":1}"""), "order-1");
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(3, calls);
        Assert.Equal("A", (string?)result.Output!["a"]);
        Assert.Equal("ExecutionStarted", result.Events[0].Type);
        Assert.Equal("ExecutionSucceeded", result.Events[^1].Type);
        Assert.Equal(Enumerable.Range(1, result.Events.Count).Select(i => (long)i), result.Events.Select(e => e.Id));

        var described = await machine.DescribeExecutionAsync("order-1");
        Assert.NotNull(described);
        Assert.Equal(ExecutionStatus.Succeeded, described.Status);
        Assert.True(JsonNode.DeepEquals(result.Output, described.Output));
        Assert.Equal(result.Events.Count, described.Events.Count);
        Assert.Null(await machine.DescribeExecutionAsync("nobody"));

        // AWS's StartExecution is idempotent for a running execution with the same input; a closed name is never reused.
        var again = await Assert.ThrowsAsync<StatesException>(() => machine.StartExecutionAsync(Json("""{"x":1}"""), "order-1"));
        Assert.Equal("ExecutionAlreadyExists", again.Error);
        Assert.Equal(3, calls);

        var page = await machine.ListExecutionsAsync(new ExecutionQuery { Status = ExecutionStatus.Succeeded });
        Assert.Equal("order-1", Assert.Single(page.Executions).Name);
    }

    [Fact]
    public async Task A_resumed_execution_replays_recorded_tasks_times_and_random_values_and_invokes_the_rest()
    {
        using var store = Store();
        var invoked = new ConcurrentQueue<string>();
        var stop = new CancellationTokenSource();
        var blockB = new TaskCompletionSource();
        JsonNode? seenByB = null;
        string? firstKeyOfB = null;
        TaskHandler first = async (inv, ct) =>
        {
            invoked.Enqueue(inv.StateName);
            if (inv.StateName == "B")
            {
                seenByB = inv.Input!.DeepClone();
                firstKeyOfB = inv.IdempotencyKey;
                blockB.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
            }
            return inv.StateName + "-1";
        };
        var machine = Durable(Chain, first, store);
        var running = machine.StartExecutionAsync(Json("""{"x":1}"""), "resume-me", stop.Token);
        await blockB.Task.WaitAsync(TimeSpan.FromSeconds(30));
        stop.Cancel();
        var stopped = await running;
        Assert.Equal(ExecutionStatus.Running, stopped.Status);
        Assert.Equal(ExecutionStatus.Running, (await machine.DescribeExecutionAsync("resume-me"))!.Status);

        // A second process (here: a second class instance) resumes: A is replayed, B was in flight and runs again with
        // the same idempotency key and input, C runs for the first time.
        var second = new ConcurrentQueue<string>();
        string? secondKeyOfB = null;
        JsonNode? secondInputOfB = null;
        var resumed = Durable(Chain, Returns(inv =>
        {
            second.Enqueue(inv.StateName);
            if (inv.StateName == "B") { secondKeyOfB = inv.IdempotencyKey; secondInputOfB = inv.Input!.DeepClone(); }
            return inv.StateName + "-2";
        }), store);
        var result = await resumed.ResumeExecutionAsync("resume-me");
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(["A", "B"], invoked);
        Assert.Equal(["B", "C"], second);
        Assert.Equal(firstKeyOfB, secondKeyOfB);
        Assert.Matches("^[0-9a-f]{32}$", secondKeyOfB!);
        // The UUID, the random number and the $$ times are those of the first run.
        Assert.True(JsonNode.DeepEquals(seenByB, secondInputOfB), $"{seenByB} vs {secondInputOfB}");
        AssertJson($$"""{"x":1,"a":"A-1","stamp":{{seenByB!["stamp"]!.ToJsonString()}},"b":"B-2","c":"C-2"}""", result.Output);
        // The history continues: no event twice, no gap.
        Assert.Equal(Enumerable.Range(1, result.Events.Count).Select(i => (long)i), result.Events.Select(e => e.Id));
        Assert.Single(result.Events, e => e.Type == "ExecutionStarted");
        Assert.Single(result.Events, e => e.Type == "TaskStateEntered" && e.StateName == "A");
        Assert.Equal(2, result.Events.Count(e => e.Type == "LambdaFunctionScheduled" && e.StateName == "B"));

        // Resuming a finished execution returns its outcome without running anything.
        var again = await resumed.ResumeExecutionAsync("resume-me");
        Assert.Equal(ExecutionStatus.Succeeded, again.Status);
        Assert.Equal(2, second.Count);
    }

    // AWS API reference, StartExecution: "If StartExecution is called with the same name and input as a running
    // execution, the call succeeds and returns the same response as the original request. If the execution is closed or
    // if the input is different, it returns a 400 ExecutionAlreadyExists error."
    [Fact]
    public async Task Starting_a_running_execution_again_with_the_same_input_continues_it_and_another_input_is_refused()
    {
        using var store = Store();
        var stop = new CancellationTokenSource();
        var blocked = new TaskCompletionSource();
        int calls = 0;
        TaskHandler handler = async (inv, ct) =>
        {
            if (Interlocked.Increment(ref calls) == 1) { blocked.TrySetResult(); await Task.Delay(Timeout.Infinite, ct); }
            return inv.StateName;
        };
        var machine = Durable(Chain, handler, store);
        var first = machine.StartExecutionAsync(Json("""{"order":{"id":1,"lines":[1,2]}}"""), "same-name", stop.Token);
        await blocked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        stop.Cancel();
        Assert.Equal(ExecutionStatus.Running, (await first).Status);

        var different = await Assert.ThrowsAsync<StatesException>(() => machine.StartExecutionAsync(Json("""{"order":{"id":2}}"""), "same-name"));
        Assert.Equal("ExecutionAlreadyExists", different.Error);
        // Property order does not make an input different.
        var again = await machine.StartExecutionAsync(Json("""{"order":{"lines":[1,2],"id":1}}"""), "same-name");
        Assert.Equal(ExecutionStatus.Succeeded, again.Status);
        Assert.Equal(4, calls); // A again (in flight when stopped), then B and C
        Assert.Single(again.Events, e => e.Type == "ExecutionStarted");
    }

    // AWS API reference, StopExecution: "Stops an execution." The execution's status becomes ABORTED and its history
    // ends with ExecutionAborted carrying the given error and cause.
    [Fact]
    public async Task StopExecution_from_another_process_aborts_a_running_execution_and_its_run_stops()
    {
        using var store = Store();
        string? token = null;
        var machine = Durable(Chain.Replace("arn:aws:lambda:us-east-1:123456789012:function:b", "arn:aws:states:::lambda:invoke.waitForTaskToken"),
            Returns(inv => { token ??= inv.TaskToken; return inv.TaskToken == null ? inv.StateName : null; }), store);
        var running = machine.StartExecutionAsync(Json("{}"), "to-stop");
        await WaitUntil(() => token != null);

        // Another process (another store instance on the file) stops it, as an operator would from a console.
        ExecutionResult? stopped;
        using (var other = Store())
        {
            var otherMachine = Durable(Chain.Replace("arn:aws:lambda:us-east-1:123456789012:function:b", "arn:aws:states:::lambda:invoke.waitForTaskToken"),
                Returns(_ => null), other);
            stopped = await otherMachine.StopExecutionAsync("to-stop", "Operator.Stopped", "not needed any more");
        }
        Assert.Equal(ExecutionStatus.Aborted, stopped!.Status);
        // The run learns of the stop when its next lease renewal (every second here) fails. Once, under a loaded CI
        // run, it took over 30 s, which matches SQLite's busy timeout (a renewal waiting for a lock): not understood
        // yet, so the test allows 90 s and still requires the run to end Aborted.
        var result = await running.WaitAsync(TimeSpan.FromSeconds(90));
        Assert.Equal(ExecutionStatus.Aborted, result.Status);
        Assert.Equal(("Operator.Stopped", "not needed any more"), (result.Error, result.Cause));
        var history = (await machine.DescribeExecutionAsync("to-stop"))!.Events;
        Assert.Equal("ExecutionAborted", history[^1].Type);
        Assert.DoesNotContain(history, e => e.StateName == "C");
        // Its token is closed; stopping an ended execution changes nothing; an unknown one is null.
        Assert.Equal("States.TaskTimedOut", (await Assert.ThrowsAsync<StatesException>(() => store.SendTaskSuccessAsync(token!, null))).Error);
        Assert.Equal(ExecutionStatus.Aborted, (await machine.StopExecutionAsync("to-stop"))!.Status);
        Assert.Null(await machine.StopExecutionAsync("nobody"));
        // An aborted execution can be redriven (AWS: FAILED, TIMED_OUT or ABORTED).
        token = null;
        var redriving = machine.RedriveExecutionAsync("to-stop");
        await WaitUntil(() => token != null);
        await store.SendTaskSuccessAsync(token!, Json("\"answered\""));
        Assert.Equal(ExecutionStatus.Succeeded, (await redriving.WaitAsync(TimeSpan.FromSeconds(30))).Status);
    }

    [Fact]
    public async Task A_wait_keeps_its_due_time_across_a_resume()
    {
        var time = new ManualTimeProvider();
        using var store = Store(time);
        const string waiting = """
            { "StartAt": "Wait", "States": { "Wait": { "Type": "Wait", "Seconds": 3600, "Next": "Done" },
              "Done": { "Type": "Pass", "Parameters": { "at.$": "$$.State.EnteredTime" }, "End": true } } }
            """;
        var stop = new CancellationTokenSource();
        var machine = Durable(waiting, Returns(_ => null), store, time);
        var running = machine.StartExecutionAsync(Json("{}"), "waits", stop.Token);
        await WaitUntil(() => time.PendingTimers > 0);
        time.Advance(TimeSpan.FromMinutes(20));
        stop.Cancel();
        Assert.Equal(ExecutionStatus.Running, (await running).Status);

        // 50 minutes later a new run resumes: the wait ends 60 minutes after it began, not 60 minutes after the resume.
        time.Advance(TimeSpan.FromMinutes(30));
        var resumed = machine.ResumeExecutionAsync("waits");
        await WaitUntil(() => time.PendingTimers > 0 || resumed.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(9));
        Assert.False(resumed.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(1));
        var result = await resumed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal("2024-01-01T01:00:00.000Z", (string?)result.Output!["at"]);
    }

    [Fact]
    public async Task A_callback_is_answered_from_another_store_instance_while_the_execution_waits_and_while_nothing_runs_it()
    {
        using var store = Store();
        const string review = """
            { "StartAt": "Review", "States": { "Review": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters": { "token.$": "$$.Task.Token" }, "ResultPath": "$.review", "Next": "Again" },
              "Again": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters": { "token.$": "$$.Task.Token" }, "ResultPath": "$.again", "End": true } } }
            """;
        var tokens = new ConcurrentQueue<(string State, string Token)>();
        var machine = Durable(review, Returns(inv => { tokens.Enqueue((inv.StateName, inv.TaskToken!)); return null; }), store);
        var stop = new CancellationTokenSource();
        var running = machine.StartExecutionAsync(Json("{}"), "review", stop.Token);
        await WaitUntil(() => tokens.Count == 1);

        // A web endpoint in another process opens the same file and answers: the waiting run continues.
        using (var endpoint = Store())
            await endpoint.SendTaskSuccessAsync(tokens.First().Token, Json("""{"approved":true}"""));
        await WaitUntil(() => tokens.Count == 2);

        // The service stops while the second review is pending; the answer arrives while nothing runs the execution.
        stop.Cancel();
        Assert.Equal(ExecutionStatus.Running, (await running).Status);
        using (var endpoint = Store())
            await endpoint.SendTaskSuccessAsync(tokens.Last().Token, Json("""{"approved":"again"}"""));

        var result = await machine.ResumeExecutionAsync("review").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        AssertJson("""{"review":{"approved":true},"again":{"approved":"again"}}""", result.Output);
        // The answered task was not invoked again.
        Assert.Equal(2, tokens.Count);
        // Answering a token of an ended execution fails as AWS does.
        var late = await Assert.ThrowsAsync<StatesException>(() => store.SendTaskSuccessAsync(tokens.Last().Token, null));
        Assert.Equal("States.TaskTimedOut", late.Error);
    }

    // AWS API reference, RedriveExecution: "it continues the failed execution from the unsuccessful step and uses the same
    // input. Step Functions preserves the results and execution history of the successful steps, and doesn't rerun these
    // steps [...] For workflows that include an Inline Map or Parallel state, RedriveExecution API action reschedules and
    // redrives only the iterations and branches that failed or aborted."
    // https://docs.aws.amazon.com/step-functions/latest/apireference/API_RedriveExecution.html
    [Fact]
    public async Task Redrive_runs_only_the_failed_map_iterations_and_parallel_branches_again()
    {
        using var store = Store();
        const string definition = """
            { "StartAt": "Both", "States": { "Both": { "Type": "Parallel", "End": true, "Branches": [
              { "StartAt": "Items", "States": { "Items": { "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2, "End": true,
                "ItemProcessor": { "StartAt": "Work", "States": { "Work": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": { "item.$": "$", "redrives.$": "$$.Execution.RedriveCount" }, "End": true } } } } } },
              { "StartAt": "Side", "States": { "Side": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": { "side": true }, "End": true } } } ] } } }
            """;
        var calls = new ConcurrentQueue<string>();
        bool broken = true;
        // The broken items fail only once the side branch has finished, so the first run always records its result
        // (otherwise the Map's failure may cancel the branch before it ran, and it would rightly run on redrive).
        var sideDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TaskHandler handler = async (inv, _) =>
        {
            var label = inv.Input!["item"]?.ToJsonString() ?? "side";
            calls.Enqueue(label);
            if (label == "side") sideDone.TrySetResult();
            if (broken && label is "3" or "5")
            {
                await sideDone.Task.WaitAsync(TimeSpan.FromSeconds(30));
                throw new InvalidOperationException("item " + label + " broke");
            }
            return JsonValue.Create(label + "@" + inv.Input!["redrives"]?.ToJsonString());
        };
        var machine = Durable(definition, handler, store);
        var failed = await machine.StartExecutionAsync(Json("""{"items":[1,2,3,4,5,6]}"""), "redrive-me");
        Assert.Equal(ExecutionStatus.Failed, failed.Status);
        Assert.Equal("InvalidOperationException", failed.Error);
        var firstRun = calls.ToArray();
        Assert.Contains("3", firstRun);
        Assert.Contains("side", firstRun);

        broken = false;
        calls.Clear();
        var redriven = await machine.RedriveExecutionAsync("redrive-me");
        Assert.Equal(ExecutionStatus.Succeeded, redriven.Status);
        Assert.Equal(1, redriven.RedriveCount);
        // Item 3 failed and runs again; item 5 failed or was aborted when 3 failed, or never started: it runs too.
        // Items that succeeded, and the side branch, are replayed, not run again.
        var secondRun = calls.ToArray();
        Assert.Contains("3", secondRun);
        Assert.DoesNotContain("side", secondRun);
        var succeededBefore = failed.Events.Where(e => e.Type == "MapIterationSucceeded").Select(e => (e.Index!.Value + 1).ToString()).ToList();
        Assert.NotEmpty(succeededBefore);
        foreach (var done in succeededBefore) Assert.DoesNotContain(done, secondRun);
        // Each item's result says in which run it was made: the first (0) for the iterations that succeeded in it, the
        // redrive (1) for the others. Which of 1, 2, 4 and 6 finished before item 3's failure stopped the Map depends on
        // the schedule (under load, one was once still running and was aborted, so it rightly ran again).
        var items = redriven.Output![0]!.AsArray().Select(n => (string?)n).ToArray();
        Assert.Equal(Enumerable.Range(1, 6).Select(i => i + "@" + (succeededBefore.Contains(i.ToString()) ? 0 : 1)), items);
        Assert.Equal("3@1", items[2]);
        Assert.Contains(redriven.Events, e => e.Type == "ExecutionRedriven");
        Assert.Equal(ExecutionStatus.Succeeded, (await machine.DescribeExecutionAsync("redrive-me"))!.Status);

        var again = await Assert.ThrowsAsync<StatesException>(() => machine.RedriveExecutionAsync("redrive-me"));
        Assert.Equal("ExecutionNotRedrivable", again.Error);
    }

    [Fact]
    public async Task A_redrive_that_is_stopped_and_resumed_keeps_one_history_of_the_redriven_states()
    {
        using var store = Store();
        const string definition = """
            { "StartAt": "Items", "States": { "Items": { "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1, "End": true,
              "ItemProcessor": { "StartAt": "Work", "States": { "Work": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true } } } } } }
            """;
        int mode = 0; // 0: item 2 fails; 1: item 2 blocks until cancelled; 2: everything succeeds
        var blocked = new TaskCompletionSource();
        var machine = Durable(definition, async (inv, ct) =>
        {
            if (inv.Input!.GetValue<int>() == 2 && mode == 0) throw new InvalidOperationException("broke");
            if (inv.Input!.GetValue<int>() == 2 && mode == 1) { blocked.TrySetResult(); await Task.Delay(Timeout.Infinite, ct); }
            return inv.Input!.DeepClone();
        }, store);
        Assert.Equal(ExecutionStatus.Failed, (await machine.StartExecutionAsync(Json("""{"items":[1,2,3]}"""), "redrive-resume")).Status);

        // The redrive runs the Map again, and is stopped while item 2 is in flight; a resume finishes it.
        mode = 1;
        using var stop = new CancellationTokenSource();
        var redriving = machine.RedriveExecutionAsync("redrive-resume", stop.Token);
        await blocked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        stop.Cancel();
        Assert.Equal(ExecutionStatus.Running, (await redriving).Status);
        mode = 2;
        var result = await machine.ResumeExecutionAsync("redrive-resume");

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        AssertJson("[1,2,3]", result.Output);
        // Entered once by the first run and once by the redrive: the resume replays the redrive's entry.
        Assert.Equal(2, result.Events.Count(e => e.Type == "MapStateEntered"));
        Assert.Equal(Enumerable.Range(1, result.Events.Count).Select(i => (long)i), result.Events.Select(e => e.Id));
    }

    [Fact]
    public async Task A_changed_definition_cannot_resume_an_execution_that_started_with_another()
    {
        using var store = Store();
        var stop = new CancellationTokenSource();
        var blocked = new TaskCompletionSource();
        var machine = Durable(Chain, async (inv, ct) => { blocked.TrySetResult(); await Task.Delay(Timeout.Infinite, ct); return null; }, store);
        var running = machine.StartExecutionAsync(Json("{}"), "pinned", stop.Token);
        await blocked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        stop.Cancel();
        await running;

        var changed = Durable(Chain.Replace("\"ResultPath\": \"$.c\"", "\"ResultPath\": \"$.changed\""), Returns(_ => null), store);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => changed.ResumeExecutionAsync("pinned"));
        Assert.Contains("pinned", e.Message);
        Assert.Matches("definition version [0-9a-f]{16}.*definition version [0-9a-f]{16}", e.Message);
        // Whitespace is not a change.
        var reformatted = Durable(Chain.Replace("\n", "\n\n  "), Returns(inv => inv.StateName), store);
        Assert.Equal(ExecutionStatus.Succeeded, (await reformatted.ResumeExecutionAsync("pinned")).Status);
    }

    [Fact]
    public async Task A_retry_backoff_and_a_task_timeout_count_durable_time()
    {
        var time = new ManualTimeProvider();
        using var store = Store(time);
        const string definition = """
            { "StartAt": "Flaky", "States": { "Flaky": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 600,
              "Retry": [ { "ErrorEquals": ["Boom"], "IntervalSeconds": 100, "MaxAttempts": 2, "JitterStrategy": "FULL" } ], "End": true } } }
            """;
        int attempts = 0;
        var stop = new CancellationTokenSource();
        var machine = Durable(definition, Returns(inv => { Interlocked.Increment(ref attempts); throw new StatesException("Boom"); }), store, time);
        var running = machine.StartExecutionAsync(Json("{}"), "backoff", stop.Token);
        await WaitUntil(() => attempts == 1 && time.PendingTimers > 0);
        stop.Cancel();
        await running;

        // The backoff (with its recorded jitter) is over by now: the resumed run retries at once, and only once more
        // after the second backoff, then fails.
        time.Advance(TimeSpan.FromSeconds(100));
        var resumed = machine.ResumeExecutionAsync("backoff");
        await WaitUntil(() => attempts == 2);
        await WaitUntil(() => time.PendingTimers > 0 || resumed.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(200));
        var result = await resumed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("Boom", result.Error);
        Assert.Equal(3, attempts);
    }
}
