using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using StatesGen.Tests.Infrastructure;
using static StatesGen.Tests.Execution.Compiled;

namespace StatesGen.Tests.Nested;

/// <summary>
/// A states:startExecution Task whose StateMachineArn names a definition of the same project runs that definition's
/// generated class in-process. The shapes follow the executions recorded on AWS (../shared/conformance/aws-recorded):
/// task-sync-001/005 (.sync: DescribeExecution with Input and Output as JSON text), task-sync-004/006 (.sync:2: as JSON),
/// task-sync-002 (a failed child: States.TaskFailed whose cause is the DescribeExecution JSON with Error and Cause),
/// task-sync-003 (a child that timed out), task-sfn-001 (startExecution: ExecutionArn and StartDate at once) and
/// errors-028 (StepFunctions.StateMachineDoesNotExistException). The recordings redact dates; they are epoch
/// milliseconds here, as the service integration's Java SDK writes them.
/// </summary>
public sealed class NestedExecutionTests
{
    private const string ChildArn = "arn:aws:states:us-east-1:111111111111:stateMachine:Child";

    // The child of task-sync-001: a Pass whose Result is {"Arg1":"argument1"}.
    private const string PassChild = """
        { "StartAt": "Done", "States": { "Done": { "Type": "Pass", "Result": { "Arg1": "argument1" }, "End": true } } }
        """;

    private static string Parent(string resource, string arn = ChildArn, string extra = "") => $$"""
        { "StartAt": "StartExecution", "States": {
          "StartExecution": { "Type": "Task", "Resource": "{{resource}}",
            "Parameters": { "StateMachineArn": "{{arn}}", "Input.$": "$.Input", "Name.$": "$.Name" {{extra}} },
            "End": true } } }
        """;

    private static CompiledAssembly Project(params (string Name, string Definition)[] definitions) =>
        GeneratorHarness.Run(definitions.Select(d => new AslFile(d.Name + ".asl.json", d.Definition))).AssertClean().Load();

    private static StateMachine Create(CompiledAssembly assembly, string name, TaskHandler? handler = null, StateMachineOptions? options = null) =>
        assembly.Create("TestProject." + name, handler ?? Returns(_ => throw new InvalidOperationException("no task expected")), options);

    /// <summary>The recorded shapes with the values AWS's recordings redact (dates) checked for their type and removed.</summary>
    private static JsonObject WithoutDates(JsonNode? node)
    {
        var o = node!.AsObject().DeepClone().AsObject();
        foreach (var date in new[] { "StartDate", "StopDate" })
        {
            if (!o.ContainsKey(date)) continue;
            Assert.True(o[date]!.GetValue<long>() > 1_600_000_000_000, $"{date} is epoch milliseconds");
            o.Remove(date);
        }
        return o;
    }

