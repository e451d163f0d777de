using System.Text.Json.Nodes;
using StatesGen.Testing;
using StatesGen.Tests.Infrastructure;
using static StatesGen.Tests.Execution.Compiled;

namespace StatesGen.Tests.MockConfigFiles;

/// <summary>
/// The AWS developer guide's mock configuration example, loaded unchanged and run as the guide describes it:
/// https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-mock-cfg-file.html (the file) and
/// https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-test-sm-exec.html (the LambdaSQSIntegration
/// machine: a Lambda invoke with a Retry, then an SQS sendMessage).
/// </summary>
public class MockConfigGuideTests
{
    // The guide's MockConfigFile.json.
    internal const string GuideFile = """
        {
          "StateMachines": {
            "LambdaSQSIntegration": {
              "TestCases": {
                "HappyPath": { "LambdaState": "MockedLambdaSuccess", "SQSState": "MockedSQSSuccess" },
                "RetryPath": { "LambdaState": "MockedLambdaRetry", "SQSState": "MockedSQSSuccess" },
                "HybridPath": { "LambdaState": "MockedLambdaSuccess" }
              }
            }
          },
          "MockedResponses": {
            "MockedLambdaSuccess": {
              "0": { "Return": { "StatusCode": 200, "Payload": { "StatusCode": 200, "body": "Hello from Lambda!" } } }
            },
            "LambdaMockedResourceNotReady": {
              "0": { "Throw": { "Error": "Lambda.ResourceNotReadyException", "Cause": "Lambda resource is not ready." } }
            },
            "MockedSQSSuccess": {
              "0": { "Return": { "MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51", "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51" } }
            },
            "MockedLambdaRetry": {
              "0": { "Throw": { "Error": "Lambda.ResourceNotReadyException", "Cause": "Lambda resource is not ready." } },
              "1-2": { "Throw": { "Error": "Lambda.TimeoutException", "Cause": "Lambda timed out." } },
              "3": { "Return": { "StatusCode": 200, "Payload": { "StatusCode": 200, "body": "Hello from Lambda!" } } }
            }
          }
        }
        """;

    // The guide's machine, in the shape the guide draws: the Lambda result feeds the SQS message.
    internal const string LambdaSqsIntegration = """
        {
          "Comment": "This state machine is called: LambdaSQSIntegration",
          "StartAt": "LambdaState",
          "States": {
            "LambdaState": {
              "Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": { "Payload.$": "$", "FunctionName": "HelloWorldFunction" },
              "Retry": [ { "ErrorEquals": [ "States.ALL" ], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2 } ],
              "Next": "SQSState"
            },
            "SQSState": {
              "Type": "Task",
              "Resource": "arn:aws:states:::sqs:sendMessage",
              "Parameters": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/myQueue", "MessageBody.$": "$" },
              "End": true
            }
          }
        }
        """;

    private const string SqsResponse = """{ "MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51", "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51" }""";

    private static (StateMachine Machine, ManualTimeProvider Time, List<string> Seen) Run(string testCase, TaskHandler? fallback = null)
    {
        var time = new ManualTimeProvider(autoAdvance: true);
        var seen = new List<string>();
        var mocks = MockConfig.Parse(GuideFile).CreateHandler("LambdaSQSIntegration", testCase, fallback);
        TaskHandler recording = (invocation, ct) =>
        {
            lock (seen) seen.Add($"{invocation.StateName}#{invocation.RetryCount}");
            return mocks(invocation, ct);
        };
        return (Machine(LambdaSqsIntegration, recording, new StateMachineOptions { TimeProvider = time }, "LambdaSQSIntegration"), time, seen);
    }

    [Fact]
    public async Task HappyPath_returns_the_mocked_Lambda_and_SQS_responses()
    {
        var (machine, _, seen) = Run("HappyPath");
        AssertJson(SqsResponse, await machine.ExecuteAsync(Json("""{"name":"x"}""")));
        Assert.Equal(["LambdaState#0", "SQSState#0"], seen);
    }

    [Fact]
    public async Task RetryPath_fails_three_times_then_succeeds_on_the_fourth_invocation()
    {
        // Invocation 0 throws ResourceNotReady, 1-2 throw Lambda.TimeoutException, 3 returns: the Retry (MaxAttempts 3)
        // takes the execution through all four, waiting 2 + 4 + 8 seconds of fake time.
        var (machine, time, seen) = Run("RetryPath");
        AssertJson(SqsResponse, await machine.ExecuteAsync(Json("{}")));
        Assert.Equal(["LambdaState#0", "LambdaState#1", "LambdaState#2", "LambdaState#3", "SQSState#0"], seen);
        Assert.Equal(TimeSpan.FromSeconds(14), time.Elapsed);
    }

    [Fact]
    public async Task HybridPath_sends_the_unmocked_SQS_state_to_the_fallback()
    {
        JsonNode? sqsInput = null;
        var (machine, _, _) = Run("HybridPath", Returns(invocation =>
        {
            Assert.Equal("SQSState", invocation.StateName);
            sqsInput = invocation.Input;
            return Json("""{"MessageId":"real"}""");
        }));
        AssertJson("""{"MessageId":"real"}""", await machine.ExecuteAsync(Json("{}")));
        // The SQS message is the mocked Lambda response.
        AssertJson("""{"StatusCode":200,"Payload":{"StatusCode":200,"body":"Hello from Lambda!"}}""", sqsInput!["MessageBody"]);
    }

    [Fact]
    public async Task HybridPath_without_a_fallback_fails_naming_the_state_and_the_test_case()
    {
        var (machine, _, _) = Run("HybridPath");
        var e = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(Json("{}")));
        Assert.Equal(StatesErrors.Runtime, e.Error);
        Assert.Contains("\"SQSState\"", e.Cause);
        Assert.Contains("\"HybridPath\"", e.Cause);
    }

    [Fact]
    public void The_guide_file_fits_the_guide_machine()
    {
        var config = MockConfig.Parse(GuideFile);
        Assert.Equal(["LambdaSQSIntegration"], config.StateMachines);
        Assert.Equal(["HappyPath", "RetryPath", "HybridPath"], config.TestCases("LambdaSQSIntegration"));
        Assert.Empty(config.Check("LambdaSQSIntegration", MockConfig.TaskStatesOf(LambdaSqsIntegration)));
    }
}
