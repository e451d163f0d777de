using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using static StatesGen.Tests.Execution.Compiled;
using static StatesGen.Tests.TestState.TestStateMachines;

namespace StatesGen.Tests.TestState;

/// <summary>
/// TestStateAsync on JSONata states: Arguments, the task, then Output and Assign
/// (https://docs.aws.amazon.com/step-functions/latest/dg/test-state-isolation.html, AWS TestState API reference
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html).
/// </summary>
public class TestStateJsonataTests
{
    private static readonly TestStateOptions Debug = new() { InspectionLevel = TestStateInspectionLevel.Debug };

    [Fact]
    public async Task Pass_evaluates_Output_and_Assign_on_the_seeded_variables()
    {
        var result = await JsonataMachine().TestAsync("Prepare", """{ "order": { "id": "o-1", "total": 30 } }""",
            new TestStateOptions { InspectionLevel = TestStateInspectionLevel.Debug, Variables = new JsonObject { ["customer"] = "c-7" } });

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        Assert.Equal("Charge", result.NextState);
        AssertJson("""{ "id": "o-1", "total": 30, "customer": "c-7" }""", result.Output);
        AssertJson("""{ "customer": "c-7", "lastOrder": "o-1" }""", result.InspectionData.Variables);
        AssertJson("""{ "order": { "id": "o-1", "total": 30 } }""", result.InspectionData.Input);
        // JSONPath's steps do not exist in JSONata.
        Assert.Null(result.InspectionData.AfterInputPath);
        Assert.Null(result.InspectionData.AfterParameters);
    }

    [Fact]
    public async Task Task_shows_the_input_after_Arguments_the_result_and_the_output_with_the_context_given()
    {
        var calls = new ConcurrentQueue<TaskInvocation>();
        var machine = JsonataMachine(Recording(calls, """{ "Payload": { "receipt": "r-9" } }"""));

        var result = await machine.TestAsync("Charge", """{ "id": "o-1", "total": 30 }""", new TestStateOptions
        {
            InspectionLevel = TestStateInspectionLevel.Debug,
            Context = new JsonObject { ["Execution"] = new JsonObject { ["Name"] = "exec-1" } },
        });

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        Assert.Equal("Wait", result.NextState);
        AssertJson("""{ "FunctionName": "charge", "Payload": { "amount": 30, "execution": "exec-1" } }""", Assert.Single(calls).Input);
        var data = result.InspectionData;
        AssertJson("""{ "FunctionName": "charge", "Payload": { "amount": 30, "execution": "exec-1" } }""", data.AfterArguments);
        AssertJson("""{ "Payload": { "receipt": "r-9" } }""", data.Result);
        AssertJson("""{ "receipt": "r-9" }""", data.Variables);
        AssertJson("""{ "id": "o-1", "receipt": "r-9" }""", result.Output);
        Assert.Null(data.AfterParameters);
        Assert.Null(data.AfterResultSelector);
        Assert.Null(data.AfterResultPath);
    }

    [Theory]
    [InlineData(0, 3.0)]
    [InlineData(1, 6.0)]
    public async Task A_matching_retrier_makes_the_task_retriable(int retried, double backoff)
    {
        var result = await JsonataMachine().TestAsync("Charge", """{ "id": "o-1", "total": 30 }""",
            new TestStateOptions { MockError = "Card.Declined", RetrierRetryCount = retried });

        Assert.Equal(TestStateStatus.Retriable, result.Status);
        Assert.Equal(0, result.InspectionData.ErrorDetails!.RetryIndex);
        Assert.Equal(backoff, result.InspectionData.ErrorDetails.RetryBackoffIntervalSeconds);
    }

