namespace StatesGen.Tests.Generator;

/// <summary>
/// JSONata checks (fields of the other query language, expressions: SG0002, SG0004, SG0012) and the warnings
/// (SG0100-SG0103), which leave the code generated.
/// Guide: https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html (Assign, $name) and
/// transforming-data.html (QueryLanguage JSONata: Arguments, Output, Items, Condition).
/// </summary>
public partial class ValidationTests
{
    // ---- JSONata: fields of the other query language, expressions -------------------------------------------------------------

    [Theory]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "r", "Arguments": { "x": 1 }, "End": true } } }""", 1, 71)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Output": { "x": 1 }, "End": true } } }""", 1, 54)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Map", "Items": [1, 2], "ItemProcessor": { "StartAt": "B", "States": { "B": { "Type": "Succeed" } } }, "End": true } } }""", 1, 53)]
    public void JSONata_fields_in_a_JSONPath_state_are_reported_at_the_key(string text, int line, int column)
    {
        Expect(text, "SG0002", line, column, "JSONata field");
    }

    [Fact]
    public void A_JSONata_Choice_rule_field_in_a_JSONPath_state_is_reported_at_the_key()
    {
        Expect("""{ "StartAt": "A", "States": { "A": { "Type": "Choice", "Choices": [ { "Condition": "{% true %}", "Next": "B" } ], "Default": "B" }, "B": { "Type": "Succeed" } } }""", "SG0007", 1, 71, "JSONata");
    }

    [Theory]
    [InlineData("InputPath", "\"$.a\"")]
    [InlineData("Parameters", "{ \"a\": 1 }")]
    [InlineData("ResultPath", "\"$.a\"")]
    [InlineData("OutputPath", "\"$.a\"")]
    [InlineData("Result", "{ \"a\": 1 }")]
    public void JSONPath_fields_in_a_JSONata_state_are_reported_at_the_key(string field, string value)
    {
        // transforming-data.html: JSONata states have Arguments and Output instead of the five JSONPath fields.
        var text = $$"""{ "QueryLanguage": "JSONata", "StartAt": "A", "States": { "A": { "Type": "Pass", "{{field}}": {{value}}, "End": true } } }""";
        Assert.Contains("JSONPath field", ExpectAt(text, "SG0002", "\"" + field + "\"").GetMessage());
    }

    [Fact]
    public void A_JSONPath_state_in_a_JSONata_machine_is_an_error_at_its_QueryLanguage()
    {
        // AWS: with JSONata at the top level, JSONPath cannot be used anywhere in the definition.
        var text = """{ "QueryLanguage": "JSONata", "StartAt": "A", "States": { "A": { "Type": "Pass", "QueryLanguage": "JSONPath", "End": true } } }""";
        ExpectAt(text, "SG0004", "\"JSONPath\"");
    }

    [Theory]
    [InlineData("{% $states.input. %}", ". %}", "S0207")]
    [InlineData("{% $states.input.(a %}", "a %}", "S0203")]
    [InlineData("{% $ %}", "\"{% $", "$states.input")]
    [InlineData("{% $$.a %}", "\"{% $$", "$states.input")]
    [InlineData("{% order.total %}", "\"{% order", "$states.input.order.total")]
    [InlineData("{%  %}", "\"{%  %}", "empty")]
    public void Bad_JSONata_expressions_are_build_errors_in_the_string(string expression, string at, string fragment)
    {
        // Syntax errors point into the expression (jsonata-js's error code and position); AWS's own rules at the string.
        var text = $$"""{ "QueryLanguage": "JSONata", "StartAt": "A", "States": { "A": { "Type": "Pass", "Output": { "x": "{{expression}}" }, "End": true } } }""";
        var d = ExpectAt(text, "SG0012", at);
        Assert.Contains(fragment, d.GetMessage());
    }

    [Fact]
    public void An_Assign_given_as_one_expression_is_an_error_that_says_how_to_write_it()
    {
        // StatesGen resolves variables to slots at build time, so it needs the names.
        var text = """{ "QueryLanguage": "JSONata", "StartAt": "A", "States": { "A": { "Type": "Pass", "Assign": "{% {'x': 1} %}", "End": true } } }""";
        Assert.Contains("one value per variable", ExpectAt(text, "SG0002", "\"{% {'x'").GetMessage());
    }

    [Fact]
    public void A_JSONata_machine_compiles_cleanly()
    {
        ExpectClean("""
            { "QueryLanguage": "JSONata", "StartAt": "A", "States": {
              "A": { "Type": "Pass", "Assign": { "n": "{% $count($states.input.items) %}" }, "Output": "{% $states.input %}", "Next": "C" },
              "C": { "Type": "Choice", "Choices": [ { "Condition": "{% $n > 1 %}", "Next": "M" } ], "Default": "Done" },
              "M": { "Type": "Map", "Items": "{% $states.input.items %}", "ItemSelector": { "v": "{% $states.context.Map.Item.Value %}", "n": "{% $n %}" },
                     "ItemProcessor": { "StartAt": "I", "States": { "I": { "Type": "Pass", "End": true } } }, "Next": "Done" },
              "Done": { "Type": "Succeed" } } }
            """);
    }

    [Theory]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "InputPath": "$order", "End": true } } }""", 1, 67)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Parameters": { "x.$": "$order.id" }, "End": true } } }""", 1, 77)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Parameters": { "x.$": "States.Format('{}', $order)" }, "End": true } } }""", 1, 77)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Choice", "Choices": [ { "Variable": "$flag", "IsNull": true, "Next": "B" } ], "Default": "B" }, "B": { "Type": "Succeed" } } }""", 1, 83)]
    public void A_JSONPath_reference_to_a_variable_nobody_assigns_is_an_error_at_the_value(string text, int line, int column)
    {
        // Such a reference can only fail at run time (States.Runtime): a build error.
        Expect(text, "SG0013", line, column, "not assigned");
    }

    [Fact]
    public void A_JSONata_reference_to_a_variable_nobody_assigns_is_a_warning_at_the_name()
    {
        // In JSONata the variable is undefined, which AWS accepts at creation (recorded: assign-028..033): a warning.
        var text = """{ "QueryLanguage": "JSONata", "StartAt": "A", "States": { "A": { "Type": "Pass", "Output": "{% $count($missing) %}", "End": true } } }""";
        Assert.Contains("undefined", ExpectAt(text, "SG0103", "$missing").GetMessage());
    }

    // ---- warnings: the code is still generated -----------------------------------------------------------------------------

    [Fact]
    public void A_Choice_without_Default_is_a_suggestion_at_the_state_name()
    {
        // state-choice.html: with no Default and no matching rule the execution fails with States.NoChoiceMatched.
        Expect("""
            {
              "StartAt": "Check",
              "States": {
                "Check": { "Type": "Choice", "Choices": [ { "Variable": "$.ok", "BooleanEquals": true, "Next": "Done" } ] },
                "Done": { "Type": "Succeed" }
              }
            }
            """, "SG0100", 4, 5, "Default");
    }

    [Fact]
    public void A_loop_with_no_way_out_warns_at_the_first_state_of_the_loop()
    {
        Expect("""
            {
              "StartAt": "Route",
              "States": {
                "Route": { "Type": "Choice", "Choices": [ { "Variable": "$.spin", "BooleanEquals": true, "Next": "Spin" } ], "Default": "Done" },
                "Spin": { "Type": "Wait", "Seconds": 1, "Next": "Again" },
                "Again": { "Type": "Pass", "Next": "Spin" },
                "Done": { "Type": "Succeed" }
              }
            }
            """, "SG0101", 5, 5);
    }

    [Fact]
    public void A_loop_with_a_Choice_exit_does_not_warn()
    {
        ExpectClean("""
            {
              "StartAt": "Poll",
              "States": {
                "Poll": { "Type": "Task", "Resource": "r", "Next": "Ready?" },
                "Ready?": { "Type": "Choice", "Choices": [ { "Variable": "$.ready", "BooleanEquals": true, "Next": "Done" } ], "Default": "Wait" },
                "Wait": { "Type": "Wait", "Seconds": 5, "Next": "Poll" },
                "Done": { "Type": "Succeed" }
              }
            }
            """);
    }

    // AWS reports a NO_DOLLAR warning when a payload-template value looks like a path under a key without ".$".
    [Theory]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Parameters": { "id": "$.order.id" }, "End": true } } }""", 1, 76)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Parameters": { "all": "$" }, "End": true } } }""", 1, 77)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Parameters": { "name": "$$.Execution.Name" }, "End": true } } }""", 1, 78)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Parameters": { "id": "States.UUID()" }, "End": true } } }""", 1, 76)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Parameters": { "list": [ "$.a" ] }, "End": true } } }""", 1, 80)]
    public void A_path_looking_string_under_a_key_without_dollar_warns_at_the_value(string text, int line, int column)
    {
        Expect(text, "SG0102", line, column, ".$");
    }

    [Fact]
    public void A_string_that_only_resembles_a_path_does_not_warn()
    {
        ExpectClean("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Parameters": { "price": "$5.00" }, "End": true } } }""");
    }
}
