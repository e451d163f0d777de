using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using StatesGen;
using SampleApp.Workflows;

namespace SampleApp.Accounts;

/// <summary>
/// The typed handlers of AccountApplication.asl.json: one method per Task state, generated as
/// <see cref="AccountApplication.ITasks"/>. Each call is recorded so the demo can print the path an application took.
/// </summary>
internal sealed partial class ApplicationHandlers(ChannelWriter<ReviewRequest> reviews) : AccountApplication.ITasks
{
    private static readonly TimeSpan LambdaLatency = TimeSpan.FromMilliseconds(20);
    private readonly ConcurrentQueue<string> _calls = new();

    /// <summary>The Task states called since the last call of this method, in call order.</summary>
    public List<string> TakeCalls()
    {
        var calls = new List<string>();
        while (_calls.TryDequeue(out var state)) calls.Add(state);
        return calls;
    }

    // Input: { "command": "CHECK_NAME", "data": { "name": "..." } }
    public async ValueTask<JsonNode?> CheckNameAsync(JsonNode? input, TaskContext context)
    {
        var name = await StartAsync(input?["data"]?["name"], context);
        if (name.Contains("UNPROCESSABLE_DATA", StringComparison.Ordinal))
            throw new UnprocessableDataException($"The name '{name}' cannot be checked.");
        return Check(name.Contains("evil", StringComparison.OrdinalIgnoreCase), "the name looks evil");
    }

    // Input: { "command": "CHECK_ADDRESS", "data": { "address": "..." } }
    public async ValueTask<JsonNode?> CheckAddressAsync(JsonNode? input, TaskContext context)
    {
        var address = await StartAsync(input?["data"]?["address"], context);
        return Check(!StreetAddress().IsMatch(address), "the address has no house number followed by a street name");
    }

    // A callback task (lambda:invoke.waitForTaskToken): hand the token to the reviewer and return null, which means
    // "wait until someone calls SendTaskSuccess or SendTaskFailure with this token".
    public async ValueTask<JsonNode?> PendingReviewAsync(JsonNode? input, TaskContext context)
    {
        _calls.Enqueue(context.Invocation.StateName);
        var payload = input?["Payload"];
        // The token reaches the handler twice: in context.TaskToken and, as in AWS, through "taskToken.$": "$$.Task.Token".
        var token = (string?)payload?["taskToken"] ?? context.TaskToken ?? throw new InvalidOperationException("No task token.");
        await reviews.WriteAsync(new ReviewRequest((string?)payload?["id"] ?? "?", token), context.CancellationToken);
        return null;
    }

    public ValueTask<JsonNode?> ApproveApplicationAsync(JsonNode? input, TaskContext context) => Decide(input, context, "APPROVED");

    public ValueTask<JsonNode?> RejectApplicationAsync(JsonNode? input, TaskContext context) => Decide(input, context, "REJECTED");

    // Input: { "id": "3", "flagType": "UNPROCESSABLE_DATA", "errorInfo": { "Error": "...", "Cause": "..." } }
    public ValueTask<JsonNode?> FlagApplicationAsUnprocessableAsync(JsonNode? input, TaskContext context)
    {
        _calls.Enqueue(context.Invocation.StateName);
        return ValueTask.FromResult<JsonNode?>(new JsonObject
        {
            ["id"] = input?["id"]?.DeepClone(),
            ["status"] = "FLAGGED",
            ["flagType"] = input?["flagType"]?.DeepClone(),
        });
    }

    // Records the call, simulates a Lambda round trip and returns the string to check.
    private async Task<string> StartAsync(JsonNode? value, TaskContext context)
    {
        _calls.Enqueue(context.Invocation.StateName);
        await Task.Delay(LambdaLatency, context.CancellationToken);
        return (string?)value ?? "";
    }

    private static JsonObject Check(bool flagged, string reason) =>
        flagged ? new JsonObject { ["flagged"] = true, ["reason"] = reason } : new JsonObject { ["flagged"] = false };

    // Input: { "id": "1" }
    private ValueTask<JsonNode?> Decide(JsonNode? input, TaskContext context, string status)
    {
        _calls.Enqueue(context.Invocation.StateName);
        return ValueTask.FromResult<JsonNode?>(new JsonObject { ["id"] = input?["id"]?.DeepClone(), ["status"] = status });
    }

    [GeneratedRegex(@"\d+\s+\w+")]
    private static partial Regex StreetAddress();
}
