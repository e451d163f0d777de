// in=Dashboard: a web app's Program.cs (docs/dashboard.md), with the sample's review handlers and the app at hand.
global using Microsoft.AspNetCore.Builder;
global using Microsoft.AspNetCore.Routing;
global using StatesGen.Dashboard;
public sealed class ApplicationHandlers : AccountApplication.ITasks
{
    public ValueTask<JsonNode?> CheckNameAsync(JsonNode? input, TaskContext context) => default;
    public ValueTask<JsonNode?> CheckAddressAsync(JsonNode? input, TaskContext context) => default;
    public ValueTask<JsonNode?> PendingReviewAsync(JsonNode? input, TaskContext context) => default;
    public ValueTask<JsonNode?> ApproveApplicationAsync(JsonNode? input, TaskContext context) => default;
    public ValueTask<JsonNode?> RejectApplicationAsync(JsonNode? input, TaskContext context) => default;
    public ValueTask<JsonNode?> FlagApplicationAsUnprocessableAsync(JsonNode? input, TaskContext context) => default;
}

public partial class DocExample
{
    private WebApplication app { get; } = null!;
}
