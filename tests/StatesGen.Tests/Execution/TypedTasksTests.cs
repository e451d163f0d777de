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

    [Fact]
    public async Task Each_Task_state_calls_the_method_bound_to_it_at_construction()
    {
        // The ITasks constructor binds one handler per Task state; every call (in a Map, on a retry) reaches its own
        // method with its own state name, and a TaskHandler built over the same machine still sees every call.
        const string definition = """
            { "StartAt": "First", "States": {
              "First": { "Type": "Task", "Resource": "r:first", "ResultPath": "$.first", "Next": "Each" },
              "Each": { "Type": "Map", "ItemsPath": "$.items", "ResultPath": "$.each", "Next": "Last", "ItemProcessor": { "StartAt": "Inner", "States": {
                "Inner": { "Type": "Task", "Resource": "r:inner", "Retry": [ { "ErrorEquals": ["Flaky"], "IntervalSeconds": 1 } ], "End": true } } } },
              "Last": { "Type": "Task", "Resource": "r:last", "ResultPath": "$.last", "End": true } } }
            """;
        const string source = """
            using System.Collections.Concurrent;
            using System.Text.Json.Nodes;
            using System.Threading.Tasks;
            using StatesGen;
            namespace TestProject.App;

            public sealed class Recorder : TestProject.Workflows.Bound.ITasks
            {
                public readonly ConcurrentQueue<string> Calls = new();
                private int _innerCalls;
                private ValueTask<JsonNode?> Record(string method, JsonNode? input, TaskContext context)
                {
                    Calls.Enqueue(method + ":" + context.Invocation.StateName);
                    return ValueTask.FromResult<JsonNode?>(JsonValue.Create(method));
                }
                public ValueTask<JsonNode?> FirstAsync(JsonNode? input, TaskContext context) => Record("FirstAsync", input, context);
                public ValueTask<JsonNode?> InnerAsync(JsonNode? input, TaskContext context)
                {
                    // The first inner call fails once, so the retry goes through the bound handler again.
                    if (System.Threading.Interlocked.Increment(ref _innerCalls) == 1) throw new StatesException("Flaky", "once");
                    return Record("InnerAsync", input, context);
                }
                public ValueTask<JsonNode?> LastAsync(JsonNode? input, TaskContext context) => Record("LastAsync", input, context);

                public static Task<JsonNode?> Run(Recorder tasks, JsonNode input) => new TestProject.Workflows.Bound(tasks).ExecuteAsync(input);
            }
            """;
        var run = GeneratorHarness.Run([new AslFile("Workflows/Bound.asl.json", definition)], new HarnessOptions { CSharpSources = [source] }).AssertClean();
        using var assembly = run.Load();
        var type = assembly.GetType("TestProject.App.Recorder");
        var recorder = Activator.CreateInstance(type)!;
        var output = await (Task<JsonNode?>)type.GetMethod("Run")!.Invoke(null, [recorder, Json("""{"items":[1,2,3]}""")])!;
        AssertJson("""{"items":[1,2,3],"first":"FirstAsync","each":["InnerAsync","InnerAsync","InnerAsync"],"last":"LastAsync"}""", output);
        var calls = ((IEnumerable<string>)type.GetField("Calls")!.GetValue(recorder)!).ToArray();
        Assert.Equal(["FirstAsync:First", "InnerAsync:Inner", "InnerAsync:Inner", "InnerAsync:Inner", "LastAsync:Last"], calls);

        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var handled = assembly.Create("TestProject.Workflows.Bound", (invocation, _) =>
        {
            seen.Enqueue(invocation.StateName);
            return ValueTask.FromResult<JsonNode?>(JsonValue.Create(invocation.StateName));
        });
        AssertJson("""{"items":[1],"first":"First","each":["Inner"],"last":"Last"}""", await handled.ExecuteAsync(Json("""{"items":[1]}""")));
        Assert.Equal(["First", "Inner", "Last"], seen);
    }
}
