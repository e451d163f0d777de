// in=RenewalTests: inside the test class of docs/testing.md's complete example, which has these members.
public partial class DocExample
{
    private static readonly JsonNode Input = JsonNode.Parse("""{ "customerId": "c-42" }""")!;

    private static StateMachineOptions Options => new() { TimeProvider = new ManualTimeProvider(autoAdvance: true) };

    private static ValueTask<JsonNode?> CustomerRenews(TaskInvocation invocation, CancellationToken cancellationToken) =>
        ValueTask.FromResult<JsonNode?>(invocation.StateName switch
        {
            "Send Offer" => new JsonObject { ["offerId"] = "offer-1" },
            "Check Answer" => new JsonObject { ["renewed"] = true },
            _ => throw new InvalidOperationException($"Unexpected Task state {invocation.StateName}"),
        });
}
