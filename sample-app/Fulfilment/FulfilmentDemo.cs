using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using SampleApp.Workflows.Fulfilment;
using StatesGen;

namespace SampleApp.Fulfilment;

/// <summary>
/// Nested executions (Workflows/Fulfilment): FulfilOrders starts one ShipOrder execution per order with
/// states:startExecution.sync:2. StatesGen links the ARN's name, ShipOrder, to ShipOrder.asl.json at build time, so the
/// child runs in this process, with the parent's handler and options, and its own name, ARN and history. The same two
/// files deploy to AWS Step Functions unchanged.
/// </summary>
internal static class FulfilmentDemo
{
    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task RunAsync(SmokeChecks checks, CancellationToken cancellationToken)
    {
        Console.WriteLine("== Nested executions: Workflows/Fulfilment/FulfilOrders.asl.json starts ShipOrder.asl.json per order ==");
        // Every execution, parent and children, reports its events here, each under its own execution name.
        var executions = new ConcurrentDictionary<string, string>();
        var observer = new Observer((name, e) => { if (e.Type.StartsWith("Execution", StringComparison.Ordinal)) executions[name] = e.Type; });
        var machine = new FulfilOrders(Handle, new StateMachineOptions { Observer = observer });
        var input = JsonNode.Parse(Orders);
        var result = await machine.StartExecutionAsync(input, "batch-1", cancellationToken);
        foreach (var shipment in result.Output?["shipments"]?.AsArray() ?? new JsonArray())
            Console.WriteLine($"  {shipment?.ToJsonString(Readable)}");
        foreach (var (name, last) in executions.OrderBy(e => e.Key, StringComparer.Ordinal))
            Console.WriteLine($"  execution {name,-12} {last}");
        var shipments = result.Output?["shipments"]?.AsArray();
        checks.Expect(result.Status == ExecutionStatus.Succeeded, $"the fulfilment succeeds, got {result.Status} {result.Error}");
        checks.Expect((string?)shipments?[0]?["status"] == "SHIPPED" && (string?)shipments?[0]?["tracking"] == "TRK-A-100",
            "A-100 is shipped by its child execution");
        checks.Expect((string?)shipments?[1]?["status"] == "FAILED" && (string?)shipments?[1]?["error"] == "OutOfStock",
            "A-101's child fails with OutOfStock and the parent catches it");
        checks.Expect(executions.GetValueOrDefault("ship-A-101") == "ExecutionFailed" && executions.GetValueOrDefault("ship-A-102") == "ExecutionSucceeded",
            "each order has its own child execution and history");
        Console.WriteLine();
    }

    /// <summary>The orders of the demo (one of them is out of stock).</summary>
    public const string Orders = """
        { "orders": [
          { "orderId": "A-100", "sku": "BOOK" },
          { "orderId": "A-101", "sku": "UNOBTAINIUM" },
          { "orderId": "A-102", "sku": "LAMP" } ] }
        """;

    // The children's Task states go to the handler the parent was given.
    internal static ValueTask<JsonNode?> Handle(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var input = invocation.Input!;
        JsonNode result = invocation.StateName switch
        {
            "Reserve Stock" => new JsonObject { ["reserved"] = (string?)input["sku"] != "UNOBTAINIUM" },
            "Book Courier" => new JsonObject { ["orderId"] = input["orderId"]!.DeepClone(), ["tracking"] = "TRK-" + (string?)input["orderId"] },
            _ => throw new StatesException("States.TaskFailed", "unexpected state " + invocation.StateName),
        };
        return ValueTask.FromResult<JsonNode?>(result);
    }

    private sealed class Observer(Action<string, ExecutionEvent> onEvent) : IExecutionObserver
    {
        public void OnEvent(string executionName, ExecutionEvent executionEvent) => onEvent(executionName, executionEvent);
    }
}

/// <summary>
/// Typed handlers of the pair, for hosts (AddStateMachine): a parent built from typed handlers gives them to its child
/// when the same object implements the child's ITasks too.
/// </summary>
internal sealed class FulfilmentTasks : FulfilOrders.ITasks, ShipOrder.ITasks
{
    public ValueTask<JsonNode?> ShipOrderAsync(JsonNode? input, TaskContext context) =>
        throw new InvalidOperationException("Ship Order starts ShipOrder.asl.json in-process.");

    public ValueTask<JsonNode?> ReserveStockAsync(JsonNode? input, TaskContext context) => FulfilmentDemo.Handle(context.Invocation, context.CancellationToken);

    public ValueTask<JsonNode?> BookCourierAsync(JsonNode? input, TaskContext context) => FulfilmentDemo.Handle(context.Invocation, context.CancellationToken);
}
