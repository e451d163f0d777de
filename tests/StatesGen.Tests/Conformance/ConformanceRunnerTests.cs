using System.Text.Json.Nodes;
using StatesGen.Tests.Infrastructure;

namespace StatesGen.Tests.Conformance;

/// <summary>The gate itself: what makes a case pass or fail, on fake time, and how the known differences are held.</summary>
public sealed class ConformanceRunnerTests
{
    private const string Lambda = "arn:aws:lambda:us-east-1:111111111111:function:f";

    [Fact]
    public async Task A_case_passes_only_with_the_recorded_outcome_cause_states_and_task_calls()
    {
        CaseFile[] cases =
        [
            Case("retried", $$"""
                "definition": { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "{{Lambda}}",
                  "Retry": [ { "ErrorEquals": ["Busy"], "IntervalSeconds": 2, "MaxAttempts": 1 } ], "End": true } } },
                "tasks": { "T": { "byInput": [ { "input": {}, "fail": { "error": "Busy", "cause": "later" } }, { "input": {}, "return": 1 } ] } },
                "expected": { "output": 1 }, "reached": ["T"]
                """),
            Case("other-cause", """
                "definition": { "StartAt": "F", "States": { "F": { "Type": "Fail", "Error": "E", "Cause": "actual" } } },
                "expected": { "error": "E", "cause": "recorded" }
                """),
            // Retried once more than recorded: the last failure comes again from a reused entry, with the same error.
            Case("extra-call", $$"""
                "definition": { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "{{Lambda}}",
                  "Retry": [ { "ErrorEquals": ["Busy"], "IntervalSeconds": 1, "MaxAttempts": 2 } ], "End": true } } },
                "tasks": { "T": { "byInput": [ { "input": {}, "fail": { "error": "Busy", "cause": "c" } }, { "input": {}, "fail": { "error": "Busy", "cause": "c" } } ] } },
                "expected": { "error": "Busy", "cause": "c" }
                """),
            Case("missing-call", $$"""
                "definition": { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "{{Lambda}}", "End": true } } },
                "tasks": { "T": { "byInput": [ { "input": {}, "return": 1 }, { "input": { "again": true }, "return": 2 } ] } },
                "expected": { "output": 1 }
                """),
            // A Catch turns the unmocked call's Harness.UnmockedTask into the recorded output.
            Case("unmocked-call-caught", $$"""
                "definition": { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "{{Lambda}}",
                  "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "Caught" } ], "End": true },
                  "Caught": { "Type": "Pass", "Result": "caught", "End": true } } },
                "expected": { "output": "caught" }
                """),
            Case("not-reached", """
                "definition": { "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "B" }, "B": { "Type": "Pass", "End": true } } },
                "expected": { "output": {} }, "reached": ["A"]
                """),
            Case("reached-in-another-order", """
                "definition": { "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "B" }, "B": { "Type": "Pass", "End": true } } },
                "expected": { "output": {} }, "reached": ["B", "A"]
                """),
            // A day of Wait within the 20 s case timeout: only fake time can pass this.
            Case("long-wait", """
                "definition": { "StartAt": "W", "States": { "W": { "Type": "Wait", "Seconds": 86400, "End": true } } },
                "expected": { "output": { "v": 1 } }, "input": { "v": 1 }, "reached": ["W"]
                """),
            // The task's timeout fires first when the (fake) work takes longer, and not when it takes less.
            Case("timeout-fires", $$"""
                "definition": { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "{{Lambda}}", "TimeoutSeconds": 1, "End": true } } },
                "tasks": { "T": { "delayMs": 3000, "return": "late" } },
                "expected": { "error": "States.Timeout", "cause": "The task 'T' did not complete within TimeoutSeconds (1)." }
                """),
            Case("timeout-not-reached", $$"""
                "definition": { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "{{Lambda}}", "TimeoutSeconds": 1, "End": true } } },
                "tasks": { "T": { "delayMs": 900, "return": "in time" } },
                "expected": { "output": "in time" }
                """),
            // One branch waits and then fails, which cancels its sibling: the sibling must have run all it could
            // before the clock moved, as it does on a real clock (its task call and both its states are recorded).
            Case("sibling-before-wait", $$"""
                "definition": { "StartAt": "P", "States": { "P": { "Type": "Parallel", "End": true, "Branches": [
                  { "StartAt": "Sleep", "States": { "Sleep": { "Type": "Wait", "Seconds": 5, "Next": "Boom" }, "Boom": { "Type": "Fail", "Error": "Boom", "Cause": "after 5 s" } } },
                  { "StartAt": "Work", "States": { "Work": { "Type": "Task", "Resource": "{{Lambda}}", "Next": "More" },
                                                   "More": { "Type": "Pass", "End": true } } } ] } } },
                "tasks": { "Work": { "byInput": [ { "input": {}, "return": {} } ] } },
                "expected": { "error": "Boom", "cause": "after 5 s" }, "reached": ["P", "Sleep", "Work", "More", "Boom"]
                """),
        ];

        var run = await new ConformanceRunner(new ConformanceRunnerOptions { CaseTimeout = TimeSpan.FromSeconds(20) }).RunAsync(cases);

        var statuses = run.Results.ToDictionary(r => r.Case.Id, r => r.StatusName);
        Assert.Equal(new Dictionary<string, string>
        {
            ["retried"] = "pass",
            ["other-cause"] = "wrong-cause",
            ["extra-call"] = "wrong-task-calls",
            ["missing-call"] = "wrong-task-calls",
            ["unmocked-call-caught"] = "wrong-task-calls",
            ["not-reached"] = "wrong-reached",
            ["reached-in-another-order"] = "wrong-reached",
            ["long-wait"] = "pass",
            ["timeout-fires"] = "pass",
            ["timeout-not-reached"] = "pass",
            ["sibling-before-wait"] = "pass",
        }, statuses);
        var results = run.Results.ToDictionary(r => r.Case.Id);
        Assert.Contains("\"T\" was called more often", results["extra-call"].Detail);
        Assert.Contains("\"T\" was not called with {\"again\":true}", results["missing-call"].Detail);
        Assert.Contains("no behaviour for task state \"T\"", results["unmocked-call-caught"].Detail);
        Assert.Equal(TimeSpan.FromSeconds(2), results["retried"].Waited);
        Assert.Equal(TimeSpan.FromDays(1), results["long-wait"].Waited);
        Assert.Equal(TimeSpan.FromSeconds(1), results["timeout-fires"].Waited);
        Assert.Equal(TimeSpan.FromMilliseconds(900), results["timeout-not-reached"].Waited);
        Assert.Equal(TimeSpan.FromSeconds(5), results["sibling-before-wait"].Waited);
    }

