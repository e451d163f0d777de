using StatesGen.Testing;
using System.Text.Json.Nodes;
using StatesGen.Jsonata;
using static StatesGen.Tests.Execution.Compiled;

namespace StatesGen.Tests.Execution;

/// <summary>
/// JSONata states with AWS's semantics. Guide: https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html;
/// recorded behaviour in ../shared/conformance/aws-recorded jsonata-*.case.json (cited per test).
/// </summary>
public class JsonataStatesTests
{
    private static readonly TaskHandler NoTasks = (inv, _) => throw new InvalidOperationException("no task expected: " + inv.StateName);

    [Fact]
    public async Task A_Task_gets_its_Arguments_and_Output_and_Assign_see_the_result()
    {
        // jsonata-025/026: Arguments from $states.input; Output and Assign with $states.result; variables read later.
        TaskInvocation? seen = null;
        var machine = Machine("""
            { "QueryLanguage": "JSONata", "StartAt": "T", "States": {
              "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                     "Arguments": { "FunctionName": "f", "Payload": { "id": "{% $states.input.order.id %}", "n": "{% $count($states.input.order.lines) %}" } },
                     "Assign": { "total": "{% $sum($states.result.Payload.prices) %}" },
                     "Output": { "status": "{% $states.result.Payload.status %}", "input": "{% $states.input.order.id %}" }, "Next": "Done" },
              "Done": { "Type": "Pass", "Output": { "total": "{% $total %}", "status": "{% $states.input.status %}" }, "End": true } } }
            """, (inv, _) =>
            {
                seen = inv;
                return ValueTask.FromResult<JsonNode?>(Json("""{ "Payload": { "status": "OK", "prices": [1.5, 2.5] } }"""));
            });
        var output = await machine.ExecuteAsync(Json("""{ "order": { "id": "o-1", "lines": [1, 2, 3] } }"""));
        AssertJson("""{ "FunctionName": "f", "Payload": { "id": "o-1", "n": 3 } }""", seen!.Input);
        AssertJson("""{ "total": 4, "status": "OK" }""", output);
    }

    [Fact]
    public async Task Compiled_paths_give_what_the_interpreter_gives()
    {
        // "$states.input.a.b" is compiled to property reads; arrays on the way (JSONata maps and flattens) go to the
        // interpreter. Each Output is compared with the interpreter's own answer for the same expression.
        string[] expressions = ["$states.input.a.b", "$states.input.list.id", "$states.input.one", "$states.input.nested.list", "$states.input.a",
            "$states.input.list", "$states.input.empty", "$states.input.a.b.c"];
        var fields = string.Join(", ", expressions.Select((e, i) => $"\"f{i}\": \"{{% {e} %}}\""));
        var machine = Machine($$"""{ "QueryLanguage": "JSONata", "StartAt": "P", "States": { "P": { "Type": "Pass", "Output": { {{fields}} }, "End": true } } }""", NoTasks);
        var input = Json("""{ "a": { "b": { "c": [1, { "d": null }] } }, "list": [ { "id": 1 }, { "id": 2 }, { "x": 3 } ], "one": [5], "nested": { "list": [[1], [2, 3]] }, "empty": [[]] }""");
        var output = (await machine.ExecuteAsync(input))!.AsObject();
        for (int i = 0; i < expressions.Length; i++)
        {
            var bindings = new JsonataBindings().BindObject("states", [new("input", input)]);
            Assert.True(JsonataExpression.Parse(expressions[i]).TryEvaluate(null, true, bindings, out var expected));
            Assert.True(JsonNode.DeepEquals(expected, output["f" + i]), $"{expressions[i]}: interpreter {expected?.ToJsonString()}, compiled {output["f" + i]?.ToJsonString()}");
        }
    }

