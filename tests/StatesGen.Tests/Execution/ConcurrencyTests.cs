using StatesGen.Testing;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using static StatesGen.Tests.Execution.Compiled;

namespace StatesGen.Tests.Execution;

/// <summary>Map in an iteration window (inline until an iteration waits) and Parallel on Task.WhenAll, with AWS's ordering and failure rules.</summary>
public class ConcurrencyTests
{
    private static string MapOf(string maxConcurrency) => $$"""
        { "StartAt": "M", "States": { "M": { "Type": "Map", {{maxConcurrency}}
          "ItemProcessor": { "StartAt": "Work", "States": { "Work": { "Type": "Task", "Resource": "r", "End": true } } }, "End": true } } }
        """;

    [Fact]
    public async Task MaxConcurrency_is_a_sliding_window()
    {
        // DESIGN.md seed: with MaxConcurrency 2, iteration #2 starts as soon as #0 ends, without waiting for #1. #0 holds
        // its slot until #1 runs (so #1 runs before #2 can start, even when the thread that took #1 is preempted), and
        // #1 holds its slot until #2 and #3 have both started (or 30 s): with a window that waits for the whole pair,
        // they never would while #1 runs. No timing is assumed, so a loaded machine cannot make it fail.
        var oneRuns = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var laterStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new ConcurrentDictionary<int, bool>();
        bool oneSawTheOthersStart = false;
        int running = 0, maxRunning = 0;
        var machine = Machine(MapOf("\"MaxConcurrency\": 2,"), async (inv, ct) =>
        {
            int i = inv.Input!.GetValue<int>();
            RaiseTo(ref maxRunning, Interlocked.Increment(ref running));
            started[i] = true;
            if (i == 1) oneRuns.TrySetResult();
            if (started.ContainsKey(2) && started.ContainsKey(3)) laterStarted.TrySetResult();
            if (i == 0) await oneRuns.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            else if (i == 1) oneSawTheOthersStart = await Task.WhenAny(laterStarted.Task, Task.Delay(TimeSpan.FromSeconds(30), ct)) == laterStarted.Task;
            else await Task.Yield();
            Interlocked.Decrement(ref running);
            return JsonValue.Create(i * 10);
        });
        var output = await machine.ExecuteAsync(Json("[0, 1, 2, 3]"));
        AssertJson("[0, 10, 20, 30]", output);
        // #0 and #1 ran together, and never more than two.
        Assert.Equal(2, maxRunning);
        Assert.True(oneSawTheOthersStart, "#2 and #3 did not start while #1 was still running");
    }

    [Fact]
    public async Task Handlers_that_block_their_thread_still_overlap_up_to_MaxConcurrency()
    {
        // Iterations run inline while they complete synchronously; a handler that blocks looks synchronous, so the
        // Map must still bring in other threads: each handler below blocks until two iterations run at once (two, so
        // the test holds one thread-pool thread at most and does not starve the tests running beside it).
        const int Limit = 2;
        int running = 0, maxRunning = 0;
        var machine = Machine(MapOf($"\"MaxConcurrency\": {Limit},"), (inv, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            RaiseTo(ref maxRunning, now);
            bool overlapped = SpinWait.SpinUntil(() => Volatile.Read(ref running) >= Limit, TimeSpan.FromSeconds(20));
            Thread.Sleep(20);
            Interlocked.Decrement(ref running);
            return overlapped ? ValueTask.FromResult(inv.Input?.DeepClone())
                : throw new StatesException("Serialized", "the iterations did not overlap");
        });
        var output = await machine.ExecuteAsync(Json("[0, 1, 2, 3]")).WaitAsync(TimeSpan.FromSeconds(60));
        AssertJson("[0, 1, 2, 3]", output);
        Assert.Equal(Limit, maxRunning);
    }

