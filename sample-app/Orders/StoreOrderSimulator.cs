using System.Text.Json.Nodes;
using StatesGen;

namespace SampleApp.Orders;

/// <summary>
/// A simulated DynamoDB putItem for the "Store Order" Task state: an untyped <see cref="TaskHandler"/> that waits
/// instead of writing. It keeps no timings: the demo reads when each iteration ran from the execution history.
/// </summary>
internal static class StoreOrderSimulator
{
    /// <summary>
    /// How long storing an order takes: 200 ms, but order 2 is a large one and takes 300 ms. That difference lets
    /// the demo show that a Map slot is refilled as soon as any iteration ends, not when a whole batch ends.
    /// </summary>
    public static TimeSpan StoreDuration(string orderId) => TimeSpan.FromMilliseconds(orderId == "2" ? 300 : 200);

    public static async ValueTask<JsonNode?> HandleAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        if (invocation.Resource != "arn:aws:states:::dynamodb:putItem")
            throw new InvalidOperationException($"Unexpected resource {invocation.Resource} in state {invocation.StateName}.");

        // The effective input is the state's Parameters: { "TableName": "Orders", "Item": { "orderId": { "S": "1" }, ... } }.
        var orderId = (string?)invocation.Input?["Item"]?["orderId"]?["S"] ?? throw new InvalidOperationException("No orderId.");
        await Task.Delay(StoreDuration(orderId), cancellationToken);
        return new JsonObject(); // putItem's result; the state's ResultPath null discards it anyway
    }
}