    [Theory]
    [InlineData("$states.input.missing", "Output/x", "returned nothing (undefined)")]
    [InlineData("$number('x') + 1", "Output/x", "threw an error during evaluation. D3030")]
    [InlineData("$lookup({}, 'k')", "Output/x", "returned nothing (undefined)")]
    public async Task Failing_expressions_are_States_QueryEvaluationError_with_AWS_causes(string expression, string field, string fragment)
    {
        // assign-028..033, jsonata-fn-032: "The JSONata expression '...' specified for the field '...' returned nothing (undefined)."
        var machine = Machine($$"""{ "QueryLanguage": "JSONata", "StartAt": "P", "States": { "P": { "Type": "Pass", "Output": { "x": "{% {{expression}} %}" }, "End": true } } }""", NoTasks);
        var e = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(Json("{}")));
        Assert.Equal(StatesErrors.QueryEvaluationError, e.Error);
        Assert.Contains($"The JSONata expression '{expression}' specified for the field '{field}' {fragment}", e.Cause);
        Assert.StartsWith("An error occurred while executing the state 'P' (entered at the event id #2).", e.Cause);
    }

    [Fact]
    public async Task A_failed_expression_is_an_EvaluationFailed_event_in_the_history()
    {
        // API_EvaluationFailedEventDetails: recorded for JSONata evaluation failures, before ExecutionFailed.
        var machine = Machine("""{ "QueryLanguage": "JSONata", "StartAt": "P", "States": { "P": { "Type": "Pass", "Output": "{% $states.input.none %}", "End": true } } }""", NoTasks);
        var result = await (Task<ExecutionResult>)machine.Instance.GetType().GetMethod("StartExecutionAsync")!.Invoke(machine.Instance, [Json("{}"), null, CancellationToken.None])!;
        var types = result.Events.Select(e => e.Type).ToList();
        Assert.Equal(["ExecutionStarted", "PassStateEntered", "EvaluationFailed", "ExecutionFailed"], types);
        Assert.Equal(StatesErrors.QueryEvaluationError, result.Events[2].Error);
        Assert.Equal("P", result.Events[2].StateName);
    }

    [Fact]
    public async Task A_catchers_Output_and_Assign_see_the_error_output()
    {
        // assign-018, errors-040: $states.errorOutput in the catcher; its Output (default: the error output) is the state output.
        var machine = Machine("""
            { "QueryLanguage": "JSONata", "StartAt": "T", "States": {
              "T": { "Type": "Task", "Resource": "r", "Assign": { "ok": true },
                     "Catch": [ { "ErrorEquals": ["States.ALL"], "Assign": { "why": "{% $states.errorOutput.Cause %}" },
                                  "Output": { "error": "{% $states.errorOutput.Error %}", "input": "{% $states.input %}" }, "Next": "Done" } ], "End": true },
              "Done": { "Type": "Pass", "Output": { "why": "{% $why %}", "was": "{% $states.input %}" }, "End": true } } }
            """, (_, _) => throw new StatesException("Custom", "it broke"));
        AssertJson("""{ "why": "it broke", "was": { "error": "Custom", "input": { "k": 1 } } }""", await machine.ExecuteAsync(Json("""{ "k": 1 }""")));
    }

    [Fact]
    public async Task Map_Items_and_ItemSelector_with_the_item_context()
    {
        var machine = Machine("""
            { "QueryLanguage": "JSONata", "StartAt": "Init", "States": {
              "Init": { "Type": "Pass", "Assign": { "factor": 10 }, "Next": "M" },
              "M": { "Type": "Map", "Items": "{% $states.input.values %}", "MaxConcurrency": "{% $states.input.max %}",
                     "ItemSelector": { "v": "{% $states.context.Map.Item.Value * $factor %}", "i": "{% $states.context.Map.Item.Index %}" },
                     "ItemProcessor": { "StartAt": "I", "States": { "I": { "Type": "Pass", "End": true } } },
                     "Output": "{% $states.result.v %}", "End": true } } }
            """, NoTasks);
        AssertJson("[10, 20, 30]", await machine.ExecuteAsync(Json("""{ "values": [1, 2, 3], "max": 2 }""")));
    }

    [Fact]
    public async Task States_inside_a_JSONata_Map_take_the_machines_query_language_not_the_Maps()
    {
        // SEMANTICS 22: the processor's Pass is JSONPath (the machine's default), though its Map state is JSONata.
        var machine = Machine("""
            { "StartAt": "M", "States": {
              "M": { "Type": "Map", "QueryLanguage": "JSONata", "Items": "{% $states.input.values %}", "Output": "{% $states.result.v %}",
                     "ItemProcessor": { "StartAt": "I", "States": { "I": { "Type": "Pass", "Parameters": { "v.$": "$" }, "End": true } } }, "End": true } } }
            """, NoTasks);
        AssertJson("[1, 2]", await machine.ExecuteAsync(Json("""{ "values": [1, 2] }""")));
        // ... so a JSONata field there is an error at its key.
        var text = """
            { "StartAt": "M", "States": {
              "M": { "Type": "Map", "QueryLanguage": "JSONata", "Items": "{% $states.input.values %}",
                     "ItemProcessor": { "StartAt": "I", "States": { "I": { "Type": "Pass", "Output": "{% $states.input %}", "End": true } } }, "End": true } } }
            """;
        StatesGen.Tests.Generator.ValidationTests.ExpectAt(text, "SG0002", "\"Output\"");
    }

    [Fact]
    public async Task A_distributed_Maps_ItemBatcher_takes_a_JSONata_BatchInput()
    {
        var machine = Machine("""
            { "QueryLanguage": "JSONata", "StartAt": "M", "States": {
              "M": { "Type": "Map", "Items": "{% $states.input.values %}",
                     "ItemBatcher": { "MaxItemsPerBatch": 2, "BatchInput": { "k": "{% $states.input.k %}" } },
                     "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" },
                                        "StartAt": "I", "States": { "I": { "Type": "Pass", "End": true } } }, "End": true } } }
            """, NoTasks);
        AssertJson("""[ { "Items": [1, 2], "BatchInput": { "k": "v" } }, { "Items": [3], "BatchInput": { "k": "v" } } ]""",
            await machine.ExecuteAsync(Json("""{ "values": [1, 2, 3], "k": "v" }""")));
    }

    [Theory]
    [InlineData("""{ "kind": "a", "n": 5 }""", "A")]
    [InlineData("""{ "kind": "b", "n": 50 }""", "big")]
    [InlineData("""{ "kind": "b", "n": 5 }""", "default")]
    public async Task Choice_Conditions_with_rule_Output_and_Assign(string input, string expected)
    {
        // jsonata-035/053, assign-006: the matched rule's Output/Assign, else the state's.
        var machine = Machine("""
            { "QueryLanguage": "JSONata", "StartAt": "C", "States": {
              "C": { "Type": "Choice", "Choices": [
                       { "Condition": "{% $states.input.kind = 'a' %}", "Assign": { "who": "A" }, "Next": "Done" },
                       { "Condition": "{% $states.input.n > 10 and $states.input.kind = 'b' %}", "Output": { "who": "big" }, "Next": "Done" } ],
                     "Assign": { "who": "default" }, "Default": "Done" },
              "Done": { "Type": "Pass", "Output": "{% $exists($states.input.who) ? $states.input.who : $who %}", "End": true } } }
            """, NoTasks);
        AssertJson($"\"{expected}\"", await machine.ExecuteAsync(Json(input)));
    }

    [Fact]
    public async Task A_Condition_that_is_not_a_boolean_fails()
    {
        var machine = Machine("""
            { "QueryLanguage": "JSONata", "StartAt": "C", "States": {
              "C": { "Type": "Choice", "Choices": [ { "Condition": "{% $states.input.n %}", "Next": "D" } ], "Default": "D" },
              "D": { "Type": "Succeed" } } }
            """, NoTasks);
        var e = await Assert.ThrowsAsync<StatesException>(() => machine.ExecuteAsync(Json("""{ "n": 1 }""")));
        Assert.Equal(StatesErrors.QueryEvaluationError, e.Error);
    }

    [Fact]
    public async Task Wait_Seconds_Fail_Error_and_Cause_take_expressions()
    {
        // jsonata-050/051/052; the wait runs on the options' clock (ManualTimeProvider: no real waiting).
        var time = new ManualTimeProvider();
        var machine = Machine("""
            { "QueryLanguage": "JSONata", "StartAt": "W", "States": {
              "W": { "Type": "Wait", "Seconds": "{% $states.input.wait %}", "Next": "F" },
              "F": { "Type": "Fail", "Error": "{% 'Custom.' & $states.input.kind %}", "Cause": "{% $string($states.input.wait) & ' s' %}" } } }
            """, NoTasks, new StateMachineOptions { TimeProvider = time });
        var run = machine.ExecuteAsync(Json("""{ "wait": 3600, "kind": "Late" }"""));
        await Task.Delay(50);
        Assert.False(run.IsCompleted);
        time.Advance(TimeSpan.FromHours(1));
        var e = await Assert.ThrowsAsync<StatesException>(() => run);
        Assert.Equal("Custom.Late", e.Error);
        Assert.Equal("3600 s", e.Cause);
    }

    [Fact]
    public async Task The_AWS_functions_and_the_context_are_available()
    {
        var machine = Machine("""
            { "QueryLanguage": "JSONata", "StartAt": "P", "States": {
              "P": { "Type": "Pass", "Output": {
                "parts": "{% $partition([1, 2, 3], 2) %}", "range": "{% $range(0, 4, 2) %}", "hash": "{% $hash('abc', 'SHA-256') %}",
                "parsed": "{% $parse('{\"a\": 1}') %}", "name": "{% $states.context.Execution.Name %}", "uuid": "{% $length($uuid()) %}" }, "End": true } } }
            """, NoTasks);
        var result = await (Task<ExecutionResult>)machine.Instance.GetType().GetMethod("StartExecutionAsync")!
            .Invoke(machine.Instance, [Json("{}"), "run-1", CancellationToken.None])!;
        AssertJson("""
            { "parts": [[1, 2], [3]], "range": [0, 2, 4], "hash": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
              "parsed": { "a": 1 }, "name": "run-1", "uuid": 36 }
            """, result.Output);
    }
}

