using System.Text.Json.Nodes;
using StatesGen.Tests.Infrastructure;
using static StatesGen.Tests.Execution.Compiled;

namespace StatesGen.Tests.Execution;

/// <summary>[StateMachineTasks] classes: Task states bound to methods with the user's own types.</summary>
public class TypedTasksTests
{
    private const string Orders = """
        { "StartAt": "Price Order", "States": {
          "Price Order": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:price", "ResultPath": "$.price", "Next": "Store Order" },
          "Store Order": { "Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "Parameters": { "id.$": "$.orderId" }, "ResultPath": "$.stored", "Next": "Notify" },
          "Notify": { "Type": "Task", "Resource": "arn:aws:states:::sns:publish", "ResultPath": null, "End": true } } }
        """;

    private const string Handlers = """
        using System.Threading;
        using System.Threading.Tasks;
        using StatesGen;
        namespace TestProject.App;

        public sealed record Order(string OrderId, int Quantity, decimal UnitPrice);
        public sealed record Price(decimal Total, string Currency);
        public sealed record StoreRequest(string Id);

        [StateMachineTasks("Workflows/Orders.asl.json")]
        public partial class OrderTasks
        {
            public int Notified;
            public Price PriceOrder(Order order) => new(order.Quantity * order.UnitPrice, "EUR");
            public async ValueTask<bool> StoreOrderAsync(StoreRequest request, CancellationToken cancellationToken)
            {
                await Task.Yield();
                return request.Id == "o-1";
            }
            [TaskState("Notify")]
            public Task SendNotificationAsync(TaskContext context) { Interlocked.Increment(ref Notified); return Task.CompletedTask; }

            public static Task<System.Text.Json.Nodes.JsonNode?> Run(OrderTasks tasks, System.Text.Json.Nodes.JsonNode input)
                => new TestProject.Workflows.Orders(tasks).ExecuteAsync(input);
        }
        """;

    [Fact]
    public async Task Methods_with_own_types_handle_their_task_states()
    {
        var run = GeneratorHarness.Run([new AslFile("Workflows/Orders.asl.json", Orders)], new HarnessOptions { CSharpSources = [Handlers] }).AssertClean();
        using var assembly = run.Load();
        var type = assembly.GetType("TestProject.App.OrderTasks");
        var tasks = Activator.CreateInstance(type)!;
        var output = await (Task<JsonNode?>)type.GetMethod("Run")!.Invoke(null, [tasks, Json("""{"orderId":"o-1","quantity":3,"unitPrice":2.5}""")])!;
        AssertJson("""{"orderId":"o-1","quantity":3,"unitPrice":2.5,"price":{"total":7.5,"currency":"EUR"},"stored":true}""", output);
        Assert.Equal(1, (int)type.GetField("Notified")!.GetValue(tasks)!);
    }

    [Fact]
    public void Missing_and_unknown_methods_are_located_errors()
    {
        var source = """
            using StatesGen;
            namespace TestProject.App;
            [StateMachineTasks("Workflows/Orders.asl.json")]
            public partial class OrderTasks
            {
                public int PriceOrder(int a, int b) => a + b;
                [TaskState("Ship Order")]
                public void Ship() { }
            }
            [StateMachineTasks("Workflows/Nope.asl.json")]
            public partial class Lost { }
            """;
        var run = GeneratorHarness.Run([new AslFile("Workflows/Orders.asl.json", Orders)], new HarnessOptions { CSharpSources = [source] });
        Assert.Null(run.GeneratorException);
        var ids = run.GeneratorDiagnostics.Select(d => d.Id).ToList();
        Assert.Contains("SG0200", ids); // Store Order and Notify have no method
        Assert.Contains("SG0201", ids); // Ship Order is not a Task state
        Assert.Contains("SG0202", ids); // PriceOrder takes two inputs
        Assert.Contains("SG0203", ids); // Nope.asl.json is not an AdditionalFile
        var unknown = run.GeneratorDiagnostics.First(d => d.Id == "SG0201");
        Assert.Equal(8, unknown.Location.GetLineSpan().StartLinePosition.Line + 1); // the Ship method's name
    }

    [Fact]
    public async Task A_JsonSerializerContext_does_the_conversions()
    {
        // A hand-written context stands in for a source-generated one: the generated code only calls
        // Context.Default.GetTypeInfo(typeof(T)), which both provide.
        var source = """
            using System;
            using System.Text.Json;
            using System.Text.Json.Serialization;
            using System.Text.Json.Serialization.Metadata;
            using StatesGen;
            namespace TestProject.App;
            public sealed record Order(string OrderId, int Quantity, decimal UnitPrice);
            public sealed record Price(decimal Total, string Currency);
            public sealed class OrdersContext : JsonSerializerContext
            {
                private static readonly JsonSerializerOptions s_inner = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
                public static int Lookups;
                public OrdersContext() : base(null) { }
                public static OrdersContext Default { get; } = new();
                protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
                public override JsonTypeInfo? GetTypeInfo(Type type) { Lookups++; return s_inner.GetTypeInfo(type); }
            }
            [StateMachineTasks("Workflows/Orders.asl.json", SerializerContext = typeof(OrdersContext))]
            public partial class ContextTasks
            {
                public Price PriceOrder(Order order) => new(order.Quantity * order.UnitPrice, "EUR");
                public bool StoreOrder(System.Text.Json.Nodes.JsonNode? input) => input?["id"]?.GetValue<string>() == "o-2";
                [TaskState("Notify")] public void Notify() { }
                public static System.Threading.Tasks.Task<System.Text.Json.Nodes.JsonNode?> Run(System.Text.Json.Nodes.JsonNode input)
                    => new TestProject.Workflows.Orders(new ContextTasks()).ExecuteAsync(input);
            }
            """;
        var run = GeneratorHarness.Run([new AslFile("Workflows/Orders.asl.json", Orders)], new HarnessOptions { CSharpSources = [source] }).AssertClean();
        using var assembly = run.Load();
        var type = assembly.GetType("TestProject.App.ContextTasks");
        var output = await (Task<JsonNode?>)type.GetMethod("Run")!.Invoke(null, [Json("""{"orderId":"o-2","quantity":2,"unitPrice":4}""")])!;
        AssertJson("""{"orderId":"o-2","quantity":2,"unitPrice":4,"price":{"total":8,"currency":"EUR"},"stored":true}""", output);
        Assert.True((int)assembly.GetType("TestProject.App.OrdersContext").GetField("Lookups")!.GetValue(null)! >= 2);
    }
}
