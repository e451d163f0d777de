using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using StatesGen.Durability;
using StatesGen.Sqlite;
using StatesGen.Tests.Infrastructure;
using static StatesGen.Tests.Execution.Compiled;

namespace StatesGen.Tests.Nested;

/// <summary>
/// Nested executions with a store: the child is a durable execution of its own; a parent resumed after its run stopped
/// reattaches to the child it started instead of starting another; stopping the parent stops its .sync child (AWS's
/// "Run a Job" pattern: an aborted startExecution.sync task calls StopExecution on the child).
/// </summary>
public sealed class DurableNestedTests : IDisposable
{
    private readonly StoreDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private SqliteExecutionStore Store() => _directory.Open();

    private const string Parent = """
        { "StartAt": "Run Child", "States": {
          "Run Child": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
            "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:111111111111:stateMachine:Child", "Input.$": "$" },
            "OutputPath": "$.Output", "Next": "After" },
          "After": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:after", "End": true } } }
        """;

    private const string Child = """
        { "StartAt": "Work", "States": { "Work": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:work", "End": true } } }
        """;

    private static CompiledAssembly Project() =>
        GeneratorHarness.Run([new AslFile("Parent.asl.json", Parent), new AslFile("Child.asl.json", Child)]).AssertClean().Load();

    private static StateMachineOptions Options(IExecutionStore store) => new() { Store = store, LeaseDuration = TimeSpan.FromSeconds(3) };

    [Fact]
    public async Task The_child_is_a_stored_execution_of_its_own()
    {
        using var store = Store();
        using var project = Project();
        var parent = project.Create("TestProject.Parent", Returns(inv => inv.StateName == "Work" ? Json("""{"worked": true}""") : inv.Input), Options(store)).Machine;
        var result = await parent.StartExecutionAsync(Json("""{"order": 7}"""), "p1");
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        AssertJson("""{"worked": true}""", result.Output);
        var child = project.Create("TestProject.Child", Returns(_ => null), Options(store)).Machine;
        var page = await child.ListExecutionsAsync();
        var stored = Assert.Single(page.Executions);
        Assert.Equal(ExecutionStatus.Succeeded, stored.Status);
        var described = await child.DescribeExecutionAsync(stored.Name);
        AssertJson("""{"worked": true}""", described!.Output);
        Assert.Equal("ExecutionSucceeded", described.Events[^1].Type);
    }

    [Fact]
    public async Task A_resumed_parent_reattaches_to_the_child_it_started_instead_of_starting_another()
    {
        using var store = Store();
        using var project = Project();
        var workKeys = new ConcurrentQueue<string>();
        var workStarted = new TaskCompletionSource();
        using var host = new CancellationTokenSource();
        TaskHandler first = async (inv, ct) =>
        {
            if (inv.StateName != "Work") throw new InvalidOperationException("the first run stops inside the child");
            workKeys.Enqueue(inv.IdempotencyKey);
            workStarted.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        };
        var running = project.Create("TestProject.Parent", first, Options(store)).Machine.StartExecutionAsync(Json("""{"order": 7}"""), "p1", host.Token);
        await workStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // The host stops: both runs stop, and both executions stay running in the store.
        host.Cancel();
        var stopped = await running;
        Assert.Equal(ExecutionStatus.Running, stopped.Status);
        var child = project.Create("TestProject.Child", Returns(_ => null), Options(store)).Machine;
        var children = (await child.ListExecutionsAsync()).Executions;
        Assert.Equal(ExecutionStatus.Running, Assert.Single(children).Status);

        int afterCalls = 0;
        TaskHandler second = (inv, ct) =>
        {
            if (inv.StateName == "Work")
            {
                workKeys.Enqueue(inv.IdempotencyKey);
                return ValueTask.FromResult<JsonNode?>(Json("""{"worked": "again"}"""));
            }
            Interlocked.Increment(ref afterCalls);
            return ValueTask.FromResult(inv.Input);
        };
        var resumed = await project.Create("TestProject.Parent", second, Options(store)).Machine.ResumeExecutionAsync("p1").WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(ExecutionStatus.Succeeded, resumed.Status);
        AssertJson("""{"worked": "again"}""", resumed.Output);
        Assert.Equal(1, afterCalls);
        // One child execution, resumed: its in-flight task was invoked again with the same idempotency key.
        children = (await child.ListExecutionsAsync()).Executions;
        Assert.Equal(ExecutionStatus.Succeeded, Assert.Single(children).Status);
        Assert.Equal(2, workKeys.Count);
        Assert.Single(workKeys.Distinct());
    }

