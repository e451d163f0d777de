using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StatesGen.Testing;
using StatesGen.Tests.Infrastructure;
using static StatesGen.Tests.Execution.Compiled;

namespace StatesGen.Tests.MockConfigFiles;

/// <summary>
/// docs/testing.md's mock configuration file and the tests built on it only compile in DocExamplesTests; these load the
/// page's file and definitions and run the same test cases, so the page says what StatesGen does: the happy path, a
/// callback answered by a Return, the hybrid path with a fallback, and the retry path.
/// </summary>
public class MockConfigDocsTests
{
    private static readonly string s_page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "testing.md"));

    private static string Definition(string path)
    {
        var match = Regex.Match(s_page, "<!-- definition: " + Regex.Escape(path) + @" -->\s*```json\n(?<json>.*?)\n```", RegexOptions.Singleline);
        Assert.True(match.Success, "docs/testing.md has no definition " + path);
        return match.Groups["json"].Value;
    }

    private static MockConfig Mocks()
    {
        var match = Regex.Match(s_page, @"```json\n(?<json>\{\s*""StateMachines"".*?)\n```", RegexOptions.Singleline);
        Assert.True(match.Success, "docs/testing.md has no mock configuration file");
        return MockConfig.Parse(match.Groups["json"].Value);
    }

    private static StateMachineOptions Options(ManualTimeProvider time) => new() { TimeProvider = time };

    private static readonly TaskHandler CustomerRenews = (invocation, _) => ValueTask.FromResult<JsonNode?>(invocation.StateName switch
    {
        "Send Offer" => new JsonObject { ["offerId"] = "offer-1" },
        "Check Answer" => new JsonObject { ["renewed"] = true },
        _ => throw new InvalidOperationException($"Unexpected Task state {invocation.StateName}"),
    });

    [Fact]
    public async Task The_renewal_cases_of_the_page_behave_as_it_says()
    {
        var mocks = Mocks();
        var renewal = Definition("Workflows/Renewal.asl.json");

        var renews = await Machine(renewal, mocks.CreateHandler("Renewal", "CustomerRenews"), Options(new ManualTimeProvider(autoAdvance: true)), "Renewal")
            .ExecuteAsync(Json("""{ "customerId": "c-42" }"""));
        Assert.True((bool?)renews?["answer"]?["renewed"]);

        var discounted = await Machine(renewal, mocks.CreateHandler("Renewal", "DiscountApproved"), Options(new ManualTimeProvider(autoAdvance: true)), "Renewal")
            .ExecuteAsync(Json("""{ "customerId": "c-42" }"""));
        Assert.Equal(10, (int?)discounted?["discount"]?["discount"]);

        var flaky = Machine(renewal, mocks.CreateHandler("Renewal", "MailerFlaky", fallback: CustomerRenews), Options(new ManualTimeProvider(autoAdvance: true)), "Renewal");
        var e = await Assert.ThrowsAsync<StatesException>(() => flaky.ExecuteAsync(Json("""{ "customerId": "c-42" }""")));
        Assert.Equal("Mail.Bounced", e.Error);
    }

    [Fact]
    public async Task The_retry_path_of_the_page_retries_on_fake_time_until_the_third_invocation_returns()
    {
        var time = new ManualTimeProvider(autoAdvance: true);
        var payment = Machine(Definition("Workflows/Payment.asl.json"), Mocks().CreateHandler("Payment", "DeclinedTwice"), Options(time), "Payment");

        var output = await payment.ExecuteAsync(Json("""{ "amount": 30 }""")).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("r-3", (string?)output?["payment"]?["receipt"]);
        Assert.Equal(TimeSpan.FromSeconds(15), time.Elapsed); // 5 s, then 10 s (BackoffRate 2)
    }
}
