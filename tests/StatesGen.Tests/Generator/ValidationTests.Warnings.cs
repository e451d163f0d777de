namespace StatesGen.Tests.Generator;

/// <summary>
/// What StatesGen does not compile yet (SG0008, an error at the field that needs it) and the warnings (SG0100-SG0102),
/// which leave the code generated.
/// Guide: https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html (Assign, $name) and
/// transforming-data.html (QueryLanguage JSONata: Arguments, Output, Items, Condition).
/// </summary>
public partial class ValidationTests
{
    // ---- not supported yet -------------------------------------------------------------------------------------------------

    [Fact]
    public void JSONata_for_the_whole_machine_is_reported_at_the_QueryLanguage_value()
    {
        Expect("""{ "QueryLanguage": "JSONata", "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }""", "SG0008", 1, 20, "JSONata");
    }

    [Fact]
    public void JSONata_for_one_state_is_reported_at_the_QueryLanguage_value()
    {
        Expect("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "QueryLanguage": "JSONata", "End": true } } }""", "SG0008", 1, 71, "JSONata");
    }

    [Theory]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "r", "Arguments": { "x": 1 }, "End": true } } }""", 1, 71)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Output": { "x": 1 }, "End": true } } }""", 1, 54)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Map", "Items": [1, 2], "ItemProcessor": { "StartAt": "B", "States": { "B": { "Type": "Succeed" } } }, "End": true } } }""", 1, 53)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Choice", "Choices": [ { "Condition": "{% true %}", "Next": "B" } ], "Default": "B" }, "B": { "Type": "Succeed" } } }""", 1, 71)]
    public void Variables_and_JSONata_fields_are_reported_at_the_key(string text, int line, int column)
    {
        Expect(text, "SG0008", line, column, "not supported yet");
    }

    [Theory]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "InputPath": "$order", "End": true } } }""", 1, 67)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Parameters": { "x.$": "$order.id" }, "End": true } } }""", 1, 77)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Parameters": { "x.$": "States.Format('{}', $order)" }, "End": true } } }""", 1, 77)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Choice", "Choices": [ { "Variable": "$flag", "IsNull": true, "Next": "B" } ], "Default": "B" }, "B": { "Type": "Succeed" } } }""", 1, 83)]
    public void A_reference_to_a_variable_nobody_assigns_warns_at_the_value(string text, int line, int column)
    {
        // AWS accepts such a definition (the reference fails at run time), so this is a warning, not an error.
        Expect(text, "SG0103", line, column, "not assigned");
    }

    // ---- warnings: the code is still generated -----------------------------------------------------------------------------

    [Fact]
    public void A_Choice_without_Default_warns_at_the_state_name()
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
