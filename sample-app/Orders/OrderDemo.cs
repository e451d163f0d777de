using System.Globalization;
using System.Text.Json.Nodes;
using SampleApp.Output;
using SampleApp.Workflows;
using StatesGen;

namespace SampleApp.Orders;

/// <summary>
/// Tutorial 1: the "Process Orders" Map state run with MaxConcurrency 1 (OrderProcessingSequential.asl.json) and 2
/// (OrderProcessing.asl.json) on the same seven orders. Like the Step Functions console's Table View, every time
/// shown comes from the execution history that StartExecutionAsync records (MapIterationStarted and
/// MapIterationSucceeded events, relative to ExecutionStarted), so LOW orders, which run no Task, get real rows too.
/// </summary>
internal static class OrderDemo
{
    private const double MsPerTimelineChar = 25;

    private sealed record Order(int Index, string Id, string Priority);

    /// <summary>One Map iteration as the history tells it: times in ms after ExecutionStarted, and its events' ids.</summary>
    private sealed record Iteration(int Index, string Status, double StartMs, double EndMs, long StartedEventId, long EndedEventId)
    {
        public double DurationMs => EndMs - StartMs;
    }

    private sealed record MapRun(int MaxConcurrency, double TotalMs, IReadOnlyDictionary<int, Iteration> Iterations, int MaxRunning);

    public static async Task RunAsync(SmokeChecks checks, CancellationToken cancellationToken)
    {
        var inputPath = Path.Combine(AppContext.BaseDirectory, "Workflows", "OrderProcessing.input.json");
        var input = JsonNode.Parse(File.ReadAllText(inputPath))!;
        var orders = input["Data"]!.AsArray()
            .Select((item, index) => new Order(index, (string)item!["orderId"]!, (string)item["priority"]!))
            .ToList();

        Console.WriteLine("== 1. Map state: MaxConcurrency 1 vs 2 (Workflows/OrderProcessing.asl.json) ==");
        Console.WriteLine($"{orders.Count} orders, {orders.Count(o => o.Priority == "HIGH")} of them HIGH. The simulated \"Store Order\" task takes 200 ms");
        Console.WriteLine("(300 ms for order 2); LOW orders skip it (a Pass state) and take well under a millisecond (| below).");
        Console.WriteLine("Every time shown is read from the execution history, as the console's Table View does: StartExecutionAsync's");
        Console.WriteLine("MapIterationStarted and MapIterationSucceeded events, relative to ExecutionStarted.");

        // One handler for both machines: every Task state goes through a TaskHandler delegate.
        var sequential = new OrderProcessingSequential(StoreOrderSimulator.HandleAsync);
        var concurrent = new OrderProcessing(StoreOrderSimulator.HandleAsync);

        // Warm up: run both once with an instant handler, so the timings below measure the Map, not the JIT.
        TaskHandler instant = (_, _) => ValueTask.FromResult<JsonNode?>(null);
        await new OrderProcessingSequential(instant).StartExecutionAsync(input, "warm-up", cancellationToken);
        await new OrderProcessing(instant).StartExecutionAsync(input, "warm-up", cancellationToken);

        var one = Check(1, await sequential.StartExecutionAsync(input, "max-concurrency-1", cancellationToken), input, orders, checks);
        PrintTable(one, orders, nameof(OrderProcessingSequential));
        var two = Check(2, await concurrent.StartExecutionAsync(input, "max-concurrency-2", cancellationToken), input, orders, checks);
        PrintTable(two, orders, nameof(OrderProcessing));

        Console.WriteLine();
        Console.WriteLine($"MaxConcurrency 2 took {Ms(two.TotalMs)} ms, {Ms(100 * two.TotalMs / one.TotalMs)}% of the {Ms(one.TotalMs)} ms that MaxConcurrency 1 took.");
        checks.Expect(two.TotalMs < 0.8 * one.TotalMs, $"MaxConcurrency 2 ({Ms(two.TotalMs)} ms) to be clearly faster than 1 ({Ms(one.TotalMs)} ms)");
        PrintObservation(two, checks);
        Console.WriteLine("Iterations may run in any order; the table, like the Map's output, is in item order.");
    }