public class JsonataCompiledConditionTests
{
    // Compiled Conditions must agree with the interpreter on every input, including arrays on the path (JSONata maps),
    // missing fields (undefined: false), mixed types (= is false; < is an error, T2009/T2010).
    public static TheoryData<string> Conditions() => new()
    {
        "$states.input.a = 'x'", "$states.input.a != 'x'", "'x' = $states.input.a", "$states.input.n > 10", "$states.input.n <= 10",
        "10 < $states.input.n", "$states.input.b = true", "$states.input.z = null", "$states.input.n = 5 and $states.input.a = 'x'",
        "$states.input.n = 5 or $not($states.input.a = 'x')", "$states.input.deep.list.v = 1", "$states.input.s >= 'm'",
    };

    private static readonly string[] Inputs =
    [
        """{ "a": "x", "n": 5, "b": true, "z": null, "s": "p", "deep": { "list": [ { "v": 1 }, { "v": 2 } ] } }""",
        """{ "a": "y", "n": 50, "b": false, "s": "a", "deep": { "list": { "v": 2 } } }""",
        """{ "a": 1, "n": "5", "z": 0, "s": 3, "deep": [ { "list": { "v": 1 } } ] }""",
        """{ "a": ["x"], "n": [5], "b": [true] }""",
        """{}""",
    ];

