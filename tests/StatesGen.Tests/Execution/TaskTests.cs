using System.Text.Json.Nodes;
using StatesGen.Tests.Infrastructure;
using static StatesGen.Tests.Execution.Compiled;

namespace StatesGen.Tests.Execution;

/// <summary>The task side of the public contract (DESIGN.md, "Public contract" 3 and 4).</summary>
public class TaskTests
{
    private const string OneTask = """
        { "StartAt": "Charge Card", "States": { "Charge Card": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:charge",
          "InputPath": "$.payment", "Parameters": { "amount.$": "$.amount", "currency": "EUR" },
          "ResultSelector": { "id.$": "$.transactionId" }, "ResultPath": "$.charge", "OutputPath": "$.charge",
          "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "Caught" } ], "End": true },
          "Caught": { "Type": "Pass", "End": true } } }
        """;

    [Fact]
    public async Task Handler_sees_effective_input_and_result_flows_through_selector_and_paths()
    {
        TaskInvocation? seen = null;
        var machine = Machine(OneTask, Returns(inv => { seen = inv; return Json("""{"transactionId":"t-1","noise":true}"""); }));
        var output = await machine.ExecuteAsync(Json("""{"payment":{"amount":12.5}}"""));
        AssertJson("""{"id":"t-1"}""", output);
        Assert.Equal("Charge Card", seen!.StateName);
        Assert.Equal("arn:aws:lambda:us-east-1:1:function:charge", seen.Resource);
        AssertJson("""{"amount":12.5,"currency":"EUR"}""", seen.Input);
        Assert.Null(seen.TaskToken);
        Assert.Equal(0, seen.RetryCount);
    }

    [Fact]
    public async Task A_handler_may_return_its_own_input_node()
    {
        // Without Parameters the handler sees the state input itself; returning it must not make ResultPath build a cycle.
        var machine = Machine("""
            { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "r", "ResultPath": "$.again", "End": true } } }
            """, Returns(inv => inv.Input));
        AssertJson("""{"a":1,"again":{"a":1}}""", await machine.ExecuteAsync(Json("""{"a":1}""")));
    }

    [Fact]
    public async Task A_dotnet_exception_fails_the_state_with_its_short_type_name_and_message()
    {
        // DESIGN.md contract 4, as AWS Lambda reports .NET exceptions: errorType is the exception's type name.
        var machine = Machine("""
            { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "r", "End": true } } }
            """, (_, _) => throw new InvalidOperationException("card declined"));
        var e = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(null));
        Assert.Equal("InvalidOperationException", e.Error);
        Assert.Equal("card declined", e.Cause);
    }

    [Fact]
    public async Task Caller_cancellation_propagates_and_is_never_caught()
    {
        using var cts = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var machine = Machine(OneTask, async (_, ct) => { started.SetResult(); await Task.Delay(Timeout.Infinite, ct); return null; });
        var run = machine.ExecuteAsync(Json("""{"payment":{"amount":1}}"""), cts.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Typed_handler_interface_gets_one_method_per_task_state()
    {
        var run = GeneratorHarness.Run("Typed.asl.json", OneTask).AssertClean();
        // Long lines are broken (LineWrapper): compare the code with its whitespace normalized.
        var source = System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(run.Source("Typed"), @"\(\s+", "("), @"\s+", " ");
        Assert.Contains("ValueTask<global::System.Text.Json.Nodes.JsonNode?> ChargeCardAsync(global::System.Text.Json.Nodes.JsonNode? input, global::StatesGen.TaskContext context);", source);
        // Calling through the interface: a dynamic proxy would hide mistakes, so the test compiles a real implementation.
        var withImpl = GeneratorHarness.Run([new AslFile("Typed.asl.json", OneTask)], new HarnessOptions
        {
            CSharpSources = ["""
                namespace TestProject;
                public sealed class Tasks : Typed.ITasks
                {
                    public System.Threading.Tasks.ValueTask<System.Text.Json.Nodes.JsonNode?> ChargeCardAsync(System.Text.Json.Nodes.JsonNode? input, StatesGen.TaskContext context)
                        => new(new System.Text.Json.Nodes.JsonObject { ["transactionId"] = context.Invocation.StateName + ":" + input!["amount"] });
                    public static System.Threading.Tasks.Task<System.Text.Json.Nodes.JsonNode?> Run(System.Text.Json.Nodes.JsonNode input)
                        => new Typed(new Tasks()).ExecuteAsync(input);
                }
                """],
        }).AssertClean();
        using var assembly = withImpl.Load();
        var runMethod = assembly.GetType("TestProject.Tasks").GetMethod("Run")!;
        var output = await (Task<JsonNode?>)runMethod.Invoke(null, [Json("""{"payment":{"amount":3}}""")])!;
        AssertJson("""{"id":"Charge Card:3"}""", output);
    }
}

public class TypedEntryPointTests
{
    public sealed record Greeting(string Name);
    public sealed record Reply(string Message);

    [Fact]
    public async Task ExecuteAsync_with_own_input_and_output_types()
    {
        var machine = Compiled.Machine("""
            { "StartAt": "P", "States": { "P": { "Type": "Pass", "Parameters": { "message.$": "States.Format('Hi {}', $.name)" }, "End": true } } }
            """, Compiled.Returns(_ => null));
        var typed = Assert.IsAssignableFrom<IStateMachine>(machine.Instance);
        var reply = await typed.ExecuteAsync<Greeting, Reply>(new Greeting("Ada"));
        Assert.Equal(new Reply("Hi Ada"), reply);
    }
}

/// <summary>Parameter shapes Step Functions checks before it starts a service integration.</summary>
public class IntegrationParameterTests
{
    [Theory]
    [InlineData("""{ "custom_header": "singleStringHeader" }""", false)]
    [InlineData("""{ "custom_header": ["one", "two"] }""", true)]
    [InlineData("""{ "custom_header": [1] }""", false)]
    public async Task API_Gateway_headers_must_map_names_to_lists_of_strings(string headers, bool valid)
    {
        // Recorded: task-apigw-008. Step Functions checks the shape before it starts the task (States.Runtime, no call).
        bool called = false;
        var machine = Machine("""
            { "StartAt": "Call", "States": { "Call": { "Type": "Task", "Resource": "arn:aws:states:::apigateway:invoke",
              "Parameters": { "ApiEndpoint": "example.com", "Method": "GET", "Headers.$": "$.headers" }, "End": true } } }
            """, (_, _) => { called = true; return ValueTask.FromResult<JsonNode?>(JsonValue.Create("ok")); }, name: "Api" + (valid ? "Ok" : "Bad") + headers.Length);
        var input = new JsonObject { ["headers"] = JsonNode.Parse(headers) };
        if (valid)
        {
            Assert.Equal("ok", (await machine.ExecuteAsync(input))!.GetValue<string>());
            Assert.True(called);
            return;
        }
        var e = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(input));
        Assert.Equal(StatesErrors.Runtime, e.Error);
        Assert.Contains("The value of the field 'Headers' has an invalid format", e.Cause);
        Assert.False(called);
    }
}