    [Fact]
    public async Task Sync_runs_the_child_class_and_returns_DescribeExecution_with_input_and_output_as_json_text()
    {
        using var project = Project(("Parent", Parent("arn:aws:states:::states:startExecution.sync")), ("Child", PassChild));
        var parent = Create(project, "Parent");
        var output = await parent.ExecuteAsync(Json("""{"Input": null, "Name": "TestStartTarget"}"""));
        // task-sync-005: a null Input starts the child with {}.
        AssertJson($$"""
            {
              "ExecutionArn": "arn:aws:states:local:000000000000:execution:Child:TestStartTarget",
              "Input": "{}", "InputDetails": { "Included": true }, "Name": "TestStartTarget",
              "Output": "{\"Arg1\":\"argument1\"}", "OutputDetails": { "Included": true },
              "RedriveCount": 0, "RedriveStatus": "NOT_REDRIVABLE", "RedriveStatusReason": "Execution is SUCCEEDED and cannot be redriven",
              "StateMachineArn": "arn:aws:states:local:000000000000:stateMachine:Child", "Status": "SUCCEEDED"
            }
            """, WithoutDates(output));
        // The fields in AWS's order.
        Assert.Equal(
            ["ExecutionArn", "Input", "InputDetails", "Name", "Output", "OutputDetails", "RedriveCount", "RedriveStatus", "RedriveStatusReason", "StartDate", "StateMachineArn", "Status", "StopDate"],
            output!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Sync2_returns_input_and_output_as_json_and_a_string_input_is_the_json_it_holds()
    {
        using var project = Project(("Parent", Parent("arn:aws:states:::states:startExecution.sync:2")),
            ("Child", """{ "StartAt": "Echo", "States": { "Echo": { "Type": "Pass", "Parameters": { "got.$": "$" }, "End": true } } }"""));
        var parent = Create(project, "Parent");
        var output = await parent.ExecuteAsync(Json("""{"Input": {"Hello": "World"}, "Name": "n1"}"""));
        AssertJson("""{"Hello": "World"}""", output!["Input"]);
        AssertJson("""{"got": {"Hello": "World"}}""", output["Output"]);
        // credentials-001: an Input given as JSON text starts the child with the value the text holds.
        output = await parent.ExecuteAsync(Json("""{"Input": "\"InputFromTrustedAccount\"", "Name": "n2"}"""));
        AssertJson("\"InputFromTrustedAccount\"", output!["Input"]);
        AssertJson("""{"got": "InputFromTrustedAccount"}""", output["Output"]);
    }

    [Fact]
    public async Task A_failed_child_fails_the_task_with_TaskFailed_and_the_DescribeExecution_json_as_cause()
    {
        using var project = Project(("Parent", Parent("arn:aws:states:::states:startExecution.sync")),
            ("Child", """{ "StartAt": "Fail", "States": { "Fail": { "Type": "Fail", "Error": "SomeFailure", "Cause": "This state machines raises a 'SomeFailure' failure." } } }"""));
        var parent = Create(project, "Parent");
        var e = await Assert.ThrowsAsync<StatesException>(() => parent.ExecuteAsync(Json("""{"Input": null, "Name": "TestStartTarget"}""")));
        Assert.Equal("States.TaskFailed", e.Error);
        // task-sync-002: the cause is the child's DescribeExecution, its Error and Cause first.
        Assert.StartsWith("""{"Cause":"This state machines raises a 'SomeFailure' failure.","Error":"SomeFailure","ExecutionArn":"arn:aws:states:local:000000000000:execution:Child:TestStartTarget","Input":"{}",""", e.Cause);
        AssertJson("""
            {
              "Cause": "This state machines raises a 'SomeFailure' failure.", "Error": "SomeFailure",
              "ExecutionArn": "arn:aws:states:local:000000000000:execution:Child:TestStartTarget",
              "Input": "{}", "InputDetails": { "Included": true }, "Name": "TestStartTarget",
              "RedriveCount": 0, "RedriveStatus": "REDRIVABLE",
              "StateMachineArn": "arn:aws:states:local:000000000000:stateMachine:Child", "Status": "FAILED"
            }
            """, WithoutDates(JsonNode.Parse(e.Cause!)));
    }

    [Fact]
    public async Task A_child_that_times_out_fails_the_task_with_its_Timeout_in_the_cause_and_a_Catch_sees_it()
    {
        var parent = """
            { "StartAt": "StartExecution", "States": {
              "StartExecution": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
                "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:111111111111:stateMachine:Slow", "Input": { "Payload": null } },
                "Catch": [ { "ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.error", "Next": "Caught" } ], "End": true },
              "Caught": { "Type": "Pass", "End": true } } }
            """;
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        using var project = Project(("Parent", parent),
            ("Slow", """{ "TimeoutSeconds": 1, "StartAt": "Wait", "States": { "Wait": { "Type": "Wait", "Seconds": 60, "End": true } } }"""));
        var running = Create(project, "Parent", options: new StateMachineOptions { TimeProvider = time }).ExecuteAsync(Json("{}"));
        await WaitUntil(() => { time.Advance(TimeSpan.FromMilliseconds(500)); return running.IsCompleted; });
        var output = await running;
        Assert.Equal("States.TaskFailed", (string?)output!["error"]!["Error"]);
        // task-sync-003: a child that timed out reports States.Timeout.
        var describe = JsonNode.Parse((string)output["error"]!["Cause"]!)!;
        Assert.Equal("States.Timeout", (string?)describe["Error"]);
        Assert.Equal("TIMED_OUT", (string?)describe["Status"]);
        AssertJson("""{"Payload": null}""", describe["Input"]);
    }

    [Fact]
    public async Task StartExecution_returns_the_arn_and_start_date_at_once_while_the_child_runs_on()
    {
        var release = new TaskCompletionSource<JsonNode?>();
        var childInput = new TaskCompletionSource<JsonNode?>();
        var finished = new TaskCompletionSource<ExecutionEvent>();
        using var project = Project(("Parent", Parent("arn:aws:states:::states:startExecution")),
            ("Child", """{ "StartAt": "Work", "States": { "Work": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:work", "End": true } } }"""));
        TaskHandler handler = async (inv, ct) =>
        {
            childInput.TrySetResult(inv.Input);
            return await release.Task;
        };
        var observer = Observe((name, e) => { if (name == "c1" && e.Type == "ExecutionSucceeded") finished.TrySetResult(e); });
        var output = await Create(project, "Parent", handler, new StateMachineOptions { Observer = observer }).ExecuteAsync(Json("""{"Input": {"n": 1}, "Name": "c1"}"""));
        // task-sfn-001: ExecutionArn and StartDate, before the child has finished.
        Assert.Equal(["ExecutionArn", "StartDate"], output!.AsObject().Select(p => p.Key));
        Assert.Equal("arn:aws:states:local:000000000000:execution:Child:c1", (string?)output["ExecutionArn"]);
        AssertJson("""{"n": 1}""", await childInput.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(finished.Task.IsCompleted);
        release.SetResult(Json("""{"done": true}"""));
        var succeeded = await finished.Task.WaitAsync(TimeSpan.FromSeconds(30));
        AssertJson("""{"done": true}""", succeeded.Output);
    }

    [Fact]
    public async Task WaitForTaskToken_gives_the_child_the_token_and_the_parent_continues_when_the_child_answers_it()
    {
        var parent = """
            { "StartAt": "Ask", "States": {
              "Ask": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.waitForTaskToken",
                "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:111111111111:stateMachine:Approver",
                  "Input": { "token.$": "$$.Task.Token", "amount.$": "$.amount" } },
                "End": true } } }
            """;
        // The child answers with the SDK integration a deployed workflow uses, which runs in-process here.
        var approver = """
            { "StartAt": "Decide", "States": {
              "Decide": { "Type": "Pass", "Parameters": { "approved.$": "States.MathAdd($.amount, 0)" }, "ResultPath": "$.decision", "Next": "Answer" },
              "Answer": { "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sfn:sendTaskSuccess",
                "Parameters": { "TaskToken.$": "$.token", "Output.$": "States.JsonToString($.decision)" }, "End": true } } }
            """;
        using var project = Project(("Parent", parent), ("Approver", approver));
        var output = await Create(project, "Parent").ExecuteAsync(Json("""{"amount": 42}""")).WaitAsync(TimeSpan.FromSeconds(30));
        AssertJson("""{"approved": 42}""", output);
    }

    [Fact]
    public async Task A_dynamic_arn_is_resolved_at_run_time_and_one_that_names_no_definition_goes_to_the_handler()
    {
        var parent = """
            { "StartAt": "StartExecution", "States": {
              "StartExecution": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
                "Parameters": { "StateMachineArn.$": "$.arn", "Input": { "k": "v" } }, "OutputPath": "$.Output", "End": true } } }
            """;
        using var project = Project(("Parent", parent), ("Child", PassChild));
        var calls = new ConcurrentQueue<TaskInvocation>();
        var machine = Create(project, "Parent", Returns(inv => { calls.Enqueue(inv); return Json("""{"Output": "from the handler"}"""); }));
        AssertJson("""{"Arg1": "argument1"}""", await machine.ExecuteAsync(Json($$"""{"arn": "{{ChildArn}}"}""")));
        // A version or alias after the name still names the machine.
        AssertJson("""{"Arg1": "argument1"}""", await machine.ExecuteAsync(Json($$"""{"arn": "{{ChildArn}}:PROD"}""")));
        Assert.Empty(calls);
        // Another account's machine is not in the project: the handler runs it, as before.
        AssertJson("\"from the handler\"", await machine.ExecuteAsync(Json("""{"arn": "arn:aws:states:eu-west-1:222222222222:stateMachine:Other"}""")));
        var call = Assert.Single(calls);
        Assert.Equal("arn:aws:states:::states:startExecution.sync:2", call.Resource);
        // errors-028: this machine's own account and region, a name with no definition: the machine does not exist.
        var e = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(Json("""{"arn": "arn:aws:states:local:000000000000:stateMachine:Missing"}""")));
        Assert.Equal("StepFunctions.StateMachineDoesNotExistException", e.Error);
        Assert.StartsWith("State Machine Does Not Exist: 'arn:aws:states:local:000000000000:stateMachine:Missing' (Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist; Request ID: ", e.Cause);
    }

    [Fact]
    public async Task An_unknown_machine_in_the_account_the_project_links_its_machines_under_does_not_exist()
    {
        // Child is linked under us-east-1:111111111111 (a constant ARN), so that account and region are the project's:
        // another name there cannot be a machine that runs elsewhere. Another account's machine goes to the handler.
        var parent = """
            { "StartAt": "Known", "States": {
              "Known": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
                "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:111111111111:stateMachine:Child" }, "ResultPath": null, "Next": "Dynamic" },
              "Dynamic": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
                "Parameters": { "StateMachineArn.$": "$.arn" }, "End": true } } }
            """;
        using var project = Project(("Parent", parent), ("Child", PassChild));
        var machine = Create(project, "Parent", Returns(_ => JsonValue.Create("handled")));
        var e = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(Json("""{"arn": "arn:aws:states:us-east-1:111111111111:stateMachine:Missing"}""")));
        Assert.Equal("StepFunctions.StateMachineDoesNotExistException", e.Error);
        Assert.Equal("handled", (string?)await machine.ExecuteAsync(Json("""{"arn": "arn:aws:states:us-east-1:222222222222:stateMachine:Missing"}""")));
    }

    [Fact]
    public async Task A_duplicate_execution_name_fails_with_ExecutionAlreadyExists()
    {
        var parent = """
            { "StartAt": "Each", "States": {
              "Each": { "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
                "ItemProcessor": { "StartAt": "Start", "States": {
                  "Start": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
                    "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:111111111111:stateMachine:Child", "Name": "same" }, "End": true } } },
                "End": true } } }
            """;
        using var project = Project(("Parent", parent), ("Child", PassChild));
        var e = await Assert.ThrowsAsync<StatesException>(() => Create(project, "Parent").ExecuteAsync(Json("""{"items": [1, 2]}""")));
        Assert.Equal("StepFunctions.ExecutionAlreadyExistsException", e.Error);
        Assert.StartsWith("Execution Already Exists: 'arn:aws:states:local:000000000000:execution:Child:same' (Service: AWSStepFunctions; Status Code: 400; Error Code: ExecutionAlreadyExists;", e.Cause);
    }

    [Fact]
    public async Task The_child_sees_its_own_execution_and_machine_in_the_context_and_the_parent_id_it_was_given()
    {
        var parent = """
            { "StartAt": "Start", "States": {
              "Start": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
                "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:111111111111:stateMachine:Child", "Name": "kid",
                  "Input": { "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id" } },
                "OutputPath": "$.Output", "End": true } } }
            """;
        var child = """
            { "StartAt": "Look", "States": { "Look": { "Type": "Pass", "Parameters": {
              "id.$": "$$.Execution.Id", "name.$": "$$.Execution.Name", "machine.$": "$$.StateMachine.Id", "machineName.$": "$$.StateMachine.Name",
              "parent.$": "$.AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID" }, "End": true } } }
            """;
        using var project = Project(("Parent", parent), ("Child", child));
        var result = await Create(project, "Parent").Machine.StartExecutionAsync(Json("{}"), "mom");
        AssertJson("""
            {
              "id": "arn:aws:states:local:000000000000:execution:Child:kid", "name": "kid",
              "machine": "arn:aws:states:local:000000000000:stateMachine:Child", "machineName": "Child",
              "parent": "arn:aws:states:local:000000000000:execution:Parent:mom"
            }
            """, result.Output);
        // The parent's history has AWS's task events for the start; the child's are its own.
        Assert.Equal(["TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited"],
            result.Events.Where(e => e.StateName == "Start" || e.Type.StartsWith("Task", StringComparison.Ordinal)).Select(e => e.Type));
    }

    [Fact]
    public async Task Cancelling_the_parent_aborts_its_synchronous_child()
    {
        var childCancelled = new TaskCompletionSource();
        var childStarted = new TaskCompletionSource();
        var events = new ConcurrentQueue<(string, string)>();
        using var project = Project(("Parent", Parent("arn:aws:states:::states:startExecution.sync")),
            ("Child", """{ "StartAt": "Work", "States": { "Work": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:work", "End": true } } }"""));
        TaskHandler handler = async (inv, ct) =>
        {
            childStarted.TrySetResult();
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { childCancelled.TrySetResult(); throw; }
            return null;
        };
        using var cts = new CancellationTokenSource();
        var machine = Create(project, "Parent", handler, new StateMachineOptions { Observer = Observe((n, e) => events.Enqueue((n, e.Type))) });
        var running = machine.ExecuteAsync(Json("""{"Input": {}, "Name": "kid"}"""), cts.Token);
        await childStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await childCancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await WaitUntil(() => events.Contains(("kid", "ExecutionAborted")));
    }

    [Fact]
    public async Task A_parent_that_times_out_aborts_its_synchronous_child()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        var events = new ConcurrentQueue<(string, string)>();
        var parent = """
            { "TimeoutSeconds": 5, "StartAt": "Start", "States": {
              "Start": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync",
                "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:111111111111:stateMachine:Child", "Name": "slow-kid" }, "End": true } } }
            """;
        using var project = Project(("Parent", parent),
            ("Child", """{ "StartAt": "Wait", "States": { "Wait": { "Type": "Wait", "Seconds": 3600, "End": true } } }"""));
        var machine = Create(project, "Parent", options: new StateMachineOptions { TimeProvider = time, Observer = Observe((n, e) => events.Enqueue((n, e.Type))) });
        var running = machine.Machine.StartExecutionAsync(Json("{}"), "mom");
        await WaitUntil(() => { time.Advance(TimeSpan.FromSeconds(1)); return running.IsCompleted; });
        var result = await running;
        Assert.Equal(ExecutionStatus.TimedOut, result.Status);
        await WaitUntil(() => events.Contains(("slow-kid", "ExecutionAborted")));
        Assert.DoesNotContain(("slow-kid", "ExecutionSucceeded"), events);
    }

