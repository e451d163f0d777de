using System.Text.Json.Nodes;

namespace StatesGen.Benchmarks.HandWritten;

/// <summary>
/// sample-app's OrderProcessing by hand: for every order, a copy (the iteration's input and output); high-priority
/// orders build the DynamoDB putItem parameters and call the store, whose result is dropped (ResultPath null). Orders
/// run one after another: with an instant store there is nothing to overlap.
/// </summary>
public static class OrderProcessingHandWritten
{
    public static async ValueTask<JsonNode> RunAsync(JsonNode input, Func<JsonNode?, CancellationToken, ValueTask<JsonNode?>> putItem,
        CancellationToken cancellationToken = default)
    {
        var data = input["Data"]!.AsArray();
        var results = new JsonArray();
        foreach (var order in data)
        {
            var item = order!.DeepClone();
            if (item["priority"]!.GetValue<string>() == "HIGH")
            {
                var parameters = new JsonObject
                {
                    ["TableName"] = "Orders",
                    ["Item"] = new JsonObject
                    {
                        ["orderId"] = new JsonObject { ["S"] = item["orderId"]!.DeepClone() },
                        ["customerId"] = new JsonObject { ["S"] = item["customerId"]!.DeepClone() },
                        ["priority"] = new JsonObject { ["S"] = item["priority"]!.DeepClone() },
                    },
                };
                await putItem(parameters, cancellationToken).ConfigureAwait(false);
            }
            results.Add(item);
        }
        return results;
    }
}
