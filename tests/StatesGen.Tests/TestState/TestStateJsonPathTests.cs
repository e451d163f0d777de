using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using static StatesGen.Tests.Execution.Compiled;
using static StatesGen.Tests.TestState.TestStateMachines;

namespace StatesGen.Tests.TestState;

/// <summary>
/// TestStateAsync on JSONPath states, each state type, status and inspection level. AWS reference: the TestState API
/// (https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html), its inspection levels and data
/// flow (https://docs.aws.amazon.com/step-functions/latest/dg/test-state-isolation.html) and InspectionErrorDetails
/// (https://docs.aws.amazon.com/step-functions/latest/apireference/API_InspectionErrorDetails.html).
/// </summary>
public class TestStateJsonPathTests
{
    private static readonly TestStateOptions Debug = new() { InspectionLevel = TestStateInspectionLevel.Debug };

    [Fact]
    public async Task Pass_at_Debug_shows_every_step_the_output_the_next_state_and_the_variables_after_Assign()
    {
        var result = await JsonPathMachine().TestAsync("Prepare", """{ "order": { "id": "o-1", "total": 30 }, "note": "n" }""",
            new TestStateOptions { InspectionLevel = TestStateInspectionLevel.Debug, Variables = new JsonObject { ["customer"] = "c-7" } });

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        Assert.Equal("Charge", result.NextState);
        AssertJson("""{ "id": "o-1", "total": 30, "customer": "c-7" }""", result.Output);
        Assert.Null(result.Error);
        var data = result.InspectionData;
        AssertJson("""{ "order": { "id": "o-1", "total": 30 }, "note": "n" }""", data.Input);
        AssertJson("""{ "id": "o-1", "total": 30 }""", data.AfterInputPath);
        AssertJson("""{ "id": "o-1", "total": 30, "customer": "c-7" }""", data.AfterParameters);
        AssertJson("""{ "order": { "id": "o-1", "total": 30 }, "note": "n", "prepared": { "id": "o-1", "total": 30, "customer": "c-7" } }""", data.AfterResultPath);
        AssertJson("""{ "customer": "c-7", "lastOrder": "o-1" }""", data.Variables);
        Assert.Null(data.Result);
        Assert.Null(data.AfterArguments);
        Assert.Null(data.ErrorDetails);
    }

    [Fact]
    public async Task Info_shows_the_output_and_no_intermediate_values()
    {
        var result = await JsonPathMachine().TestAsync("Prepare", """{ "order": { "id": "o-1", "total": 30 } }""",
            new TestStateOptions { Variables = new JsonObject { ["customer"] = "c-7" } });

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        AssertJson("""{ "id": "o-1", "total": 30, "customer": "c-7" }""", result.Output);
        var data = result.InspectionData;
        Assert.All(new[] { data.Input, data.AfterInputPath, data.AfterParameters, data.Result, data.AfterResultSelector, data.AfterResultPath, data.Variables }, Assert.Null);
    }

    [Fact]
    public async Task Trace_reports_what_Debug_reports()
    {
        const string input = """{ "order": { "id": "o-1", "total": 30 } }""";
        var variables = new JsonObject { ["customer"] = "c-7" };
        var debug = await JsonPathMachine().TestAsync("Prepare", input, new TestStateOptions { InspectionLevel = TestStateInspectionLevel.Debug, Variables = variables });
        var trace = await JsonPathMachine().TestAsync("Prepare", input, new TestStateOptions { InspectionLevel = TestStateInspectionLevel.Trace, Variables = variables });

        AssertJson(debug.Output!.ToJsonString(), trace.Output);
        AssertJson(debug.InspectionData.AfterParameters!.ToJsonString(), trace.InspectionData.AfterParameters);
        AssertJson(debug.InspectionData.AfterResultPath!.ToJsonString(), trace.InspectionData.AfterResultPath);
        AssertJson(debug.InspectionData.Variables!.ToJsonString(), trace.InspectionData.Variables);
    }

