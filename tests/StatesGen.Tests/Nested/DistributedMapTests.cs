using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using StatesGen.Durability;
using StatesGen.Sqlite;
using StatesGen.Tests.Infrastructure;
using static StatesGen.Tests.Execution.Compiled;

namespace StatesGen.Tests.Nested;

/// <summary>
/// A DISTRIBUTED Map runs each item as a child workflow execution of its item processor (state-map-distributed.html):
/// its own execution name and ARN (the child state machine is stateMachine:Parent/Label, concepts-examine-map-run.html),
/// <c>$$.Execution</c> from the child's point of view, and its own history. The parent's history shows the Map Run
/// (MapRunStarted with mapRunArn, MapRunSucceeded, MapRunFailed with the error: LocalStack's AWS-validated snapshots in
/// tests/aws/services/stepfunctions/v2/scenarios/test_base_scenarios.snapshot.json), and ToleratedFailureCount and
/// ToleratedFailurePercentage count failed child executions; by default the Map Run fails with
/// States.ExceedToleratedFailureThreshold ("The specified tolerated failure threshold was exceeded", AWS-validated in
/// test_state_configuration.snapshot.json) when any child fails.
/// </summary>
public sealed class DistributedMapTests : IDisposable
{
    private readonly StoreDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static string Flow(string processorStates, string startAt = "Work", string extra = "", string executionType = "STANDARD") => $$"""
        { "StartAt": "Fan Out", "States": {
          "Fan Out": { "Type": "Map", "ItemsPath": "$.items", "Label": "Orders", "MaxConcurrency": 2 {{extra}},
            "ItemSelector": { "id.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index" },
            "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "{{executionType}}" },
              "StartAt": "{{startAt}}", "States": { {{processorStates}} } },
            "End": true } } }
        """;

    private const string WorkTask = """ "Work": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:work", "End": true } """;

    [Fact]
    public async Task Each_item_is_a_child_execution_with_its_own_context_and_the_parent_history_shows_the_map_run()
    {
        var look = """
            "Look": { "Type": "Pass", "Parameters": {
              "id.$": "$$.Execution.Id", "name.$": "$$.Execution.Name", "input.$": "$$.Execution.Input",
              "machine.$": "$$.StateMachine.Id", "machineName.$": "$$.StateMachine.Name" }, "End": true }
            """;
        var children = new ConcurrentDictionary<string, ConcurrentQueue<string>>();
        var observer = Observe((name, e) => children.GetOrAdd(name, _ => new()).Enqueue(e.Type));
        var machine = Machine(Flow(look, "Look"), Returns(_ => null), new StateMachineOptions { Observer = observer }).Machine;
        var result = await machine.StartExecutionAsync(Json("""{"items": ["a", "b", "c"], "batch": 7}"""), "parent");
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        var outputs = result.Output!.AsArray();
        Assert.Equal(3, outputs.Count);
        for (int i = 0; i < 3; i++)
        {
            var o = outputs[i]!;
            var name = (string)o["name"]!;
            Assert.True(Guid.TryParse(name, out _), name);
            Assert.Equal("arn:aws:states:local:000000000000:execution:Flow/Orders:" + name, (string?)o["id"]);
            Assert.Equal("arn:aws:states:local:000000000000:stateMachine:Flow/Orders", (string?)o["machine"]);
            Assert.Equal("Flow/Orders", (string?)o["machineName"]);
            // Results in item order; each child's input is its ItemSelector output.
            AssertJson($$"""{"id": "{{"abc"[i]}}", "index": {{i}}}""", o["input"]);
            Assert.Equal(["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"], children[name]);
        }
        Assert.Equal(3, outputs.Select(o => (string)o!["name"]!).Distinct().Count());
        var types = result.Events.Select(e => e.Type).ToList();
        Assert.Equal(["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"], types);
        var mapRunArn = result.Events.Single(e => e.Type == "MapRunStarted").Resource!;
        Assert.Matches("^arn:aws:states:local:000000000000:mapRun:Flow/Orders:[0-9a-f-]{36}$", mapRunArn);
        Assert.Equal(Enumerable.Range(1, types.Count).Select(i => (long)i), result.Events.Select(e => e.Id));
    }

