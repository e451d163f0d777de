using System.Text.Json.Nodes;
using static StatesGen.Tests.TestState.TestStateMachines;

namespace StatesGen.Tests.TestState;

/// <summary>
/// Requests AWS's TestState API rejects (https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html:
/// Map and Parallel only with a mock; a mock is a result or an error), and names the machine does not have, fail
/// with ArgumentException before anything runs.
/// </summary>
public class TestStateArgumentTests
{
    [Fact]
    public async Task An_unknown_state_name_is_an_ArgumentException_that_names_it()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => JsonPathMachine().TestAsync("Nope", "{}"));

        Assert.Contains("'Nope'", e.Message);
        Assert.Equal("stateName", e.ParamName);
    }

    [Fact]
    public async Task A_null_state_name_is_an_ArgumentNullException()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => JsonPathMachine().TestAsync(null!, "{}"));
    }

    [Fact]
    public async Task A_mock_result_and_a_mock_error_together_are_refused()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => JsonPathMachine().TestAsync("Charge", "{}",
            new TestStateOptions { MockResult = JsonNode.Parse("1"), MockError = "E" }));

        Assert.Contains("MockResult and MockError", e.Message);
    }

    [Fact]
    public async Task A_mock_cause_without_a_mock_error_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => JsonPathMachine().TestAsync("Charge", "{}", new TestStateOptions { MockCause = "why" }));
    }

    [Fact]
    public async Task A_negative_retry_count_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => JsonPathMachine().TestAsync("Charge", "{}", new TestStateOptions { RetrierRetryCount = -1 }));
    }

    [Theory]
    [InlineData("Prepare")]
    [InlineData("Route")]
    [InlineData("Wait A Day")]
    [InlineData("Done")]
    [InlineData("Cancel")]
    public async Task A_mock_on_a_state_without_work_is_refused(string state)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => JsonPathMachine().TestAsync(state, "{}", new TestStateOptions { MockResult = JsonNode.Parse("1") }));

        Assert.Contains("only Task, Map and Parallel states take a mock", e.Message);
    }

    [Theory]
    [InlineData("Review")]
    [InlineData("Ship")]
    public async Task Map_and_Parallel_without_a_mock_are_refused(string state)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => JsonPathMachine().TestAsync(state, """{ "items": [] }"""));

        Assert.Contains("MockResult or MockError", e.Message);
    }

    [Fact]
    public async Task The_same_rules_hold_in_JSONata()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => JsonataMachine().TestAsync("Review", "{}"));
        await Assert.ThrowsAsync<ArgumentException>(() => JsonataMachine().TestAsync("Prepare", "{}", new TestStateOptions { MockError = "E" }));
        await Assert.ThrowsAsync<ArgumentException>(() => JsonataMachine().TestAsync("Missing", "{}"));
    }
}
