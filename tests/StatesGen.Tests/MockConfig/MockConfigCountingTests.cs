using System.Text.Json.Nodes;
using StatesGen.Testing;
using static StatesGen.Tests.Execution.Compiled;

namespace StatesGen.Tests.MockConfigFiles;

/// <summary>
/// Invocation numbers count every invocation of a state in one execution (retries, Map iterations, loops), never the
/// RetryCount, and executions that share a handler do not share counts.
/// </summary>
public class MockConfigCountingTests
{
    private static TaskHandler Handler(string responses, string states = """{ "T": "R" }""") =>
        MockConfig.Parse($$"""{ "StateMachines": { "M": { "TestCases": { "C": {{states}} } } }, "MockedResponses": { "R": {{responses}} } }""")
            .CreateHandler("M", "C");

    [Fact]
    public async Task Each_Map_iteration_takes_the_next_number_with_MaxConcurrency_1()
    {
        var machine = Machine("""
            { "StartAt": "Each", "States": { "Each": { "Type": "Map", "MaxConcurrency": 1, "End": true,
              "ItemProcessor": { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "End": true } } } } } }
            """, Handler("""{ "0": { "Return": "a" }, "1-2": { "Return": "b" }, "3": { "Return": "c" } }"""));
        AssertJson("""["a","b","b","c"]""", await machine.ExecuteAsync(Json("[1,2,3,4]")));
    }

    [Fact]
    public async Task A_loop_back_to_the_state_takes_the_next_number()
    {
        // RetryCount is 0 on every visit: a count derived from it would answer "0" forever and never leave the loop.
        var machine = Machine("""
            { "StartAt": "T", "States": {
              "T": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "Next": "Done?" },
              "Done?": { "Type": "Choice", "Choices": [ { "Variable": "$.done", "BooleanEquals": true, "Next": "End" } ], "Default": "T" },
              "End": { "Type": "Succeed" } } }
            """, Handler("""{ "0-1": { "Return": { "done": false } }, "2": { "Return": { "done": true, "visits": 3 } } }"""));
        AssertJson("""{"done":true,"visits":3}""", await machine.ExecuteAsync(Json("{}")));
    }

    [Fact]
    public async Task Retries_and_a_Catch_path_count_in_invocation_order()
    {
        // Two failures exhaust the retrier (MaxAttempts 1), the Catch loops back, and the next invocation is number 2.
        var machine = Machine("""
            { "StartAt": "T", "States": {
              "T": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "End": true,
                     "Retry": [ { "ErrorEquals": ["Flaky"], "IntervalSeconds": 1, "MaxAttempts": 1 } ],
                     "Catch": [ { "ErrorEquals": ["Flaky"], "ResultPath": "$.error", "Next": "T" } ] } } }
            """, Handler("""{ "0-1": { "Throw": { "Error": "Flaky", "Cause": "try again" } }, "2": { "Return": "third" } }"""),
            new StateMachineOptions { TimeProvider = new ManualTimeProvider(autoAdvance: true) });
        AssertJson("\"third\"", await machine.ExecuteAsync(Json("{}")));
    }

    [Fact]
    public async Task Throw_fails_the_task_with_its_error_and_cause_when_no_retrier_is_left()
    {
        var machine = Machine("""
            { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "End": true,
              "Retry": [ { "ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 2 } ] } } }
            """, Handler("""{ "0-2": { "Throw": { "Error": "Lambda.TimeoutException", "Cause": "Lambda timed out." } } }"""),
            new StateMachineOptions { TimeProvider = new ManualTimeProvider(autoAdvance: true) });
        var e = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(Json("{}")));
        Assert.Equal("Lambda.TimeoutException", e.Error);
        Assert.Equal("Lambda timed out.", e.Cause);
    }

    [Fact]
    public async Task An_invocation_number_without_an_entry_fails_naming_the_state_and_the_number()
    {
        var machine = Machine("""
            { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "End": true,
              "Retry": [ { "ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 5 } ] } } }
            """, Handler("""{ "0": { "Throw": { "Error": "Flaky" } } }"""),
            new StateMachineOptions { TimeProvider = new ManualTimeProvider(autoAdvance: true) });
        var e = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(Json("{}")));
        // States.Runtime: not retried, although the retrier has attempts left.
        Assert.Equal(StatesErrors.Runtime, e.Error);
        Assert.Contains("Invocation 1 of Task state \"T\"", e.Cause);
        Assert.Contains("$.MockedResponses.R", e.Cause);
    }

    [Fact]
    public async Task Concurrent_executions_through_one_handler_count_separately()
    {
        var handler = Handler("""{ "0": { "Return": { "done": false } }, "1": { "Return": { "done": true } } }""");
        var slow = (TaskHandler)(async (invocation, ct) => { await Task.Yield(); return await handler(invocation, ct); });
        var machine = Machine("""
            { "StartAt": "T", "States": {
              "T": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "Next": "Done?" },
              "Done?": { "Type": "Choice", "Choices": [ { "Variable": "$.done", "BooleanEquals": true, "Next": "End" } ], "Default": "T" },
              "End": { "Type": "Succeed" } } }
            """, slow);
        var outputs = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => machine.ExecuteAsync(Json("{}")))));
        Assert.All(outputs, output => AssertJson("""{"done":true}""", output));
    }

    [Fact]
    public async Task Invocations_without_an_execution_name_share_one_count()
    {
        var handler = Handler("""{ "0": { "Return": 0 }, "1": { "Return": 1 } }""");
        AssertJson("0", await handler(new TaskInvocation("T", "r", null), default));
        AssertJson("1", await handler(new TaskInvocation("T", "r", null), default));
        AssertJson("0", await handler(new TaskInvocation("T", "r", null, executionName: "other"), default));
    }

    [Fact]
    public async Task Return_completes_a_callback_task_and_Throw_fails_it()
    {
        const string callback = """
            { "StartAt": "Review", "States": { "Review": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters": { "token.$": "$$.Task.Token" }, "ResultPath": "$.review", "End": true } } }
            """;
        var approve = Machine(callback, Handler("""{ "0": { "Return": { "decision": "APPROVE" } } }""", """{ "Review": "R" }"""));
        AssertJson("""{"id":1,"review":{"decision":"APPROVE"}}""", await approve.ExecuteAsync(Json("""{"id":1}""")).WaitAsync(TimeSpan.FromSeconds(10)));

        var reject = Machine(callback, Handler("""{ "0": { "Throw": { "Error": "Review.Rejected", "Cause": "no" } } }""", """{ "Review": "R" }"""));
        var e = await Assert.ThrowsAsync<StatesException>(() => reject.ExecuteAsync(Json("{}")).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("Review.Rejected", e.Error);
        Assert.Equal("no", e.Cause);
    }

    [Fact]
    public async Task Each_invocation_gets_its_own_copy_of_the_Return_value()
    {
        var handler = Handler("""{ "0-1": { "Return": { "n": 1 } } }""");
        var first = await handler(new TaskInvocation("T", "r", null, executionName: "e"), default);
        first!["n"] = 2;
        AssertJson("""{"n":1}""", await handler(new TaskInvocation("T", "r", null, executionName: "e"), default));
    }
}