    [Fact]
    public async Task A_parent_built_from_typed_handlers_gives_them_to_a_child_whose_ITasks_they_implement_too()
    {
        var source = """
            using System.Text.Json.Nodes;
            using System.Threading.Tasks;
            using StatesGen;
            namespace TestProject;
            public sealed class BothTasks : Parent.ITasks, Child.ITasks
            {
                public ValueTask<JsonNode?> StartExecutionAsync(JsonNode? input, TaskContext context) => throw new System.InvalidOperationException("linked: never called");
                public ValueTask<JsonNode?> WorkAsync(JsonNode? input, TaskContext context) => new(JsonValue.Create("typed " + (string?)input!["who"]));
            }
            """;
        var run = GeneratorHarness.Run([new AslFile("Parent.asl.json", Parent("arn:aws:states:::states:startExecution.sync:2")),
            new AslFile("Child.asl.json", """{ "StartAt": "Work", "States": { "Work": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:work", "End": true } } }""")],
            new HarnessOptions { CSharpSources = [source] }).AssertClean();
        using var assembly = run.Load();
        var tasksType = assembly.GetType("TestProject.BothTasks");
        var parentType = assembly.GetType("TestProject.Parent");
        var parent = (IStateMachine)Activator.CreateInstance(parentType, Activator.CreateInstance(tasksType), null)!;
        var output = await parent.ExecuteAsync(Json("""{"Input": {"who": "me"}, "Name": "k"}"""));
        AssertJson("\"typed me\"", output!["Output"]);
    }

}