    [Fact]
    public async Task A_stored_child_answers_its_parents_task_token_through_the_store_and_a_closed_name_is_taken()
    {
        var parent = """
            { "StartAt": "Ask", "States": {
              "Ask": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.waitForTaskToken",
                "Parameters": { "StateMachineArn": "arn:aws:states:us-east-1:111111111111:stateMachine:Approver", "Name.$": "$.child",
                  "Input": { "token.$": "$$.Task.Token", "amount.$": "$.amount" } },
                "End": true } } }
            """;
        var approver = """
            { "StartAt": "Answer", "States": {
              "Answer": { "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sfn:sendTaskSuccess",
                "Parameters": { "TaskToken.$": "$.token", "Output.$": "States.JsonToString($)" }, "ResultPath": null, "End": true } } }
            """;
        using var store = Store();
        using var project = GeneratorHarness.Run([new AslFile("Parent.asl.json", parent), new AslFile("Approver.asl.json", approver)]).AssertClean().Load();
        var machine = project.Create("TestProject.Parent", Returns(_ => throw new InvalidOperationException("answered in-process")), Options(store)).Machine;
        var result = await machine.StartExecutionAsync(Json("""{"amount": 5, "child": "kid"}"""), "p1").WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(5, (int)result.Output!["amount"]!);
        var child = await project.Create("TestProject.Approver", Returns(_ => null), Options(store)).Machine.DescribeExecutionAsync("kid");
        Assert.Equal(ExecutionStatus.Succeeded, child!.Status);

        // AWS never reuses the name of a closed execution.
        var again = await machine.StartExecutionAsync(Json("""{"amount": 6, "child": "kid"}"""), "p2");
        Assert.Equal(ExecutionStatus.Failed, again.Status);
        Assert.Equal("StepFunctions.ExecutionAlreadyExistsException", again.Error);
        Assert.StartsWith("Execution Already Exists: 'arn:aws:states:local:000000000000:execution:Approver:kid'", again.Cause);
    }

    [Fact]
    public async Task Stopping_a_parent_that_no_process_runs_stops_its_synchronous_child_too()
    {
        using var store = Store();
        using var project = Project();
        var workStarted = new TaskCompletionSource();
        using var host = new CancellationTokenSource();
        TaskHandler handler = async (inv, ct) =>
        {
            workStarted.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        };
        var running = project.Create("TestProject.Parent", handler, Options(store)).Machine.StartExecutionAsync(Json("{}"), "p1", host.Token);
        await workStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        host.Cancel();
        Assert.Equal(ExecutionStatus.Running, (await running).Status);
        var child = project.Create("TestProject.Child", Returns(_ => null), Options(store)).Machine;
        Assert.Equal(ExecutionStatus.Running, Assert.Single((await child.ListExecutionsAsync()).Executions).Status);

        // Nothing runs either execution now: the stop finds the child in the parent's journal.
        var parent = project.Create("TestProject.Parent", handler, Options(store)).Machine;
        Assert.Equal(ExecutionStatus.Aborted, (await parent.StopExecutionAsync("p1"))!.Status);
        Assert.Equal(ExecutionStatus.Aborted, Assert.Single((await child.ListExecutionsAsync()).Executions).Status);
    }

    [Fact]
    public async Task Stopping_the_parent_stops_its_synchronous_child()
    {
        using var store = Store();
        using var project = Project();
        var workStarted = new TaskCompletionSource();
        TaskHandler handler = async (inv, ct) =>
        {
            workStarted.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        };
        var parent = project.Create("TestProject.Parent", handler, Options(store)).Machine;
        var running = parent.StartExecutionAsync(Json("{}"), "p1");
        await workStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var stopped = await parent.StopExecutionAsync("p1", "Operator.Stop", "changed our mind");
        Assert.Equal(ExecutionStatus.Aborted, stopped!.Status);
        var result = await running.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ExecutionStatus.Aborted, result.Status);
        var child = project.Create("TestProject.Child", Returns(_ => null), Options(store)).Machine;
        await WaitUntil(() => child.ListExecutionsAsync().Result.Executions.Single().Status == ExecutionStatus.Aborted);
    }
}
