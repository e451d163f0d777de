using StatesGen.Generator.Json;
using StatesGen.Generator.Model;
using StatesGen.Generator.Parsing;

namespace StatesGen.Tests.Generator;

/// <summary>
/// The spec the parser builds is made of immutable records with value equality: the same text always gives an equal
/// spec (what lets the pipeline cache), and any change of a value gives a different one.
/// </summary>
public class SpecEqualityTests
{
    // Nested blocks, variables across scopes, retriers and catchers, Choice rules, intrinsics, a Map with an ItemSelector.
    private const string JsonPathDefinition = """
        {
          "Comment": "Orders",
          "StartAt": "Init",
          "TimeoutSeconds": 300,
          "States": {
            "Init": { "Type": "Pass", "Result": { "n": 1, "tags": ["a", "b"] }, "ResultPath": "$.init", "Assign": { "total": 0, "who.$": "$.customer" }, "Next": "Work" },
            "Work": {
              "Type": "Parallel",
              "Branches": [
                { "StartAt": "Charge", "States": { "Charge": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": { "who.$": "$who", "msg.$": "States.Format('Hi {}', $.name)" },
                  "Retry": [ { "ErrorEquals": ["States.Timeout"], "MaxAttempts": 2, "BackoffRate": 1.5 } ], "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "Failed" } ], "End": true },
                  "Failed": { "Type": "Fail", "Error": "Charge", "Cause": "it failed" } } },
                { "StartAt": "Each", "States": { "Each": { "Type": "Map", "ItemsPath": "$.items", "ItemSelector": { "item.$": "$$.Map.Item.Value", "t.$": "$total" }, "MaxConcurrency": 2,
                  "ItemProcessor": { "StartAt": "Ship", "States": { "Ship": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "TimeoutSeconds": 10, "End": true } } }, "End": true } } }
              ],
              "Next": "Route"
            },
            "Route": {
              "Type": "Choice",
              "Choices": [
                { "And": [ { "Variable": "$.amount", "NumericGreaterThan": 100 }, { "Variable": "$total", "NumericLessThanPath": "$.limit" } ], "Next": "Wait", "Assign": { "total.$": "$.amount" } },
                { "Not": { "Variable": "$.kind", "StringEquals": "gift" }, "Next": "Done" },
                { "Variable": "$.kind", "IsPresent": false, "Next": "Done" }
              ],
              "Default": "Done"
            },
            "Wait": { "Type": "Wait", "SecondsPath": "$.delay", "Next": "Done" },
            "Done": { "Type": "Succeed" }
          }
        }
        """;

    private const string JsonataDefinition = """
        {
          "QueryLanguage": "JSONata",
          "StartAt": "Prepare",
          "States": {
            "Prepare": { "Type": "Pass", "Assign": { "count": "{% $count($states.input.items) %}" }, "Output": { "first": "{% $states.input.items[0] %}" }, "Next": "Decide" },
            "Decide": { "Type": "Choice", "Choices": [ { "Condition": "{% $count > 2 and $states.input.vip = true %}", "Next": "Call" } ], "Default": "Call" },
            "Call": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": { "n": "{% $count %}", "who": "{% $states.input.customer.name %}" }, "TimeoutSeconds": "{% 30 %}", "End": true }
          }
        }
        """;

    private static StateMachineModel Parse(string json)
    {
        var root = JsonReader.Read(json, out var jsonProblems);
        Assert.Empty(jsonProblems);
        var machine = AslParser.Parse(root!, new ProblemList(), "Orders");
        Assert.NotNull(machine);
        return machine;
    }

    [Theory]
    [InlineData(JsonPathDefinition)]
    [InlineData(JsonataDefinition)]
    public void Parsing_the_same_text_twice_gives_equal_specs(string definition)
    {
        var first = Parse(definition);
        var second = Parse(definition);

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(first.Blocks, second.Blocks);
    }

    [Theory]
    [InlineData(JsonPathDefinition, "\"MaxAttempts\": 2", "\"MaxAttempts\": 3")]
    [InlineData(JsonPathDefinition, "\"Comment\": \"Orders\"", "\"Comment\": \"Orderz\"")]
    [InlineData(JsonPathDefinition, "\"NumericGreaterThan\": 100", "\"NumericGreaterThan\": 101")]
    [InlineData(JsonPathDefinition, "$.name)", "$.nome)")]
    [InlineData(JsonPathDefinition, "\"TimeoutSeconds\": 10", "\"TimeoutSeconds\": 11")]
    [InlineData(JsonataDefinition, "$count > 2", "$count > 3")]
    [InlineData(JsonataDefinition, "customer.name", "customer.nome")]
    public void Changing_one_value_gives_a_different_spec(string definition, string value, string changed)
    {
        Assert.Contains(value, definition);
        var original = Parse(definition);
        var edited = Parse(definition.Replace(value, changed));

        Assert.NotEqual(original, edited);
    }

    [Fact]
    public void Moving_a_state_changes_the_spans_and_so_the_spec()
    {
        var original = Parse(JsonPathDefinition);
        var moved = Parse(JsonPathDefinition.Replace("\"Comment\": \"Orders\",", "\"Comment\": \"Orders\",   "));

        Assert.NotEqual(original, moved);
        Assert.Equal(original.Main.States.Select(s => s.Name), moved.Main.States.Select(s => s.Name));
    }
}
