using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using StatesGen.Tests.Generator;
using static StatesGen.Tests.Execution.Compiled;

namespace StatesGen.Tests.Execution;

/// <summary>
/// Workflow variables (Assign, $name) with AWS's semantics.
/// Guide: https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html; recorded behaviour in
/// ../shared/conformance/aws-recorded assign-*.case.json (cited per test).
/// </summary>
public class VariablesTests
{
    private static readonly TaskHandler NoTasks = (inv, _) => throw new InvalidOperationException("no task expected: " + inv.StateName);

    [Fact]
    public async Task Every_reference_inside_a_state_sees_the_values_at_state_entry()
    {
        // assign-019: OutputPath "$answer" in the state that assigns "answer" reads the old value.
        var machine = Machine("""
            { "StartAt": "A", "States": {
              "A": { "Type": "Pass", "Assign": { "n": 1 }, "Next": "B" },
              "B": { "Type": "Pass", "Parameters": { "seen.$": "$n" },
                     "Assign": { "n.$": "States.MathAdd($n, 1)", "before.$": "$n" }, "Next": "C" },
              "C": { "Type": "Pass", "Parameters": { "n.$": "$n", "before.$": "$before", "fromB.$": "$.seen" }, "End": true } } }
            """, NoTasks);
        AssertJson("""{ "n": 2, "before": 1, "fromB": 1 }""", await machine.ExecuteAsync(Json("{}")));
    }

    [Fact]
    public async Task Dollar_in_Assign_is_the_result_for_Pass_and_Task_and_the_input_for_Choice()
    {
        // assign-013/014 (Pass: Parameters or Result), assign-021 (Task: the task result), assign-015 (Choice: input).
        var machine = Machine("""
            { "StartAt": "P", "States": {
              "P": { "Type": "Pass", "Result": { "r": "pass-result" }, "ResultPath": "$.p", "Assign": { "fromPass.$": "$.r" }, "Next": "T" },
              "T": { "Type": "Task", "Resource": "r", "ResultPath": null, "Assign": { "fromTask.$": "$.value" }, "Next": "C" },
              "C": { "Type": "Choice", "Choices": [ { "Variable": "$.p.r", "StringEquals": "pass-result", "Next": "Done" } ],
                     "Assign": { "fromChoice.$": "$.p.r" }, "Default": "Done" },
              "Done": { "Type": "Pass", "Parameters": { "a.$": "$fromPass", "b.$": "$fromTask", "c.$": "$fromChoice" }, "End": true } } }
            """, Returns(_ => Json("""{ "value": "task-result" }""")));
        AssertJson("""{ "a": "pass-result", "b": "task-result", "c": "pass-result" }""", await machine.ExecuteAsync(Json("{}")));
    }

    [Theory]
    [InlineData(42, "rule")]
    [InlineData(7, "default")]
    public async Task A_matching_rule_with_Assign_replaces_the_Choice_states_Assign(int value, string expected)
    {
        // assign-006/007: the matched rule's Assign only; the state's own Assign when Default is taken.
        var machine = Machine("""
            { "StartAt": "C", "States": {
              "C": { "Type": "Choice", "Choices": [ { "Variable": "$.v", "NumericEquals": 42, "Assign": { "who": "rule" }, "Next": "Done" } ],
                     "Assign": { "who": "default", "other": 1 }, "Default": "Done" },
              "Done": { "Type": "Pass", "Parameters": { "who.$": "$who" }, "End": true } } }
            """, NoTasks);
        AssertJson($$"""{ "who": "{{expected}}" }""", await machine.ExecuteAsync(Json($$"""{ "v": {{value}} }""")));
    }

    [Fact]
    public async Task A_catchers_Assign_replaces_the_states_and_sees_the_error_output()
    {
        // assign-018: the catcher's Assign runs with $ = the error output; the failed state's own Assign is not applied.
        var machine = Machine("""
            { "StartAt": "T", "States": {
              "T": { "Type": "Task", "Resource": "r", "Assign": { "status": "ok" },
                     "Catch": [ { "ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Assign": { "status": "failed", "why.$": "$.Cause" }, "Next": "Done" } ], "End": true },
              "Done": { "Type": "Pass", "Parameters": { "status.$": "$status", "why.$": "$why", "error.$": "$.error.Error" }, "End": true } } }
            """, (_, _) => throw new StatesException("Boom", "it broke"));
        AssertJson("""{ "status": "failed", "why": "it broke", "error": "Boom" }""", await machine.ExecuteAsync(Json("{}")));
    }