    // Reads the iterations out of the history and checks the outcome.
    private static MapRun Check(int maxConcurrency, ExecutionResult result, JsonNode input, List<Order> orders, SmokeChecks checks)
    {
        var events = result.Events; // in id order, the order they happened in
        var executionStarted = events[0].Timestamp;
        double MsOf(ExecutionEvent e) => (e.Timestamp - executionStarted).TotalMilliseconds;

        var started = new Dictionary<int, ExecutionEvent>();
        var iterations = new Dictionary<int, Iteration>();
        int running = 0, maxRunning = 0;
        foreach (var e in events)
        {
            if (e.Type == "MapIterationStarted")
            {
                started[e.Index!.Value] = e;
                maxRunning = Math.Max(maxRunning, ++running);
            }
            else if (e.Type is "MapIterationSucceeded" or "MapIterationFailed" or "MapIterationAborted")
            {
                running--;
                var start = started[e.Index!.Value];
                iterations[e.Index.Value] = new Iteration(e.Index.Value, e.Type["MapIteration".Length..], MsOf(start), MsOf(e), start.Id, e.Id);
            }
        }

        checks.Expect(result.Status == ExecutionStatus.Succeeded,
            $"the execution with MaxConcurrency {maxConcurrency} to succeed, got {result.Status} {result.Error}: {result.Cause}");
        // Store Order has ResultPath null and Skip Order is a Pass, so the Map's output is its items, unchanged.
        checks.Expect(JsonNode.DeepEquals(result.Output, input["Data"]), $"the Map output (MaxConcurrency {maxConcurrency}) to equal the input orders");
        checks.Expect(orders.All(o => iterations.TryGetValue(o.Index, out var i) && i.Status == "Succeeded"),
            $"a MapIterationSucceeded event for each of the {orders.Count} orders (MaxConcurrency {maxConcurrency}), got {iterations.Values.Count(i => i.Status == "Succeeded")}");
        checks.Expect(maxRunning == maxConcurrency,
            $"at most and at some point exactly {maxConcurrency} iterations running at once, the history shows {maxRunning}");
        return new MapRun(maxConcurrency, MsOf(events[^1]), iterations, maxRunning);
    }

    private static void PrintTable(MapRun run, List<Order> orders, string className)
    {
        Console.WriteLine();
        Console.WriteLine($"MaxConcurrency {run.MaxConcurrency} (class {className}; the history shows up to {run.MaxRunning} running at a time)");
        var table = new TableWriter(("#", true), ("Order", false), ("Priority", false), ("Status", false), ("Started after (ms)", true),
            ("Duration (ms)", true), ($"Timeline (1 char = {Ms(MsPerTimelineChar)} ms)", false));
        foreach (var order in orders)
        {
            if (run.Iterations.TryGetValue(order.Index, out var i))
                table.AddRow(Number(order.Index), order.Id, order.Priority, i.Status, Ms1(i.StartMs), Ms1(i.DurationMs), Timeline(i));
            else
                table.AddRow(Number(order.Index), order.Id, order.Priority, "(no events)", "-", "-", "");
        }
        table.Write();
        Console.WriteLine($"  Total: {Ms(run.TotalMs)} ms from ExecutionStarted to ExecutionSucceeded");
    }

    // The tutorial's point: a new iteration starts as soon as any running one ends. The history orders its events,
    // so the iteration that freed a slot for #2 is the last one to end before #2's MapIterationStarted event.
    private static void PrintObservation(MapRun run, SmokeChecks checks)
    {
        if (!run.Iterations.TryGetValue(0, out var first) || !run.Iterations.TryGetValue(1, out var second) || !run.Iterations.TryGetValue(2, out var third))
        {
            checks.Fail("iterations #0, #1 and #2 in the history");
            return;
        }
        var freedSlot = new[] { first, second }.Where(i => i.EndedEventId < third.StartedEventId).MaxBy(i => i.EndedEventId);
        if (freedSlot is null)
        {
            checks.Fail($"iteration #2 to start after #0 or #1 finished, but it started at {Ms(third.StartMs)} ms with both still running");
            return;
        }
        var other = freedSlot == first ? second : first;
        Console.WriteLine($"Observation: with MaxConcurrency 2, iteration #2 started at {Ms1(third.StartMs)} ms, when #{freedSlot.Index} finished " +
            $"({Ms1(freedSlot.EndMs)} ms), not when #{other.Index} did ({Ms1(other.EndMs)} ms).");
        checks.Expect(freedSlot.Index == 0, $"iteration #2 to start when #0 finished, but it started when #{freedSlot.Index} did");
    }

    private static string Timeline(Iteration i)
    {
        int length = (int)Math.Round(i.DurationMs / MsPerTimelineChar);
        return new string(' ', (int)Math.Round(i.StartMs / MsPerTimelineChar)) + (length == 0 ? "|" : new string('#', length));
    }

    private static string Number(int index) => index.ToString(CultureInfo.InvariantCulture);

    private static string Ms(double milliseconds) => milliseconds.ToString("0", CultureInfo.InvariantCulture);

    private static string Ms1(double milliseconds) => milliseconds.ToString("0.0", CultureInfo.InvariantCulture);
}
