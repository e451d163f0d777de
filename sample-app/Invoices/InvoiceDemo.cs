using System.Globalization;
using System.Text.Json.Nodes;
using SampleApp.Workflows;
using StatesGen;

namespace SampleApp.Invoices;

/// <summary>
/// JSONata and workflow variables (Workflows/InvoiceOrder.asl.json): the customer loaded once and kept in $customer,
/// lines priced in a Map, the total summed with $sum into $total, a Choice on it, and a catcher that assigns the
/// problem. The same file runs unchanged on AWS Step Functions.
/// </summary>
internal static class InvoiceDemo
{
    private static readonly Dictionary<string, decimal> Prices = new() { ["BOOK"] = 12.50m, ["LAMP"] = 39.90m, ["DESK"] = 420.00m };

    public static async Task RunAsync(SmokeChecks checks, CancellationToken cancellationToken)
    {
        Console.WriteLine("== Invoices (JSONata and variables): Workflows/InvoiceOrder.asl.json ==");
        var machine = new InvoiceOrder(Handle);
        // Grace is a gold customer (10 % off): 2 x 12.50 + 39.90, less 10 %, is 58.41. Ada pays 3 x 420.00.
        var orders = new (string Name, string Input, string Status, double? Total)[]
        {
            ("small order", """{ "customerId": "c-1", "lines": [ { "sku": "BOOK", "quantity": 2 }, { "sku": "LAMP", "quantity": 1 } ] }""", "INVOICED", 58.41),
            ("large order", """{ "customerId": "c-2", "lines": [ { "sku": "DESK", "quantity": 3 } ] }""", "PENDING_APPROVAL", 1260),
            ("unknown product", """{ "customerId": "c-1", "lines": [ { "sku": "BOOK", "quantity": 1 }, { "sku": "SOFA", "quantity": 1 } ] }""", "REJECTED", null),
        };
        foreach (var (name, input, status, total) in orders)
        {
            var result = await machine.StartExecutionAsync(JsonNode.Parse(input), cancellationToken: cancellationToken);
            Console.WriteLine($"{name,-16} -> {result.Output?.ToJsonString()}");
            var assigned = result.Events.Where(e => e.AssignedVariables != null)
                .SelectMany(e => e.AssignedVariables!.Select(v => $"${v.Key} ({e.StateName})"));
            Console.WriteLine($"{"",-16}    variables: {string.Join(", ", assigned)}");
            checks.Expect(result.Status == ExecutionStatus.Succeeded && (string?)result.Output?["status"] == status,
                $"{name}: status {status}, got {result.Status} {result.Output?.ToJsonString()}");
            if (total != null)
                checks.Expect(result.Output?["total"] is { } t && double.Parse(t.ToJsonString(), CultureInfo.InvariantCulture) == total, $"{name}: total {total.Value.ToString(CultureInfo.InvariantCulture)}");
        }
        Console.WriteLine();
    }

    // One handler for both Task states, routed by state name (typed handlers work too: see the Accounts demo).
    private static ValueTask<JsonNode?> Handle(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var payload = invocation.Input!["Payload"]!;
        JsonNode result = invocation.StateName switch
        {
            "Load Customer" => (string?)payload["customerId"] == "c-2"
                ? new JsonObject { ["id"] = "c-2", ["name"] = "Ada", ["tier"] = "standard" }
                : new JsonObject { ["id"] = "c-1", ["name"] = "Grace", ["tier"] = "gold" },
            "Price Line" => PriceLine(payload),
            _ => throw new StatesException("States.TaskFailed", "unexpected state " + invocation.StateName),
        };
        // lambda:invoke returns the function's answer under "Payload", as on AWS.
        return ValueTask.FromResult<JsonNode?>(new JsonObject { ["Payload"] = result });
    }

    private static JsonObject PriceLine(JsonNode line)
    {
        var sku = (string)line["sku"]!;
        if (!Prices.TryGetValue(sku, out var price))
            throw new StatesException("Pricing.UnknownProduct", $"No price for product {sku}.");
        var amount = price * line["quantity"]!.GetValue<int>() * ((string?)line["tier"] == "gold" ? 0.9m : 1m);
        return new JsonObject { ["sku"] = sku, ["amount"] = amount };
    }
}