    [Fact]
    public async Task Map_iterations_read_outer_variables_and_keep_their_own_apart()
    {
        // assign-004/010: iterations read the outer scope; each iteration's variables are its own, even concurrently.
        var seen = new ConcurrentDictionary<int, string>();
        var machine = Machine("""
            { "StartAt": "Init", "States": {
              "Init": { "Type": "Pass", "Assign": { "prefix": "item-" }, "Next": "M" },
              "M": { "Type": "Map", "MaxConcurrency": 0, "ItemProcessor": { "StartAt": "Keep", "States": {
                  "Keep": { "Type": "Pass", "Assign": { "mine.$": "States.Format('{}{}', $prefix, $)" }, "Next": "Work" },
                  "Work": { "Type": "Task", "Resource": "r", "Parameters": { "mine.$": "$mine", "i.$": "$" }, "End": true } } },
                "Next": "After" },
              "After": { "Type": "Pass", "Parameters": { "prefix.$": "$prefix", "results.$": "$" }, "End": true } } }
            """, async (inv, ct) =>
            {
                // Let the iterations interleave: each must still see its own $mine.
                await Task.Delay(20 * (5 - inv.Input!["i"]!.GetValue<int>()), ct);
                seen[inv.Input!["i"]!.GetValue<int>()] = inv.Input!["mine"]!.GetValue<string>();
                return inv.Input!["mine"]!.DeepClone();
            });
        var output = await machine.ExecuteAsync(Json("[0, 1, 2, 3, 4]"));
        AssertJson("""{ "prefix": "item-", "results": ["item-0", "item-1", "item-2", "item-3", "item-4"] }""", output);
        Assert.Equal(5, seen.Count);
        foreach (var (i, mine) in seen) Assert.Equal("item-" + i, mine);
    }

    [Fact]
    public async Task Iterations_that_run_one_after_the_other_start_with_no_variables()
    {
        // A Map of Pass/Choice states runs its iterations in turn on one execution path: each must still start with
        // an empty scope ($seen is not present on the first Check of any iteration).
        var machine = Machine("""
            { "StartAt": "M", "States": { "M": { "Type": "Map", "ItemProcessor": { "StartAt": "Check", "States": {
                "Check": { "Type": "Choice", "Choices": [ { "Variable": "$seen", "IsPresent": true, "Next": "Done" } ], "Default": "Mark" },
                "Mark": { "Type": "Pass", "Assign": { "seen.$": "$" }, "Next": "Check" },
                "Done": { "Type": "Pass", "Parameters": { "seen.$": "$seen" }, "End": true } } }, "End": true } } }
            """, NoTasks);
        AssertJson("""[ { "seen": "a" }, { "seen": "b" }, { "seen": "c" } ]""", await machine.ExecuteAsync(Json("""["a", "b", "c"]""")));
    }

    [Fact]
    public async Task A_variable_keeps_its_value_when_the_data_it_came_from_changes()
    {
        // Values are owned by the variable: a later ResultPath merge into the same input must not reach it.
        var machine = Machine("""
            { "StartAt": "Save", "States": {
              "Save": { "Type": "Pass", "Assign": { "original.$": "$" }, "Next": "Change" },
              "Change": { "Type": "Pass", "Result": "changed", "ResultPath": "$.a", "Next": "Read" },
              "Read": { "Type": "Pass", "InputPath": "$original", "ResultPath": "$.b", "Next": "Done" },
              "Done": { "Type": "Pass", "Parameters": { "original.$": "$original", "now.$": "$" }, "End": true } } }
            """, NoTasks);
        AssertJson("""{ "original": { "a": 1 }, "now": { "a": "changed", "b": { "a": 1 } } }""", await machine.ExecuteAsync(Json("""{ "a": 1 }""")));
    }

