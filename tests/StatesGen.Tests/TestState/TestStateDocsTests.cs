using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StatesGen.Tests.Infrastructure;
using static StatesGen.Tests.Execution.Compiled;

namespace StatesGen.Tests.TestState;

/// <summary>
/// docs/testing.md's TestState examples only compile in DocExamplesTests; these run the same calls on the same
/// definitions (read from the page and the sample app), so what the page asserts is what StatesGen does.
/// </summary>
public class TestStateDocsTests
{
    private static readonly TaskHandler Unused = (_, _) => throw new InvalidOperationException("mocked");

    private static string DocDefinition(string path)
    {
        var page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "testing.md"));
        var match = Regex.Match(page, "<!-- definition: " + Regex.Escape(path) + @" -->\s*```json\n(?<json>.*?)\n```", RegexOptions.Singleline);
        Assert.True(match.Success, "docs/testing.md has no definition " + path);
        return match.Groups["json"].Value;
    }

    private static TestedMachine Load(string definition, string name, TaskHandler handler) => new(Machine(definition, handler, name: name));

    [Fact]
    public async Task Renewal_Choice_at_Info()
    {
        var machine = Load(DocDefinition("Workflows/Renewal.asl.json"), "Renewal", Unused);

        var result = await machine.TestAsync("Renewed?", """{ "answer": { "renewed": true } }""");

        Assert.Equal(TestStateStatus.Succeeded, result.Status);
        Assert.Equal("Done", result.NextState);
    }

    [Fact]
    public async Task Renewal_Task_at_Debug_with_a_mock()
    {
        var machine = Load(DocDefinition("Workflows/Renewal.asl.json"), "Renewal", Unused);

        var result = await machine.TestAsync("Send Offer", """{ "customerId": "c-42", "plan": "gold" }""", new TestStateOptions
        {
            InspectionLevel = TestStateInspectionLevel.Debug,
            MockResult = new JsonObject { ["offerId"] = "offer-7" },
        });

        Assert.Equal("Wait A Day", result.NextState);
        AssertJson("""{ "customerId": "c-42" }""", result.InspectionData.AfterParameters);
        AssertJson("""{ "offerId": "offer-7" }""", result.InspectionData.Result);
        AssertJson("""{ "customerId": "c-42", "plan": "gold", "offer": { "offerId": "offer-7" } }""", result.Output);
    }

    [Theory]
    [InlineData(0, 5.0)]
    [InlineData(1, 10.0)]
    [InlineData(2, 20.0)]
    public async Task Payment_retry_backoff(int retriesSoFar, double backoffSeconds)
    {
        var machine = Load(DocDefinition("Workflows/Payment.asl.json"), "Payment", Unused);

        var result = await machine.TestAsync("Charge Card", """{ "amount": 30 }""",
            new TestStateOptions { MockError = "Card.Declined", MockCause = "insufficient funds", RetrierRetryCount = retriesSoFar });

        Assert.Equal(TestStateStatus.Retriable, result.Status);
        Assert.Equal(0, result.InspectionData.ErrorDetails?.RetryIndex);
        Assert.Equal(backoffSeconds, result.InspectionData.ErrorDetails?.RetryBackoffIntervalSeconds);
    }

    [Fact]
    public async Task Payment_caught_after_the_retries()
    {
        var machine = Load(DocDefinition("Workflows/Payment.asl.json"), "Payment", Unused);

        var result = await machine.TestAsync("Charge Card", """{ "amount": 30 }""",
            new TestStateOptions { MockError = "Card.Declined", MockCause = "insufficient funds", RetrierRetryCount = 3 });

        Assert.Equal(TestStateStatus.CaughtError, result.Status);
        Assert.Equal("Follow Up", result.NextState);
        Assert.Equal(0, result.InspectionData.ErrorDetails?.CatchIndex);
        AssertJson("""{ "amount": 30, "error": { "Error": "Card.Declined", "Cause": "insufficient funds" } }""", result.Output);
    }

    [Fact]
    public async Task Invoice_Map_at_Trace_with_variables_and_a_caught_mock_error()
    {
        var definition = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "sample-app", "Workflows", "InvoiceOrder.asl.json"));
        var machine = Load(definition, "InvoiceOrder", Unused);

        var result = await machine.TestAsync("Price Lines", JsonNode.Parse("{}"), new TestStateOptions
        {
            InspectionLevel = TestStateInspectionLevel.Trace,
            Variables = new JsonObject
            {
                ["customer"] = new JsonObject { ["id"] = "c-1", ["name"] = "Ada", ["tier"] = "gold" },
                ["lines"] = new JsonArray(new JsonObject { ["sku"] = "X-1", ["quantity"] = 2 }),
            },
            MockError = "Pricing.UnknownProduct",
            MockCause = "No product X-1",
        });

        Assert.Equal(TestStateStatus.CaughtError, result.Status);
        Assert.Equal("Rejected", result.NextState);
        Assert.Equal(0, result.InspectionData.ErrorDetails?.CatchIndex);
        Assert.Equal("No product X-1", (string?)result.InspectionData.Variables?["problem"]);
        AssertJson("""{ "Error": "Pricing.UnknownProduct", "Cause": "No product X-1" }""", result.Output);
    }
}