    private static void RaiseTo(ref int max, int value)
    {
        for (int seen = Volatile.Read(ref max); value > seen; seen = Volatile.Read(ref max))
            if (Interlocked.CompareExchange(ref max, value, seen) == seen) return;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task The_sliding_window_never_holds_more_than_MaxConcurrency_whatever_the_handlers_do(int limit)
    {
        // Synchronous, blocking and awaiting handlers mixed: the window refills as iterations end, never beyond the limit.
        const int Items = 60;
        int running = 0, maxRunning = 0;
        var machine = Machine(MapOf($"\"MaxConcurrency\": {limit},"), async (inv, ct) =>
        {
            int i = inv.Input!.GetValue<int>();
            var now = Interlocked.Increment(ref running);
            RaiseTo(ref maxRunning, now);
            try
            {
                if (i % 3 == 1) Thread.Sleep(2);
                else if (i % 3 == 2) await Task.Delay(2, ct);
                return JsonValue.Create(i * 10);
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        });
        var output = await machine.ExecuteAsync(new JsonArray(Enumerable.Range(0, Items).Select(i => (JsonNode)i).ToArray()));
        AssertJson("[" + string.Join(", ", Enumerable.Range(0, Items).Select(i => i * 10)) + "]", output);
        Assert.InRange(maxRunning, 1, limit);
        Assert.Equal(0, running);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public async Task Synchronous_handlers_give_the_same_output_and_history_as_one_iteration_at_a_time(int limit)
    {
        // One iteration at a time is the schedule every Map had with ForEachAsync at MaxConcurrency 1; running inline
        // must keep its history event for event. Unbounded, other threads may interleave: the same events, ids 1..n.
        var machine = Machine(MapOf($"\"MaxConcurrency\": {limit},"), Returns(inv => JsonValue.Create(inv.Input!.GetValue<int>() + 1)));
        var result = await (Task<ExecutionResult>)machine.Instance.GetType().GetMethod("StartExecutionAsync")!
            .Invoke(machine.Instance, [Json("[10, 20, 30]"), "sync", CancellationToken.None])!;
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        AssertJson("[11, 21, 31]", result.Output);
        string[] Iteration(int i) => [$"MapIterationStarted#{i}", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", $"MapIterationSucceeded#{i}"];
        string[] expected = ["ExecutionStarted", "MapStateEntered", "MapStateStarted", .. Iteration(0), .. Iteration(1), .. Iteration(2),
            "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"];
        var actual = result.Events.Select(e => e.Index is int i && e.Type.StartsWith("MapIteration", StringComparison.Ordinal) ? e.Type + "#" + i : e.Type).ToArray();
        if (limit == 1) Assert.Equal(expected, actual);
        else Assert.Equal(expected.Order(), actual.Order());
        Assert.Equal(Enumerable.Range(1, expected.Length).Select(i => (long)i), result.Events.Select(e => e.Id));
    }

    [Theory]
    [InlineData("\"MaxConcurrency\": 0,")]
    [InlineData("")]
    public async Task MaxConcurrency_zero_or_absent_is_unbounded(string field)
    {
        // SEMANTICS 10: 0 means unbounded (every iteration may wait at once).
        const int Items = 12;
        int arrived = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var machine = Machine(MapOf(field), async (inv, ct) =>
        {
            if (Interlocked.Increment(ref arrived) == Items) all.SetResult();
            await all.Task.WaitAsync(TimeSpan.FromSeconds(10), ct); // deadlocks (times out) unless all run at once
            return inv.Input?.DeepClone();
        });
        var output = await machine.ExecuteAsync(new JsonArray(Enumerable.Range(0, Items).Select(i => (JsonNode)i).ToArray()));
        Assert.Equal(Items, output!.AsArray().Count);
    }

    [Fact]
    public async Task Failing_branch_cancels_its_siblings_and_fails_with_its_own_error()
    {
        // Recorded on AWS (parallel-002/004): the Parallel fails with the branch's error, not States.BranchFailed.
        var siblingCancelled = new TaskCompletionSource<bool>();
        var machine = Machine("""
            { "StartAt": "P", "States": { "P": { "Type": "Parallel", "End": true, "Branches": [
              { "StartAt": "Slow", "States": { "Slow": { "Type": "Task", "Resource": "slow", "End": true } } },
              { "StartAt": "Bad", "States": { "Bad": { "Type": "Task", "Resource": "bad", "End": true } } } ] } } }
            """, async (inv, ct) =>
            {
                if (inv.Resource == "bad") { await Task.Delay(20, ct); throw new StatesException("Payment.Declined", "no funds"); }
                try { await Task.Delay(Timeout.Infinite, ct); }
                catch (OperationCanceledException) { siblingCancelled.SetResult(true); throw; }
                return null;
            });
        var e = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(null).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("Payment.Declined", e.Error);
        Assert.Equal("no funds", e.Cause);
        Assert.True(await siblingCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_failing_iteration_ends_the_Map_even_while_a_sibling_handler_ignores_its_token()
    {
        // The iteration's task is raced against the path's token: a handler that never looks at it cannot hold the Map
        // (or the execution) after a sibling has failed it. Its work, left behind, is observed when it ends.
        var release = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var machine = Machine(MapOf("\"MaxConcurrency\": 0,"), (inv, _) => inv.Input!.GetValue<int>() == 0
            ? new ValueTask<JsonNode?>(release.Task)
            : throw new StatesException("Item.Broken", "item " + inv.Input));
        var e = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(Json("[0, 1]")).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("Item.Broken", e.Error);
        release.SetException(new InvalidOperationException("late")); // observed, never surfaces
    }

    [Fact]
    public async Task A_handler_that_cancels_itself_in_a_Map_iteration_fails_its_task_with_the_exception_type()
    {
        // Only the path's own cancellation passes through as OperationCanceledException; a handler's own (an HTTP
        // client's timeout, say) is a task failure named after the exception type, as any other exception is.
        foreach (var asyncHandler in new[] { false, true })
        {
            TaskHandler handler = asyncHandler
                ? async (_, _) => { await Task.Yield(); throw new TaskCanceledException("client timeout"); }
                : (_, _) => throw new TaskCanceledException("client timeout");
            var machine = Machine(MapOf(""), handler);
            var e = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(Json("[0]")).WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal("TaskCanceledException", e.Error);
            Assert.Equal("client timeout", e.Cause);
        }
    }

    [Fact]
    public async Task Map_output_is_in_item_order_whatever_the_completion_order()
    {
        var machine = Machine(MapOf("\"MaxConcurrency\": 0,"), async (inv, ct) =>
        {
            int i = inv.Input!.GetValue<int>();
            await Task.Delay((5 - i) * 20, ct);
            return JsonValue.Create("item" + i);
        });
        AssertJson("""["item0","item1","item2","item3","item4"]""", await machine.ExecuteAsync(Json("[0,1,2,3,4]")));
    }

    [Fact]
    public async Task Tolerated_failures_below_the_threshold_keep_the_map_going()
    {
        // AWS developer guide, "Setting failure thresholds for Distributed Map states".
        var definition = """
            { "StartAt": "M", "States": { "M": { "Type": "Map", "ToleratedFailureCount": 1,
              "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" }, "StartAt": "Work",
                "States": { "Work": { "Type": "Task", "Resource": "r", "End": true } } }, "End": true } } }
            """;
        TaskHandler failOdd = (inv, _) => inv.Input!.GetValue<int>() % 2 == 1 ? throw new StatesException("Odd") : ValueTask.FromResult(inv.Input?.DeepClone());
        var machine = Machine(definition, failOdd);
        var output = await machine.ExecuteAsync(Json("[0, 1, 2]"));
        Assert.Equal(3, output!.AsArray().Count);
        var e = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(Json("[0, 1, 2, 3]")));
        Assert.Equal("States.ExceedToleratedFailureThreshold", e.Error);
    }
}

/// <summary>Paths the generated code takes only when they cannot change the result: inline Parallel, moved nodes.</summary>
public class FastPathTests
{
    private static readonly TaskHandler NoTasks = (inv, _) => throw new InvalidOperationException("no task expected: " + inv.StateName);

    private static async Task<ExecutionResult> WithHistory(StatesGen.Tests.Infrastructure.StateMachine machine, JsonNode? input) =>
        await (Task<ExecutionResult>)machine.Instance.GetType().GetMethod("StartExecutionAsync")!.Invoke(machine.Instance, [input, null, CancellationToken.None])!;

    [Fact]
    public async Task Synchronous_branches_run_inline_with_the_same_outputs_errors_and_event_ids()
    {
        // Without an observer, branches of Pass/Choice/Fail states run one after the other; with history, concurrently.
        // Both must give the same output, the same error, and the same "entered at the event id #N" in later causes.
        var machine = Machine("""
            { "StartAt": "P", "States": {
              "P": { "Type": "Parallel", "ResultPath": "$.results", "Next": "Check", "Catch": [ { "ErrorEquals": ["Branch.Failed"], "ResultPath": "$.error", "Next": "Broken" } ],
                     "Branches": [
                       { "StartAt": "A", "States": { "A": { "Type": "Pass", "Parameters": { "v.$": "States.MathAdd($.n, 1)" }, "End": true } } },
                       { "StartAt": "B", "States": { "B": { "Type": "Choice", "Choices": [ { "Variable": "$.fail", "BooleanEquals": true, "Next": "F" } ], "Default": "OK" },
                                                     "F": { "Type": "Fail", "Error": "Branch.Failed", "Cause": "asked to" },
                                                     "OK": { "Type": "Pass", "Result": "ok", "End": true } } } ] },
              "Check": { "Type": "Pass", "InputPath": "$.missing", "End": true },
              "Broken": { "Type": "Pass", "InputPath": "$.missing", "End": true } } }
            """, NoTasks);
        foreach (var fail in new[] { false, true })
        {
            var input = Json($$"""{ "n": 1, "fail": {{(fail ? "true" : "false")}} }""")!;
            var inline = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(input.DeepClone()));
            // Inline, branch A runs to its end before B fails. Concurrently, B may fail before A has run (A is then
            // aborted, with fewer events: CI saw #9 against #11 once under load), so compare with a run where A ended.
            ExecutionResult observed;
            var runs = 0;
            do observed = await WithHistory(machine, input.DeepClone());
            while (!observed.Events.Any(e => e.Type == "PassStateExited" && e.StateName == "A") && ++runs < 50);
            Assert.Equal(observed.Error, inline.Error);
            Assert.Equal(observed.Cause, inline.Cause); // includes "(entered at the event id #N)"
            Assert.Contains(fail ? "'Broken'" : "'Check'", inline.Cause);
        }
    }

    [Fact]
    public async Task Inline_branches_share_one_path_but_never_each_others_variables_or_state()
    {
        // Branches that run inline take turns on one execution path; each must still start with an empty scope of its
        // own (Variables: a branch sees the outer scope, never a sibling's assignments) and its own state.
        var machine = Machine("""
            { "StartAt": "P", "States": {
              "P": { "Type": "Parallel", "End": true, "Branches": [
                { "StartAt": "A", "States": { "A": { "Type": "Pass", "Assign": { "v": 1 }, "Next": "A2" },
                                              "A2": { "Type": "Pass", "Parameters": { "v.$": "$v", "state.$": "$$.State.Name" }, "End": true } } },
                { "StartAt": "B", "States": { "B": { "Type": "Pass", "Assign": { "v": 2, "w": "b" }, "Next": "B2" },
                                              "B2": { "Type": "Pass", "Parameters": { "v.$": "$v", "w.$": "$w", "state.$": "$$.State.Name" }, "End": true } } },
                { "StartAt": "C", "States": { "C": { "Type": "Pass", "Parameters": { "state.$": "$$.State.Name" }, "End": true } } } ] } } }
            """, NoTasks);
        var inline = await machine.ExecuteAsync(Json("{}"));
        var observed = await WithHistory(machine, Json("{}"));
        const string Expected = """[{"v":1,"state":"A2"},{"v":2,"w":"b","state":"B2"},{"state":"C"}]""";
        AssertJson(Expected, inline);
        AssertJson(Expected, observed.Output);
    }

    [Theory]
    [InlineData("", false, false)]
    [InlineData("", true, false)]
    [InlineData("", false, true)]
    [InlineData("", true, true)]
    [InlineData(@", ""TimeoutSeconds"": 60", false, false)]
    public async Task Failed_task_attempts_count_their_event_without_history(string timeout, bool asyncHandler, bool cancellable)
    {
        // Regression (AWS-recorded case errors-037): without an observer a failed attempt counted no TaskFailed event,
        // so a later cause said "entered at the event id #N" one lower per failure than AWS and than the same run with
        // history. Covers every task path (direct; direct on a path that can be cancelled, as every Map iteration and
        // Parallel branch is; with a timeout) and handlers that throw or return a faulted task.
        var machine = Machine($$"""
            { "StartAt": "T", "States": {
              "T": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:f"{{timeout}},
                     "Retry": [ { "ErrorEquals": ["Boom"], "IntervalSeconds": 1, "MaxAttempts": 1 } ],
                     "Catch": [ { "ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Broken" } ], "End": true },
              "Broken": { "Type": "Pass", "InputPath": "$.missing", "End": true } } }
            """, asyncHandler ? async (_, _) => { await Task.Yield(); throw new StatesException("Boom", "always"); } : (_, _) => throw new StatesException("Boom", "always"),
            new StateMachineOptions { TimeProvider = new ManualTimeProvider(autoAdvance: true) });

        using var cancellation = new CancellationTokenSource();
        var inline = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(Json("{}"), cancellable ? cancellation.Token : default));
        var observed = await WithHistory(machine, Json("{}"));

        // ExecutionStarted, TaskStateEntered, 2 x (LambdaFunctionScheduled, Started, Failed), TaskStateExited, then #10.
        Assert.StartsWith("An error occurred while executing the state 'Broken' (entered at the event id #10).", inline.Cause);
        Assert.Equal(observed.Cause, inline.Cause);
    }

    [Fact]
    public async Task Parameters_move_what_the_dropped_input_no_longer_needs_and_copy_overlaps()
    {
        // ResultPath "$" drops the input once Parameters is built: objects are moved, not copied. Overlapping paths
        // ($.a and $.a.b) and repeated paths must still both see their value.
        var machine = Machine("""
            { "StartAt": "P", "States": {
              "P": { "Type": "Pass", "Parameters": { "a.$": "$.a", "ab.$": "$.a.b", "c.$": "$.c", "c2.$": "$.c", "d.$": "$.d", "e.$": "$.list[1]" }, "Next": "Q" },
              "Q": { "Type": "Pass", "Parameters": { "all.$": "$", "d.$": "$.d" }, "End": true } } }
            """, NoTasks);
        var output = await machine.ExecuteAsync(Json("""{ "a": { "b": { "x": 1 } }, "c": { "k": 2 }, "d": { "deep": [1, 2] }, "list": [ {}, { "i": 1 } ] }"""));
        AssertJson("""
            { "all": { "a": { "b": { "x": 1 } }, "ab": { "x": 1 }, "c": { "k": 2 }, "c2": { "k": 2 }, "d": { "deep": [1, 2] }, "e": { "i": 1 } },
              "d": { "deep": [1, 2] } }
            """, output);
    }

    [Fact]
    public async Task Moving_never_touches_the_callers_input_or_the_execution_input()
    {
        var machine = Machine("""
            { "StartAt": "P", "States": {
              "P": { "Type": "Pass", "Parameters": { "o.$": "$.o" }, "Next": "Q" },
              "Q": { "Type": "Pass", "Parameters": { "now.$": "$.o", "original.$": "$$.Execution.Input" }, "End": true } } }
            """, NoTasks);
        var input = Json("""{ "o": { "v": 1 } }""");
        var output = await machine.ExecuteAsync(input);
        AssertJson("""{ "now": { "v": 1 }, "original": { "o": { "v": 1 } } }""", output);
        AssertJson("""{ "o": { "v": 1 } }""", input);
    }
}