    [Fact]
    public async Task Task_calls_the_handler_with_the_effective_input_and_processes_its_result()
    {
        var calls = new ConcurrentQueue<TaskInvocation>();
        var machine = JsonPathMachine(Recording(calls, """{ "Payload": { "receipt": "r-9", "extra": 1 }, "StatusCode": 200 }"""));

        var result = await machine.TestAsync("Charge", """{ "payment": { "amount": 30 }, "id": "o-1" }""", new TestStateOptions
        {
            InspectionLevel = TestStateInspectionLevel.Debug,
            Context = new JsonObject { ["Execution"] = new JsonObject { ["Name"] = "exec-1" } },
        });

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        Assert.Equal("Wait A Day", result.NextState);
        var call = Assert.Single(calls);
        Assert.Equal("Charge", call.StateName);
        AssertJson("""{ "FunctionName": "charge", "Payload": { "amount": 30, "execution": "exec-1" } }""", call.Input);
        var data = result.InspectionData;
        AssertJson("""{ "amount": 30 }""", data.AfterInputPath);
        AssertJson("""{ "FunctionName": "charge", "Payload": { "amount": 30, "execution": "exec-1" } }""", data.AfterParameters);
        AssertJson("""{ "Payload": { "receipt": "r-9", "extra": 1 }, "StatusCode": 200 }""", data.Result);
        AssertJson("""{ "receipt": "r-9" }""", data.AfterResultSelector);
        AssertJson("""{ "payment": { "amount": 30 }, "id": "o-1", "charge": { "receipt": "r-9" } }""", data.AfterResultPath);
        AssertJson("""{ "payment": { "amount": 30 }, "id": "o-1", "charge": { "receipt": "r-9" } }""", result.Output);
    }

    [Fact]
    public async Task A_mock_result_replaces_the_handler_and_goes_through_ResultSelector_and_ResultPath()
    {
        var mock = JsonNode.Parse("""{ "Payload": { "receipt": "mocked" } }""");
        var result = await JsonPathMachine().TestAsync("Charge", """{ "payment": { "amount": 5 } }""",
            new TestStateOptions { InspectionLevel = TestStateInspectionLevel.Debug, MockResult = mock });

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        AssertJson("""{ "payment": { "amount": 5 }, "charge": { "receipt": "mocked" } }""", result.Output);
        AssertJson("""{ "Payload": { "receipt": "mocked" } }""", result.InspectionData.Result);
        AssertJson("""{ "Payload": { "receipt": "mocked" } }""", mock); // the caller's mock is not taken apart
    }

    [Theory]
    [InlineData(0, 2.0)]   // IntervalSeconds 2
    [InlineData(1, 6.0)]   // 2 × 3
    [InlineData(2, 10.0)]  // 2 × 3² = 18, capped by MaxDelaySeconds 10
    public async Task A_matching_retrier_with_attempts_left_makes_the_state_retriable_with_its_backoff(int retried, double backoff)
    {
        var result = await JsonPathMachine().TestAsync("Charge", """{ "payment": { "amount": 5 } }""",
            new TestStateOptions { MockError = "Card.Declined", MockCause = "insufficient funds", RetrierRetryCount = retried });

        Assert.Equal(TestStateStatus.Retriable, result.Status);
        Assert.Equal("Card.Declined", result.Error);
        Assert.Equal("insufficient funds", result.Cause);
        Assert.Null(result.NextState);
        Assert.Null(result.Output);
        var details = result.InspectionData.ErrorDetails!;
        Assert.Equal(0, details.RetryIndex);
        Assert.Equal(backoff, details.RetryBackoffIntervalSeconds);
        Assert.Null(details.CatchIndex);
    }

    [Fact]
    public async Task A_retrier_whose_attempts_are_spent_leaves_the_error_to_the_catchers()
    {
        var result = await JsonPathMachine().TestAsync("Charge", """{ "payment": { "amount": 5 } }""",
            new TestStateOptions { MockError = "Card.Declined", MockCause = "insufficient funds", RetrierRetryCount = 3 });

        Assert.Equal(TestStateStatus.CaughtError, result.Status);
        Assert.Equal("Cancel", result.NextState);
        Assert.Equal(1, result.InspectionData.ErrorDetails!.CatchIndex);
        Assert.Null(result.InspectionData.ErrorDetails.RetryIndex);
        // The States.ALL catcher has no ResultPath: the error output replaces the input.
        AssertJson("""{ "Error": "Card.Declined", "Cause": "insufficient funds" }""", result.Output);
    }

    [Fact]
    public async Task A_retrier_with_MaxAttempts_0_never_makes_the_state_retriable()
    {
        var result = await JsonPathMachine().TestAsync("Charge", """{ "payment": { "amount": 5 } }""", new TestStateOptions { MockError = "States.Timeout" });

        Assert.Equal(TestStateStatus.CaughtError, result.Status);
        Assert.Equal(1, result.InspectionData.ErrorDetails!.CatchIndex);
    }

