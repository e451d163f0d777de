using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using StatesGen.Tests.Infrastructure;

namespace StatesGen.Tests.TestState;

/// <summary>
/// The two order workflows the TestState tests run states of, one per query language, each with every state type,
/// compiled once per test run. Behaviour follows AWS's TestState API:
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html and
/// https://docs.aws.amazon.com/step-functions/latest/dg/test-state-isolation.html.
/// </summary>
internal static class TestStateMachines
{
    public const string JsonPathDefinition = """
        {
          "StartAt": "Start",
          "States": {
            "Start": { "Type": "Pass", "Assign": { "customer.$": "$.customer" }, "Next": "Prepare" },
            "Prepare": {
              "Type": "Pass", "InputPath": "$.order",
              "Parameters": { "id.$": "$.id", "total.$": "$.total", "customer.$": "$customer" },
              "ResultPath": "$.prepared", "OutputPath": "$.prepared",
              "Assign": { "lastOrder.$": "$.id" },
              "Next": "Charge"
            },
            "Charge": {
              "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "InputPath": "$.payment",
              "Parameters": { "FunctionName": "charge", "Payload": { "amount.$": "$.amount", "execution.$": "$$.Execution.Name" } },
              "ResultSelector": { "receipt.$": "$.Payload.receipt" },
              "ResultPath": "$.charge",
              "Retry": [
                { "ErrorEquals": [ "Card.Declined" ], "IntervalSeconds": 2, "BackoffRate": 3, "MaxAttempts": 3, "MaxDelaySeconds": 10 },
                { "ErrorEquals": [ "States.Timeout" ], "MaxAttempts": 0 }
              ],
              "Catch": [
                { "ErrorEquals": [ "Card.Expired" ], "ResultPath": "$.error", "Next": "Notify" },
                { "ErrorEquals": [ "States.ALL" ], "Next": "Cancel" }
              ],
              "Next": "Wait A Day"
            },
            "Wait A Day": { "Type": "Wait", "Seconds": 86400, "InputPath": "$.charge", "Next": "Route" },
            "Route": {
              "Type": "Choice", "InputPath": "$.order",
              "Choices": [ { "Variable": "$.total", "NumericGreaterThan": 100, "Next": "Review" } ],
              "Default": "Strict"
            },
            "Strict": { "Type": "Choice", "Choices": [ { "Variable": "$.ok", "BooleanEquals": true, "Next": "Ship" } ] },
            "Review": {
              "Type": "Parallel",
              "Branches": [ { "StartAt": "Ask", "States": { "Ask": { "Type": "Pass", "End": true } } } ],
              "ResultSelector": { "approved.$": "$[0].approved" },
              "ResultPath": "$.review",
              "Next": "Ship"
            },
            "Ship": {
              "Type": "Map", "ItemsPath": "$.items", "ResultPath": "$.packed", "MaxConcurrency": 2, "ToleratedFailurePercentage": 10,
              "ItemProcessor": { "StartAt": "Pack", "States": {
                "Pack": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Pack",
                          "Parameters": { "sku.$": "$.sku", "customer.$": "$customer" }, "End": true } } },
              "Next": "Done"
            },
            "Done": { "Type": "Succeed", "InputPath": "$.packed" },
            "Notify": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Notify", "End": true },
            "Cancel": { "Type": "Fail", "Error": "Order.Cancelled", "Cause": "The payment failed." }
          }
        }
        """;

