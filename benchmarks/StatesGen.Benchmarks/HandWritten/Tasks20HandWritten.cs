using System.Text.Json.Nodes;

namespace StatesGen.Benchmarks.HandWritten;

/// <summary>
/// Workflows/Tasks20.asl.json by hand: twenty calls of the service with $.payload (InputPath), a new payload from the
/// result (ResultSelector with States.MathAdd) put back at $.payload (ResultPath) of the working copy.
/// </summary>
public static class Tasks20HandWritten
{
    public const int Tasks = 20;

    public static async ValueTask<JsonNode> RunAsync(JsonNode input, Func<JsonNode?, CancellationToken, ValueTask<JsonNode?>> invoke,
        CancellationToken cancellationToken = default)
    {
        var state = input.DeepClone().AsObject();
        for (int k = 1; k <= Tasks; k++)
        {
            var result = (await invoke(state["payload"], cancellationToken).ConfigureAwait(false))!;
            state["payload"] = new JsonObject
            {
                ["value"] = result["value"]!.GetValue<long>() + 1,
                ["name"] = result["name"]!.DeepClone(),
                ["step"] = k,
            };
        }
        return state;
    }
}