    [Fact]
    public async Task A_catcher_takes_over_when_the_retries_are_spent_and_its_Output_is_the_state_output()
    {
        var result = await JsonataMachine().TestAsync("Charge", """{ "id": "o-1", "total": 30 }""",
            new TestStateOptions { MockError = "Card.Declined", RetrierRetryCount = 2 });

        Assert.Equal(TestStateStatus.CaughtError, result.Status);
        Assert.Equal("Cancel", result.NextState);
        Assert.Equal(0, result.InspectionData.ErrorDetails!.CatchIndex);
        AssertJson("""{ "failed": "Card.Declined", "id": "o-1" }""", result.Output);
    }

    [Fact]
    public async Task Wait_evaluates_its_seconds_and_does_not_wait()
    {
        var clock = Stopwatch.StartNew();
        var result = await JsonataMachine().TestAsync("Wait", """{ "delay": 86400 }""");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        Assert.Equal("Route", result.NextState);
        AssertJson("""{ "delay": 86400 }""", result.Output);
    }

    [Fact]
    public async Task Wait_with_invalid_seconds_fails_as_in_an_execution()
    {
        var result = await JsonataMachine().TestAsync("Wait", """{ "delay": "soon" }""");

        Assert.Equal(TestStateStatus.Failed, result.Status);
        Assert.StartsWith("States.", result.Error);
    }

    [Theory]
    [InlineData(150, "Review")]
    [InlineData(50, "Ship")]
    public async Task Choice_returns_the_next_state_of_the_first_true_condition_or_the_default(int total, string next)
    {
        var result = await JsonataMachine().TestAsync("Route", $$"""{ "total": {{total}} }""", Debug);

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        Assert.Equal(next, result.NextState);
    }

    [Fact]
    public async Task Parallel_shows_its_arguments_and_takes_the_mock_result_through_Output()
    {
        var result = await JsonataMachine().TestAsync("Review", """{ "id": "o-1" }""",
            new TestStateOptions { InspectionLevel = TestStateInspectionLevel.Trace, MockResult = JsonNode.Parse("""[ { "approved": false } ]""") });

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        Assert.Equal("Ship", result.NextState);
        AssertJson("""{ "id": "o-1" }""", result.InspectionData.AfterArguments);
        AssertJson("""[ { "approved": false } ]""", result.InspectionData.Result);
        AssertJson("""{ "approved": false }""", result.Output);
    }

    [Fact]
    public async Task Map_takes_the_mock_result_through_Output()
    {
        var result = await JsonataMachine().TestAsync("Ship", """{ "items": [ { "sku": "a" }, { "sku": "b" }, { "sku": "c" } ] }""",
            new TestStateOptions { MockResult = JsonNode.Parse("""[ 1, 2, 3 ]""") });

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        Assert.Equal("Done", result.NextState);
        AssertJson("""{ "count": 3 }""", result.Output);
    }

    [Fact]
    public async Task A_state_inside_a_Map_processor_reads_the_seeded_outer_variable()
    {
        var calls = new ConcurrentQueue<TaskInvocation>();
        var result = await JsonataMachine(Recording(calls, "\"ok\"")).TestAsync("Pack", """{ "sku": "a" }""",
            new TestStateOptions { Variables = new JsonObject { ["customer"] = "c-7" } });

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        AssertJson("""{ "sku": "a", "customer": "c-7" }""", Assert.Single(calls).Input);
        AssertJson("\"ok\"", result.Output);
    }

    [Fact]
    public async Task Succeed_evaluates_its_Output()
    {
        var result = await JsonataMachine().TestAsync("Done", """{ "id": "o-1" }""");

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        Assert.Null(result.NextState);
        AssertJson("\"o-1\"", result.Output);
    }

    [Fact]
    public async Task Fail_evaluates_its_error()
    {
        var result = await JsonataMachine().TestAsync("Cancel", """{ "failed": "Card.Declined" }""");

        Assert.Equal(TestStateStatus.Failed, result.Status);
        Assert.Equal("Card.Declined", result.Error);
        Assert.Equal("cancelled", result.Cause);
    }
}