    [Fact]
    public async Task A_caught_error_goes_to_the_catchers_Next_with_the_error_output_at_its_ResultPath()
    {
        var result = await JsonPathMachine().TestAsync("Charge", """{ "payment": { "amount": 5 }, "id": "o-1" }""",
            new TestStateOptions { InspectionLevel = TestStateInspectionLevel.Debug, MockError = "Card.Expired", MockCause = "12/24" });

        Assert.Equal(TestStateStatus.CaughtError, result.Status);
        Assert.Equal("Notify", result.NextState);
        Assert.Equal("Card.Expired", result.Error);
        Assert.Equal("12/24", result.Cause);
        Assert.Equal(0, result.InspectionData.ErrorDetails!.CatchIndex);
        AssertJson("""{ "payment": { "amount": 5 }, "id": "o-1", "error": { "Error": "Card.Expired", "Cause": "12/24" } }""", result.Output);
    }

    [Fact]
    public async Task A_handlers_exception_is_caught_like_in_an_execution()
    {
        var machine = JsonPathMachine((_, _) => throw new TimeoutException("gateway"));

        var result = await machine.TestAsync("Charge", """{ "payment": { "amount": 5 } }""");

        Assert.Equal(TestStateStatus.CaughtError, result.Status);
        Assert.Equal("TimeoutException", result.Error);
        Assert.Equal("Cancel", result.NextState);
    }

    [Fact]
    public async Task An_error_nothing_handles_fails_the_state()
    {
        var result = await JsonPathMachine().TestAsync("Notify", "{}", new TestStateOptions { MockError = "Mail.Bounced", MockCause = "no mailbox" });

        Assert.Equal(TestStateStatus.Failed, result.Status);
        Assert.Equal("Mail.Bounced", result.Error);
        Assert.Equal("no mailbox", result.Cause);
        Assert.Null(result.NextState);
        Assert.Null(result.Output);
        Assert.Null(result.InspectionData.ErrorDetails);
    }

    [Fact]
    public async Task An_End_task_succeeds_without_a_next_state()
    {
        var result = await JsonPathMachine().TestAsync("Notify", """{ "a": 1 }""", new TestStateOptions { MockResult = JsonNode.Parse("""{ "sent": true }""") });

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        Assert.Null(result.NextState);
        AssertJson("""{ "sent": true }""", result.Output);
    }