    [Theory]
    [MemberData(nameof(Conditions))]
    public async Task A_compiled_Condition_agrees_with_the_interpreter(string condition)
    {
        var machine = Machine($$"""
            { "QueryLanguage": "JSONata", "StartAt": "C", "States": {
              "C": { "Type": "Choice", "Choices": [ { "Condition": "{% {{condition}} %}", "Next": "Yes" } ], "Default": "No" },
              "Yes": { "Type": "Pass", "Output": "yes", "End": true }, "No": { "Type": "Pass", "Output": "no", "End": true } } }
            """, (_, _) => throw new InvalidOperationException());
        var expression = JsonataExpression.Parse(condition);
        foreach (var text in Inputs)
        {
            var input = Json(text);
            string expected;
            try
            {
                var bindings = new JsonataBindings().BindObject("states", [new("input", input)]);
                bool defined = expression.TryEvaluate(null, true, bindings, out var value);
                expected = defined && value is JsonValue v && v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False
                    ? (v.GetValue<bool>() ? "yes" : "no") : "error";
            }
            catch (Exception e) when (e.GetType().Name == "JsonataException") { expected = "error"; }
            string actual;
            try { actual = (await machine.ExecuteAsync(input))!.GetValue<string>(); }
            catch (StatesException e) when (e.Error == StatesErrors.QueryEvaluationError) { actual = "error"; }
            Assert.True(expected == actual, $"{condition} on {text}: interpreter {expected}, compiled {actual}");
        }
    }
}

public class JsonataLiteralConditionTests
{
    [Fact]
    public async Task A_condition_on_a_lone_surrogate_is_left_to_the_interpreter()
    {
        // A lone surrogate cannot round-trip through JSON text, so such a literal is not compiled (no type-init failure).
        var machine = Machine("""
            { "QueryLanguage": "JSONata", "StartAt": "C", "States": {
              "C": { "Type": "Choice", "Choices": [ { "Condition": "{% $states.input.a = '\ud800' %}", "Next": "Yes" } ], "Default": "No" },
              "Yes": { "Type": "Pass", "Output": "yes", "End": true }, "No": { "Type": "Pass", "Output": "no", "End": true } } }
            """, (_, _) => throw new InvalidOperationException());
        AssertJson("\"no\"", await machine.ExecuteAsync(Json("""{ "a": "x" }""")));
    }

    [Theory]
    [InlineData("false", "true", "second")]
    [InlineData("true", "false", "first")]
    [InlineData("false", "false", "default")]
    public async Task Literal_Conditions_compile_without_warnings_and_decide_at_build_time(string first, string second, string expected)
    {
        // jsonata-057: "Condition": true. The generated code must still compile without warnings (no unreachable code).
        var machine = Machine($$"""
            { "QueryLanguage": "JSONata", "StartAt": "C", "States": {
              "C": { "Type": "Choice", "Choices": [ { "Condition": {{first}}, "Assign": { "v": 1 }, "Next": "First" }, { "Condition": {{second}}, "Next": "Second" } ],
                     "Assign": { "v": 2 }, "Default": "Default" },
              "First": { "Type": "Pass", "Output": "first", "End": true }, "Second": { "Type": "Pass", "Output": "second", "End": true },
              "Default": { "Type": "Pass", "Output": "default", "End": true } } }
            """, (_, _) => throw new InvalidOperationException());
        AssertJson($"\"{expected}\"", await machine.ExecuteAsync(Json("{}")));
    }
}
