using System.Globalization;
using System.Text.Json.Nodes;
using SampleApp.Output;
using SampleApp.Workflows;
using StatesGen;

namespace SampleApp.Orders;

/// <summary>
/// Tutorial 1: the "Process Orders" Map state run with MaxConcurrency 1 (OrderProcessingSequential.asl.json) and 2
/// (OrderProcessing.asl.json) on the same seven orders, timed like the Step Functions console's Table View.
/// </summary>
internal static class OrderDemo
{
    private const double MsPerTimelineChar = 25;

    private sealed record MapRun(int MaxConcurrency, double TotalMs, IReadOnlyDictionary<string, StoreTiming> Timings, int MaxConcurrentCalls);

    private sealed record Order(int Index, string Id, string Priority);

    public static async Task RunAsync(SmokeChecks checks, CancellationToken cancellationToken)
    {
        var inputPath = Path.Combine(AppContext.BaseDirectory, "Workflows", "OrderProcessing.input.json");
        var input = JsonNode.Parse(File.ReadAllText(inputPath))!;
        var orders = input["Data"]!.AsArray()
            .Select((item, index) => new Order(index, (string)item!["orderId"]!, (string)item["priority"]!))
            .ToList();

        Console.WriteLine("== 1. Map state: MaxConcurrency 1 vs 2 (Workflows/OrderProcessing.asl.json) ==");
        Console.WriteLine($"{orders.Count} orders, {orders.Count(o => o.Priority == "HIGH")} of them HIGH. The simulated \"Store Order\" task takes 200 ms");
        Console.WriteLine("(300 ms for order 2); LOW orders skip the task and take ~0 ms, so no handler call times them.");

        // One handler for both machines: every Task state goes through a TaskHandler delegate.
        var store = new StoreOrderSimulator();
        var sequential = new OrderProcessingSequential(store.HandleAsync);
        var concurrent = new OrderProcessing(store.HandleAsync);

        // Warm up: run both once with an instant handler, so the timings below measure the Map, not the JIT.
        TaskHandler instant = (_, _) => ValueTask.FromResult<JsonNode?>(null);
        await new OrderProcessingSequential(instant).ExecuteAsync(input, cancellationToken);
        await new OrderProcessing(instant).ExecuteAsync(input, cancellationToken);

        var one = await RunAsync(1, sequential.ExecuteAsync, store, input, checks, cancellationToken);
        PrintTable(one, orders, nameof(OrderProcessingSequential));
        var two = await RunAsync(2, concurrent.ExecuteAsync, store, input, checks, cancellationToken);
        PrintTable(two, orders, nameof(OrderProcessing));

        Console.WriteLine();
        Console.WriteLine($"MaxConcurrency 2 took {Ms(two.TotalMs)} ms, {Ms(100 * two.TotalMs / one.TotalMs)}% of the {Ms(one.TotalMs)} ms that MaxConcurrency 1 took.");
        checks.Expect(two.TotalMs < 0.8 * one.TotalMs, $"MaxConcurrency 2 ({Ms(two.TotalMs)} ms) to be clearly faster than 1 ({Ms(one.TotalMs)} ms)");
        PrintObservation(two, orders, checks);
        Console.WriteLine("Iterations may run in any order; the table, like the Map's output, is in item order.");
    }

    private static async Task<MapRun> RunAsync(int maxConcurrency, Func<JsonNode?, CancellationToken, Task<JsonNode?>> execute,
        StoreOrderSimulator store, JsonNode input, SmokeChecks checks, CancellationToken cancellationToken)
    {
        store.StartClock();
        var output = await execute(input, cancellationToken);
        var totalMs = store.ElapsedMs;

        // Store Order has ResultPath null and Skip Order is a Pass, so the Map's output is its items, unchanged.
        checks.Expect(JsonNode.DeepEquals(output, input["Data"]), $"the Map output (MaxConcurrency {maxConcurrency}) to equal the input orders");
        checks.Expect(store.MaxConcurrentCalls == maxConcurrency,
            $"at most and at some point exactly {maxConcurrency} orders stored at once, saw {store.MaxConcurrentCalls}");
        return new MapRun(maxConcurrency, totalMs, new Dictionary<string, StoreTiming>(store.Timings), store.MaxConcurrentCalls);
    }

    private static void PrintTable(MapRun run, List<Order> orders, string className)
    {
        Console.WriteLine();
        Console.WriteLine($"MaxConcurrency {run.MaxConcurrency} (class {className})");
        var table = new TableWriter(("#", true), ("Order", false), ("Priority", false), ("Started after (ms)", true),
            ("Duration (ms)", true), ($"Timeline (1 char = {Ms(MsPerTimelineChar)} ms)", false));
        foreach (var order in orders)
        {
            if (run.Timings.TryGetValue(order.Id, out var t))
                table.AddRow(Number(order), order.Id, order.Priority, Ms(t.StartMs), Ms(t.DurationMs), Timeline(t));
            else
                table.AddRow(Number(order), order.Id, order.Priority, "-", "~0", "");
        }
        table.Write();
        Console.WriteLine($"  Total: {Ms(run.TotalMs)} ms");
    }

    // The tutorial's point: a new iteration starts as soon as any running one ends. Which earlier iteration ended
    // closest to the moment #2 started?
    private static void PrintObservation(MapRun run, List<Order> orders, SmokeChecks checks)
    {
        var earlier = orders.Take(2).Where(o => run.Timings.ContainsKey(o.Id)).ToList();
        if (orders.Count < 3 || earlier.Count < 2 || !run.Timings.TryGetValue(orders[2].Id, out var third))
        {
            checks.Fail("iterations #0, #1 and #2 to be HIGH orders with measured times");
            return;
        }
        var freedSlot = earlier.MinBy(o => Math.Abs(run.Timings[o.Id].EndMs - third.StartMs))!;
        var other = earlier.First(o => o != freedSlot);
        Console.WriteLine($"Observation: with MaxConcurrency 2, iteration #2 started at {Ms(third.StartMs)} ms, when {Label(freedSlot)} finished " +
            $"({Ms(run.Timings[freedSlot.Id].EndMs)} ms), not when {Label(other)} did ({Ms(run.Timings[other.Id].EndMs)} ms).");
        checks.Expect(freedSlot.Index == 0, $"iteration #2 to start when #0 finished, but it started when {Label(freedSlot)} did");
    }

    private static string Timeline(StoreTiming t) =>
        new string(' ', (int)Math.Round(t.StartMs / MsPerTimelineChar)) + new string('#', Math.Max(1, (int)Math.Round(t.DurationMs / MsPerTimelineChar)));

    private static string Number(Order order) => order.Index.ToString(CultureInfo.InvariantCulture);

    private static string Label(Order order) => "#" + Number(order);

    private static string Ms(double milliseconds) => milliseconds.ToString("0", CultureInfo.InvariantCulture);
}