    [Fact]
    public async Task Wait_does_not_wait()
    {
        var clock = Stopwatch.StartNew();
        var result = await JsonPathMachine().TestAsync("Wait A Day", """{ "charge": { "receipt": "r" }, "other": 1 }""", Debug);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "a one-day Wait must not wait");
        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        Assert.Equal("Route", result.NextState);
        AssertJson("""{ "receipt": "r" }""", result.InspectionData.AfterInputPath);
        AssertJson("""{ "receipt": "r" }""", result.Output);
    }

    [Theory]
    [InlineData(150, "Review")]
    [InlineData(50, "Strict")]
    public async Task Choice_returns_the_matched_next_state(int total, string next)
    {
        var result = await JsonPathMachine().TestAsync("Route", $$"""{ "order": { "total": {{total}} } }""", Debug);

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        Assert.Equal(next, result.NextState);
        AssertJson($$"""{ "total": {{total}} }""", result.InspectionData.AfterInputPath);
        AssertJson($$"""{ "total": {{total}} }""", result.Output);
    }

    [Fact]
    public async Task Choice_without_a_match_and_Default_fails_with_States_NoChoiceMatched()
    {
        var result = await JsonPathMachine().TestAsync("Strict", """{ "ok": false }""");

        Assert.Equal(TestStateStatus.Failed, result.Status);
        Assert.Equal("States.NoChoiceMatched", result.Error);
    }

    [Fact]
    public async Task Parallel_takes_its_mock_result_through_ResultSelector_and_ResultPath()
    {
        var result = await JsonPathMachine().TestAsync("Review", """{ "id": "o-1" }""",
            new TestStateOptions { InspectionLevel = TestStateInspectionLevel.Debug, MockResult = JsonNode.Parse("""[ { "approved": true } ]""") });

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        Assert.Equal("Ship", result.NextState);
        AssertJson("""[ { "approved": true } ]""", result.InspectionData.Result);
        AssertJson("""{ "approved": true }""", result.InspectionData.AfterResultSelector);
        AssertJson("""{ "id": "o-1", "review": { "approved": true } }""", result.Output);
    }

    [Fact]
    public async Task Map_takes_its_mock_result_through_ResultPath_and_never_runs_its_items()
    {
        var result = await JsonPathMachine().TestAsync("Ship", """{ "items": [ { "sku": "a" }, { "sku": "b" } ] }""",
            new TestStateOptions { InspectionLevel = TestStateInspectionLevel.Debug, MockResult = JsonNode.Parse("""[ "packed-a", "packed-b" ]""") });

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        Assert.Equal("Done", result.NextState);
        AssertJson("""{ "items": [ { "sku": "a" }, { "sku": "b" } ], "packed": [ "packed-a", "packed-b" ] }""", result.Output);
        // The Map's own inspection values (AWS's afterItemsPath, maxConcurrency, toleratedFailure*).
        AssertJson("""[ { "sku": "a" }, { "sku": "b" } ]""", result.InspectionData.AfterItemsPath);
        Assert.Equal(2, result.InspectionData.MaxConcurrency);
        Assert.Equal(10.0, result.InspectionData.ToleratedFailurePercentage);
        Assert.Null(result.InspectionData.ToleratedFailureCount);
    }

    [Fact]
    public async Task A_distributed_Map_shows_its_batches()
    {
        var machine = new TestedMachine(Machine("""
            { "StartAt": "Batch", "States": { "Batch": { "Type": "Map", "ItemsPath": "$.items",
              "ItemBatcher": { "MaxItemsPerBatch": 2 },
              "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" },
                "StartAt": "Work", "States": { "Work": { "Type": "Pass", "End": true } } },
              "End": true } } }
            """, NoTasks, name: "BatchFlow"));

        var result = await machine.TestAsync("Batch", """{ "items": [ 1, 2, 3 ] }""",
            new TestStateOptions { InspectionLevel = TestStateInspectionLevel.Debug, MockResult = JsonNode.Parse("[]") });

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        AssertJson("[ 1, 2, 3 ]", result.InspectionData.AfterItemsPath);
        var batches = Assert.IsType<JsonArray>(result.InspectionData.AfterItemBatcher);
        Assert.Equal(2, batches.Count);
        AssertJson("[ 1, 2 ]", batches[0]?["Items"]);
        AssertJson("[ 3 ]", batches[1]?["Items"]);
    }

    [Fact]
    public async Task Map_with_a_mock_error_fails_like_its_iterations_would()
    {
        var result = await JsonPathMachine().TestAsync("Ship", """{ "items": [] }""", new TestStateOptions { MockError = "States.ExceedToleratedFailureThreshold" });

        Assert.Equal(TestStateStatus.Failed, result.Status);
        Assert.Equal("States.ExceedToleratedFailureThreshold", result.Error);
    }

    [Fact]
    public async Task A_state_inside_a_Map_processor_is_addressable_and_reads_outer_variables()
    {
        var calls = new ConcurrentQueue<TaskInvocation>();
        var result = await JsonPathMachine(Recording(calls, """{ "packed": true }""")).TestAsync("Pack", """{ "sku": "a" }""",
            new TestStateOptions { InspectionLevel = TestStateInspectionLevel.Debug, Variables = new JsonObject { ["customer"] = "c-7" } });

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        Assert.Null(result.NextState);
        AssertJson("""{ "sku": "a", "customer": "c-7" }""", Assert.Single(calls).Input);
        AssertJson("""{ "packed": true }""", result.Output);
        AssertJson("""{ "customer": "c-7" }""", result.InspectionData.Variables);
    }

    [Fact]
    public async Task A_state_inside_a_Parallel_branch_is_addressable()
    {
        var result = await JsonPathMachine().TestAsync("Ask", """{ "approved": true }""");

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        Assert.Null(result.NextState);
        AssertJson("""{ "approved": true }""", result.Output);
    }

    [Fact]
    public async Task Succeed_applies_InputPath_and_has_no_next_state()
    {
        var result = await JsonPathMachine().TestAsync("Done", """{ "packed": [ 1, 2 ] }""", Debug);

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        Assert.Null(result.NextState);
        AssertJson("[ 1, 2 ]", result.InspectionData.AfterInputPath);
        AssertJson("[ 1, 2 ]", result.Output);
    }

    [Fact]
    public async Task Fail_fails_with_its_error_and_cause()
    {
        var result = await JsonPathMachine().TestAsync("Cancel", "{}");

        Assert.Equal(TestStateStatus.Failed, result.Status);
        Assert.Equal("Order.Cancelled", result.Error);
        Assert.Equal("The payment failed.", result.Cause);
        Assert.Null(result.NextState);
    }

    [Fact]
    public async Task The_callers_input_is_left_as_it_was()
    {
        var input = JsonNode.Parse("""{ "payment": { "amount": 5 } }""");
        await JsonPathMachine().TestAsync("Charge", input, new TestStateOptions { MockResult = JsonNode.Parse("""{ "Payload": { "receipt": "r" } }""") });

        AssertJson("""{ "payment": { "amount": 5 } }""", input);
    }

    [Fact]
    public async Task The_context_object_takes_the_given_fields_and_keeps_the_others()
    {
        var machine = Machine("""
            { "StartAt": "Show", "States": { "Show": { "Type": "Pass",
              "Parameters": { "execution.$": "$$.Execution", "state.$": "$$.State.Name" }, "End": true } } }
            """, NoTasks, name: "ContextFlow");
        var tested = new TestedMachine(machine);

        var result = await tested.TestAsync("Show", """{ "a": 1 }""", new TestStateOptions
        {
            Context = new JsonObject { ["Execution"] = new JsonObject { ["Name"] = "exec-7", ["Input"] = new JsonObject { ["original"] = true } } },
        });

        Assert.Equal("exec-7", (string?)result.Output?["execution"]?["Name"]);
        AssertJson("""{ "original": true }""", result.Output?["execution"]?["Input"]);
        Assert.NotNull(result.Output?["execution"]?["StartTime"]);
        Assert.Equal("Show", (string?)result.Output?["state"]);
    }

    private const string CallbackDefinition = """
        { "StartAt": "Approve", "States": {
          "Approve": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                       "Parameters": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/approvals", "MessageBody": { "token.$": "$$.Task.Token" } },
                       "ResultPath": "$.approval", "Next": "Done" },
          "Done": { "Type": "Succeed" } } }
        """;

    [Fact]
    public async Task A_callback_task_with_a_mock_completes_at_once_without_a_token_answer()
    {
        var machine = new TestedMachine(Machine(CallbackDefinition, NoTasks, name: "CallbackFlow"));

        var result = await machine.TestAsync("Approve", """{ "id": 1 }""", new TestStateOptions { MockResult = JsonNode.Parse("""{ "approved": true }""") });

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        Assert.Equal("Done", result.NextState);
        AssertJson("""{ "id": 1, "approval": { "approved": true } }""", result.Output);
    }

    [Fact]
    public async Task The_context_gives_the_task_token_and_the_retry_count_the_state_reads()
    {
        var calls = new System.Collections.Concurrent.ConcurrentQueue<TaskInvocation>();
        var machine = new TestedMachine(Machine("""
            { "StartAt": "Ask", "States": { "Ask": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters": { "QueueUrl": "q", "MessageBody": { "token.$": "$$.Task.Token", "attempt.$": "$$.State.RetryCount", "input.$": "$$.Execution.Input" } },
              "End": true } } }
            """, Recording(calls, """{ "ok": true }"""), name: "TokenFlow"));

        var result = await machine.TestAsync("Ask", """{ "a": 1 }""", new TestStateOptions
        {
            Context = JsonNode.Parse("""{ "Task": { "Token": "token-1" }, "State": { "RetryCount": 2 }, "Execution": { "Input": { "original": 1 } } }""")!.AsObject(),
        });

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        var call = Assert.Single(calls);
        Assert.Equal("token-1", call.TaskToken);
        AssertJson("""{ "QueueUrl": "q", "MessageBody": { "token": "token-1", "attempt": 2, "input": { "original": 1 } } }""", call.Input);
    }

    [Fact]
    public async Task The_callers_token_cancels_a_running_task()
    {
        var machine = new TestedMachine(Machine(CallbackDefinition, async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return null; }, name: "CallbackFlow2"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => machine.TestAsync("Approve", JsonNode.Parse("{}"), null, cancel.Token));
    }

    [Fact]
    public async Task A_test_is_never_stored_even_with_a_store()
    {
        var directory = Directory.CreateTempSubdirectory("statesgen-teststate-").FullName;
        try
        {
            using var store = new StatesGen.Sqlite.SqliteExecutionStore($"Data Source={Path.Combine(directory, "store.db")}");
            var machine = Machine(CallbackDefinition, NoTasks, new StateMachineOptions { Store = store }, name: "StoredFlow").Machine;

            var result = await machine.TestStateAsync("Approve", JsonNode.Parse("{}"), new TestStateOptions { MockResult = JsonNode.Parse("1") });

            Assert.Equal(TestStateStatus.Succeeded, result.Status);
            Assert.Empty((await machine.ListExecutionsAsync()).Executions);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task Testing_a_state_leaves_the_machine_ready_for_executions()
    {
        var machine = new TestedMachine(Machine(CallbackDefinition, Returns(_ => JsonNode.Parse("""{ "approved": true }""")), name: "CallbackFlow3"));

        await machine.TestAsync("Approve", "{}", new TestStateOptions { MockError = "Nope" });
        var output = await machine.Machine.ExecuteAsync(JsonNode.Parse("""{ "id": 2 }"""));

        AssertJson("""{ "id": 2, "approval": { "approved": true } }""", output);
    }
}