    [Theory]
    // The top level runs one state at a time: its order counts.
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "B" }, "B": { "Type": "Pass", "End": true } } }""", "A,B", "A,B", true)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "B" }, "B": { "Type": "Pass", "End": true } } }""", "A,B", "B,A", false)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "B" }, "B": { "Type": "Pass", "End": true } } }""", "A,B", "A", false)]
    // Two branches race each other, but each branch keeps its own order.
    [InlineData(Parallel, "P,A1,B1,A2,B2", "P,B1,B2,A1,A2", true)]
    [InlineData(Parallel, "P,A1,B1,A2,B2", "P,A2,A1,B1,B2", false)]
    // A concurrent Map's iterations race: its states are a set; a DISTRIBUTED Map's are in child executions' histories.
    [InlineData(Maps, "M,X,Y,D", "M,Y,X,D,Z", true)]
    [InlineData(Maps, "M,X,Y,D", "M,Y,X", false)]
    public void Reached_states_keep_the_order_of_each_sequential_path(string definition, string expected, string actual, bool match)
    {
        var difference = ReachedStates.Compare(JsonNode.Parse(definition)!.AsObject(), expected.Split(','), actual.Split(','));
        Assert.True((difference is null) == match, difference ?? "matched");
    }

    private const string Parallel = """
        { "StartAt": "P", "States": { "P": { "Type": "Parallel", "End": true, "Branches": [
          { "StartAt": "A1", "States": { "A1": { "Type": "Pass", "Next": "A2" }, "A2": { "Type": "Pass", "End": true } } },
          { "StartAt": "B1", "States": { "B1": { "Type": "Pass", "Next": "B2" }, "B2": { "Type": "Pass", "End": true } } } ] } } }
        """;

    private const string Maps = """
        { "StartAt": "M", "States": {
          "M": { "Type": "Map", "Next": "D", "ItemProcessor": { "StartAt": "X", "States": {
            "X": { "Type": "Choice", "Choices": [ { "Variable": "$", "NumericEquals": 1, "Next": "Y" } ], "Default": "Y" },
            "Y": { "Type": "Pass", "End": true } } } },
          "D": { "Type": "Map", "End": true, "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" },
            "StartAt": "Z", "States": { "Z": { "Type": "Pass", "End": true } } } } } }
        """;

    [Fact]
    public void Known_differences_fail_on_new_differences_fixed_cases_other_statuses_and_stale_entries()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("statesgen-known-").FullName, "known.json");
        File.WriteAllText(path, """
            // comments are allowed
            {
              "fixed-001": { "status": "wrong-cause", "differs": "d", "reason": "r" },
              "still-001": { "status": "wrong-cause", "differs": "d", "reason": "r" },
              "changed-001": { "status": "wrong-cause", "differs": "d", "reason": "r" },
              "gone-001": { "status": "wrong-cause", "differs": "d", "reason": "r" }
            }
            """);
        var known = KnownDifferences.Load(path);
        CaseResult Result(string id, CaseStatus status) =>
            new(CaseFile.Parse("""{ "definition": { "StartAt": "S", "States": { "S": { "Type": "Succeed" } } }, "expected": { "output": null } }""", $"/x/{id}.case.json"),
                "Harness.C", status, "detail", TimeSpan.Zero);

        var problems = known.Check([
            Result("fixed-001", CaseStatus.Pass), Result("still-001", CaseStatus.WrongCause), Result("changed-001", CaseStatus.WrongOutput),
            Result("new-001", CaseStatus.WrongReached), Result("fine-001", CaseStatus.Pass)]);

        Assert.Collection(problems,
            p => Assert.StartsWith("changed-001 fails as wrong-output, listed as wrong-cause", p),
            p => Assert.StartsWith("fixed-001 passes now: remove it", p),
            p => Assert.StartsWith("new-001 fails: wrong-reached", p),
            p => Assert.StartsWith("gone-001 is listed but there is no such case", p));
        File.Delete(path);
    }

    // A case with the given fields; input and tasks default to {}.
    private static CaseFile Case(string id, string fields)
    {
        var raw = JsonNode.Parse("{" + fields + "}")!.AsObject();
        raw.TryAdd("input", new JsonObject());
        raw.TryAdd("tasks", new JsonObject());
        return CaseFile.Parse(raw.ToJsonString(), $"/cases/{id}.case.json");
    }
}