    public const string JsonataDefinition = """
        {
          "QueryLanguage": "JSONata",
          "StartAt": "Start",
          "States": {
            "Start": { "Type": "Pass", "Assign": { "customer": "{% $states.input.customer %}" }, "Next": "Prepare" },
            "Prepare": {
              "Type": "Pass",
              "Output": { "id": "{% $states.input.order.id %}", "total": "{% $states.input.order.total %}", "customer": "{% $customer %}" },
              "Assign": { "lastOrder": "{% $states.input.order.id %}" },
              "Next": "Charge"
            },
            "Charge": {
              "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Arguments": { "FunctionName": "charge", "Payload": { "amount": "{% $states.input.total %}", "execution": "{% $states.context.Execution.Name %}" } },
              "Output": { "id": "{% $states.input.id %}", "receipt": "{% $states.result.Payload.receipt %}" },
              "Assign": { "receipt": "{% $states.result.Payload.receipt %}" },
              "Retry": [ { "ErrorEquals": [ "Card.Declined" ], "IntervalSeconds": 3, "BackoffRate": 2, "MaxAttempts": 2 } ],
              "Catch": [ { "ErrorEquals": [ "States.ALL" ], "Output": { "failed": "{% $states.errorOutput.Error %}", "id": "{% $states.input.id %}" }, "Next": "Cancel" } ],
              "Next": "Wait"
            },
            "Wait": { "Type": "Wait", "Seconds": "{% $states.input.delay %}", "Next": "Route" },
            "Route": { "Type": "Choice", "Choices": [ { "Condition": "{% $states.input.total > 100 %}", "Next": "Review" } ], "Default": "Ship" },
            "Review": {
              "Type": "Parallel", "Arguments": { "id": "{% $states.input.id %}" },
              "Branches": [ { "StartAt": "Ask", "States": { "Ask": { "Type": "Pass", "End": true } } } ],
              "Output": { "approved": "{% $states.result[0].approved %}" },
              "Next": "Ship"
            },
            "Ship": {
              "Type": "Map", "Items": "{% $states.input.items %}",
              "ItemProcessor": { "StartAt": "Pack", "States": {
                "Pack": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Pack",
                          "Arguments": { "sku": "{% $states.input.sku %}", "customer": "{% $customer %}" }, "End": true } } },
              "Output": { "count": "{% $count($states.result) %}" },
              "Next": "Done"
            },
            "Done": { "Type": "Succeed", "Output": "{% $states.input.id %}" },
            "Cancel": { "Type": "Fail", "Error": "{% $states.input.failed %}", "Cause": "cancelled" }
          }
        }
        """;

    private static readonly Lazy<CompiledAssembly> s_jsonPath = new(() => GeneratorHarness.Run("Shop.asl.json", JsonPathDefinition).AssertClean().Load());
    private static readonly Lazy<CompiledAssembly> s_jsonata = new(() => GeneratorHarness.Run("ShopJsonata.asl.json", JsonataDefinition).AssertClean().Load());

    /// <summary>The JSONPath machine with <paramref name="handler"/> (default: one that fails the test when called).</summary>
    public static TestedMachine JsonPathMachine(TaskHandler? handler = null) => new(s_jsonPath.Value.Create("TestProject.Shop", handler ?? NoTasks));

    /// <summary>The JSONata machine with <paramref name="handler"/> (default: one that fails the test when called).</summary>
    public static TestedMachine JsonataMachine(TaskHandler? handler = null) => new(s_jsonata.Value.Create("TestProject.ShopJsonata", handler ?? NoTasks));

    public static readonly TaskHandler NoTasks = (invocation, _) => throw new InvalidOperationException("no task expected: " + invocation.StateName);

    /// <summary>A handler that records its invocations and answers with <paramref name="result"/>.</summary>
    public static TaskHandler Recording(ConcurrentQueue<TaskInvocation> calls, string result) => (invocation, _) =>
    {
        calls.Enqueue(invocation);
        return ValueTask.FromResult(JsonNode.Parse(result));
    };
}

/// <summary>A generated machine's TestStateAsync, through IStateMachine (the class lives in a compiled assembly).</summary>
internal sealed class TestedMachine(StateMachine machine)
{
    public StateMachine Machine { get; } = machine;

    public Task<TestStateResult> TestAsync(string stateName, string? input, TestStateOptions? options = null) =>
        TestAsync(stateName, input is null ? null : JsonNode.Parse(input), options);

    public Task<TestStateResult> TestAsync(string stateName, JsonNode? input, TestStateOptions? options = null, CancellationToken cancellationToken = default) =>
        Machine.Machine.TestStateAsync(stateName, input, options, cancellationToken);
}