    [Fact]
    public async Task A_failed_child_fails_the_map_run_unless_it_is_tolerated()
    {
        TaskHandler handler = Returns(inv => (string?)inv.Input!["id"] == "b" ? throw new StatesException("Work.Failed", "no b") : JsonValue.Create("did " + inv.Input["id"]));
        var strict = Machine(Flow(WorkTask), handler).Machine;
        var failed = await strict.StartExecutionAsync(Json("""{"items": ["a", "b", "c"]}"""));
        Assert.Equal(ExecutionStatus.Failed, failed.Status);
        Assert.Equal("States.ExceedToleratedFailureThreshold", failed.Error);
        Assert.Equal("The specified tolerated failure threshold was exceeded", failed.Cause);
        var runFailed = failed.Events.Single(e => e.Type == "MapRunFailed");
        Assert.Equal("States.ExceedToleratedFailureThreshold", runFailed.Error);
        Assert.Null(failed.Events.Single(e => e.Type == "MapStateFailed").Error);

        var tolerant = Machine(Flow(WorkTask, extra: """, "ToleratedFailureCount": 1"""), handler).Machine;
        var output = await tolerant.ExecuteAsync(Json("""{"items": ["a", "b", "c"]}"""));
        Assert.Equal("did a", (string?)output![0]);
        AssertJson("""{"Error": "Work.Failed", "Cause": "no b"}""", output[1]);
        Assert.Equal("did c", (string?)output[2]);
    }

    [Fact]
    public async Task Standard_children_are_stored_executions_and_express_children_are_not()
    {
        using var store = _directory.Open();
        var options = new StateMachineOptions { Store = store, LeaseDuration = TimeSpan.FromSeconds(3) };
        const string ChildMachine = "arn:aws:states:local:000000000000:stateMachine:Flow/Orders";
        var standard = Machine(Flow(WorkTask), Returns(inv => inv.Input!["id"]), options).Machine;
        Assert.Equal(ExecutionStatus.Succeeded, (await standard.StartExecutionAsync(Json("""{"items": [1, 2]}"""), "s1")).Status);
        var stored = (await store.ListExecutionsAsync(new ExecutionQuery { StateMachine = ChildMachine })).Executions;
        Assert.Equal(2, stored.Count);
        Assert.All(stored, e => Assert.Equal(ExecutionStatus.Succeeded, e.Status));

        var express = Machine(Flow(WorkTask, executionType: "EXPRESS"), Returns(inv => inv.Input!["id"]), options, name: "Quick").Machine;
        var result = await express.StartExecutionAsync(Json("""{"items": [1, 2]}"""), "e1");
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        AssertJson("[1, 2]", result.Output);
        Assert.Empty((await store.ListExecutionsAsync(new ExecutionQuery { StateMachine = "arn:aws:states:local:000000000000:stateMachine:Quick/Orders" })).Executions);
    }

    [Fact]
    public async Task Redriving_the_parent_runs_only_the_failed_children_again()
    {
        using var store = _directory.Open();
        var options = new StateMachineOptions { Store = store, LeaseDuration = TimeSpan.FromSeconds(3) };
        var calls = new ConcurrentDictionary<int, int>();
        bool broken = true;
        TaskHandler handler = Returns(inv =>
        {
            int id = (int)inv.Input!["id"]!;
            calls.AddOrUpdate(id, 1, (_, n) => n + 1);
            if (id == 2 && Volatile.Read(ref broken)) throw new StatesException("Work.Failed", "2 is broken");
            return JsonValue.Create(id * 10);
        });
        var machine = Machine(Flow(WorkTask), handler, options).Machine;
        var failed = await machine.StartExecutionAsync(Json("""{"items": [1, 2, 3]}"""), "run-1");
        Assert.Equal(ExecutionStatus.Failed, failed.Status);
        Assert.Equal("States.ExceedToleratedFailureThreshold", failed.Error);

        Volatile.Write(ref broken, false);
        var redriven = await machine.RedriveExecutionAsync("run-1");
        Assert.Equal(ExecutionStatus.Succeeded, redriven.Status);
        AssertJson("[10, 20, 30]", redriven.Output);
        // Item 2 ran twice (its child was redriven); the children that had succeeded gave their results again without running.
        Assert.Equal(2, calls[2]);
        Assert.True(calls[1] <= 1 && calls[3] <= 1, $"calls: 1 -> {calls.GetValueOrDefault(1)}, 3 -> {calls.GetValueOrDefault(3)}");
        var children = (await store.ListExecutionsAsync(new ExecutionQuery { StateMachine = "arn:aws:states:local:000000000000:stateMachine:Flow/Orders" })).Executions;
        Assert.Equal(3, children.Count(c => c.Status == ExecutionStatus.Succeeded) + children.Count(c => c.Status == ExecutionStatus.Aborted));
        var two = Assert.Single(children, c => c.RedriveCount == 1);
        Assert.Equal(ExecutionStatus.Succeeded, two.Status);
    }

}