    [Fact]
    public async Task Variables_feed_path_fields_and_a_Fail_states_error_and_cause()
    {
        // assign-011 (InputPath), assign-020 (SecondsPath), assign-022 (Fail ErrorPath/CausePath), assign-025 (MaxConcurrencyPath "1").
        var machine = Machine("""
            { "StartAt": "Init", "States": {
              "Init": { "Type": "Pass", "Assign": { "wait": 0, "items": [1, 2], "max": "1", "err": "Custom.Error", "cause": "from a variable" }, "Next": "W" },
              "W": { "Type": "Wait", "SecondsPath": "$wait", "Next": "M" },
              "M": { "Type": "Map", "ItemsPath": "$items", "MaxConcurrencyPath": "$max",
                     "ItemProcessor": { "StartAt": "I", "States": { "I": { "Type": "Pass", "End": true } } }, "Next": "F" },
              "F": { "Type": "Fail", "ErrorPath": "$err", "CausePath": "$cause" } } }
            """, NoTasks);
        var e = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(Json("{}")));
        Assert.Equal("Custom.Error", e.Error);
        Assert.Equal("from a variable", e.Cause);
    }

    [Fact]
    public async Task A_reference_to_a_variable_not_assigned_on_this_path_fails_with_States_Runtime()
    {
        var machine = Machine("""
            { "StartAt": "C", "States": {
              "C": { "Type": "Choice", "Choices": [ { "Variable": "$.set", "BooleanEquals": true, "Next": "Set" } ], "Default": "Use" },
              "Set": { "Type": "Pass", "Assign": { "x": 1 }, "Next": "Use" },
              "Use": { "Type": "Pass", "Parameters": { "x.$": "$x" }, "End": true } } }
            """, NoTasks);
        AssertJson("""{ "x": 1 }""", await machine.ExecuteAsync(Json("""{ "set": true }""")));
        var e = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(Json("""{ "set": false }""")));
        Assert.Equal(StatesErrors.Runtime, e.Error);
        Assert.Contains("$x", e.Cause);
    }

    [Fact]
    public async Task A_state_may_assign_at_most_256_KiB()
    {
        // workflow-variables.html: "up to 256 KiB per state" of assigned data; States.DataLimitExceeded beyond.
        var machine = Machine("""
            { "StartAt": "A", "States": { "A": { "Type": "Pass", "Assign": { "a.$": "$.s", "b.$": "$.s" }, "End": true } } }
            """, NoTasks);
        var input = new JsonObject { ["s"] = new string('x', 150_000) };
        var e = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(input));
        Assert.Equal(StatesErrors.DataLimitExceeded, e.Error);
        // One copy (150 KB) is within the limit.
        var one = Machine("""
            { "StartAt": "A", "States": { "A": { "Type": "Pass", "Assign": { "a.$": "$.s" }, "End": true } } }
            """, NoTasks, name: "One");
        Assert.NotNull(await one.ExecuteAsync(input.DeepClone()));
    }

    [Fact]
    public async Task History_records_the_assigned_variables_on_state_exit()
    {
        var machine = Machine("""
            { "StartAt": "A", "States": { "A": { "Type": "Pass", "Assign": { "x": 1, "y.$": "$.v" }, "End": true } } }
            """, NoTasks);
        var result = await (Task<ExecutionResult>)machine.Instance.GetType().GetMethod("StartExecutionAsync")!
            .Invoke(machine.Instance, [Json("""{ "v": "value" }"""), null, CancellationToken.None])!;
        var exited = Assert.Single(result.Events, e => e.Type == "PassStateExited");
        Assert.NotNull(exited.AssignedVariables);
        AssertJson("1", exited.AssignedVariables!["x"]);
        AssertJson("\"value\"", exited.AssignedVariables!["y"]);
    }
}

public partial class VariableValidationTests
{
    [Fact]
    public void A_branch_may_not_assign_a_variable_of_an_enclosing_scope()
    {
        var text = """
            { "StartAt": "Init", "States": {
              "Init": { "Type": "Pass", "Assign": { "total": 0 }, "Next": "P" },
              "P": { "Type": "Parallel", "Branches": [ { "StartAt": "B", "States": { "B": { "Type": "Pass", "Assign": { "total": 1 }, "End": true } } } ], "End": true } } }
            """;
        ValidationTests.ExpectAt(text, "SG0011", "\"total\": 1");
    }

    [Theory]
    [InlineData("states", "reserved")]
    [InlineData("9lives", "not a valid variable name")]
    [InlineData("with-dash", "not a valid variable name")]
    public void Reserved_and_malformed_names_are_errors_at_the_key(string name, string fragment)
    {
        var text = $$"""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Assign": { "{{name}}": 1 }, "End": true } } }""";
        var d = ValidationTests.ExpectAt(text, "SG0011", "\"" + name + "\"");
        Assert.Contains(fragment, d.GetMessage());
    }

    [Fact]
    public void A_name_longer_than_80_characters_is_an_error()
    {
        var name = new string('v', 81);
        var text = $$"""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Assign": { "{{name}}": 1 }, "End": true } } }""";
        Assert.Contains("80", ValidationTests.ExpectAt(text, "SG0011", "\"" + name + "\"").GetMessage());
    }

    [Fact]
    public void A_reference_no_assignment_can_precede_is_an_error_at_the_reference()
    {
        // "x" is assigned only by a state that runs after the reference: no path assigns it first.
        var text = """
            { "StartAt": "Use", "States": {
              "Use": { "Type": "Pass", "Parameters": { "x.$": "$x" }, "Next": "Set" },
              "Set": { "Type": "Pass", "Assign": { "x": 1 }, "End": true } } }
            """;
        Assert.Contains("any path", ValidationTests.ExpectAt(text, "SG0013", "\"$x\"").GetMessage());
    }

    [Fact]
    public void A_variable_assigned_somewhere_in_scope_compiles_without_warnings()
    {
        ValidationTests.ExpectClean("""
            { "StartAt": "A", "States": {
              "A": { "Type": "Pass", "Assign": { "x": 1 }, "Next": "M" },
              "M": { "Type": "Map", "ItemsPath": "$.items", "ItemSelector": { "x.$": "$x" },
                     "ItemProcessor": { "StartAt": "I", "States": { "I": { "Type": "Pass", "Parameters": { "x.$": "$x" }, "End": true } } }, "End": true } } }
            """);
    }
}
