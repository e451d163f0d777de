using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using StatesGen;

namespace SampleApp.Accounts;

/// <summary>A request for a human review: the application id and the task token the workflow waits on.</summary>
internal sealed record ReviewRequest(string ApplicationId, string TaskToken);

/// <summary>
/// A simulated person who reviews flagged applications: takes requests from a queue, thinks for 100 ms, then
/// answers through the callback API, as an approval form would call Step Functions' SendTaskSuccess.
/// </summary>
internal sealed class HumanReviewer(ChannelReader<ReviewRequest> requests, TaskTokens tokens)
{
    private const int ThinkingMs = 100;

    /// <summary>What the reviewer did, one line per review, for the demo to print.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var request in requests.ReadAllAsync(cancellationToken))
        {
            await Task.Delay(ThinkingMs, cancellationToken);
            // Logged first: once the token is answered, the workflow may finish before this loop goes on.
            Log.Enqueue($"reviewer approved application {request.ApplicationId} after {ThinkingMs} ms: " +
                "SendTaskSuccess(token, {\"decision\":\"APPROVE\"})");
            tokens.SendTaskSuccess(request.TaskToken, new JsonObject { ["decision"] = "APPROVE" });
        }
    }
}
