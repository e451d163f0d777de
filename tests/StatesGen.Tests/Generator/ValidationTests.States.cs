namespace StatesGen.Tests.Generator;

/// <summary>
/// Each state on its own: Next and End, reachability from StartAt, Type, and the fields each state type allows.
/// Spec: https://states-language.net/spec.html ("Transitions", "Terminal State", "Common State Fields" and the table
/// of fields per state type); guide: https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html
/// and the per-state pages (state-pass.html, state-task.html, ...).
/// </summary>
public partial class ValidationTests
{
    // ---- Next and End -------------------------------------------------------------------------------------------------

    [Fact]
    public void Next_together_with_End_is_reported_at_End()
    {
        Expect("""
            {
              "StartAt": "A",
              "States": {
                "A": { "Type": "Pass", "Next": "B", "End": true },
                "B": { "Type": "Succeed" }
              }
            }
            """, "SG0002", 4, 41, "both");
    }

    [Fact]
    public void Neither_Next_nor_End_is_reported_at_the_state_Type()
    {
        Expect("""
            {
              "StartAt": "A",
              "States": {
                "A": { "Type": "Pass", "Result": 1 }
              }
            }
            """, "SG0002", 4, 20, "End");
    }

    [Fact]
    public void End_false_is_reported_at_the_value()
    {
        // Spec, "Terminal State": End is a boolean whose only useful (and accepted) value is true.
        Expect("""
            {
              "StartAt": "A",
              "States": {
                "A": { "Type": "Pass", "End": false }
              }
            }
            """, "SG0004", 4, 35, "End");
    }

    // Choice, Succeed and Fail are terminal by type or transition through rules: Next and End are not their fields.
    [Theory]
    [InlineData("""{ "StartAt": "C", "States": { "C": { "Type": "Choice", "Choices": [ { "Variable": "$.x", "IsPresent": true, "Next": "S" } ], "Default": "S", "Next": "S" }, "S": { "Type": "Succeed" } } }""", 1, 142)]
    [InlineData("""{ "StartAt": "C", "States": { "C": { "Type": "Choice", "Choices": [ { "Variable": "$.x", "IsPresent": true, "Next": "S" } ], "Default": "S", "End": true }, "S": { "Type": "Succeed" } } }""", 1, 142)]
    [InlineData("""{ "StartAt": "S", "States": { "S": { "Type": "Succeed", "End": true } } }""", 1, 57)]
    [InlineData("""{ "StartAt": "S", "States": { "S": { "Type": "Succeed", "Next": "F" }, "F": { "Type": "Fail" } } }""", 1, 57)]
    [InlineData("""{ "StartAt": "F", "States": { "F": { "Type": "Fail", "End": true } } }""", 1, 54)]
    [InlineData("""{ "StartAt": "F", "States": { "F": { "Type": "Fail", "Next": "S" }, "S": { "Type": "Succeed" } } }""", 1, 54)]
    public void Next_or_End_on_Choice_Succeed_or_Fail_is_reported_at_the_key(string text, int line, int column)
    {
        Expect(text, "SG0002", line, column);
    }

    // ---- reachability ---------------------------------------------------------------------------------------------------

    [Fact]
    public void A_state_not_reachable_from_StartAt_is_reported_at_its_name()
    {
        // AWS: "MISSING_TRANSITION_TARGET"/"UNREACHABLE_STATE" — every state must be reachable from StartAt.
        Expect("""
            {
              "StartAt": "A",
              "States": {
                "A": { "Type": "Succeed" },
                "Orphan": { "Type": "Pass", "Next": "A" }
              }
            }
            """, "SG0009", 5, 5, "Orphan");
    }

    [Fact]
    public void An_unreachable_state_inside_a_branch_is_reported_at_its_name()
    {
        Expect("""
            {
              "StartAt": "P",
              "States": {
                "P": { "Type": "Parallel", "End": true, "Branches": [
                  { "StartAt": "B", "States": { "B": { "Type": "Succeed" }, "Lost": { "Type": "Succeed" } } }
                ] }
              }
            }
            """, "SG0009", 5, 65, "Lost");
    }

    [Fact]
    public void A_block_with_no_reachable_terminal_state_is_reported_at_StartAt()
    {
        Expect("""
            {
              "StartAt": "Ping",
              "States": {
                "Ping": { "Type": "Pass", "Next": "Pong" },
                "Pong": { "Type": "Pass", "Next": "Ping" }
              }
            }
            """, "SG0010", 2, 14);
    }

    [Fact]
    public void A_branch_with_no_reachable_terminal_state_is_reported_at_its_StartAt()
    {
        Expect("""
            {
              "StartAt": "P",
              "States": {
                "P": { "Type": "Parallel", "End": true, "Branches": [
                  { "StartAt": "Loop", "States": { "Loop": { "Type": "Wait", "Seconds": 1, "Next": "Loop" } } }
                ] }
              }
            }
            """, "SG0010", 5, 20);
    }

    // ---- Type ---------------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Lambda", "End": true } } }""", 1, 46)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "pass", "End": true } } }""", 1, 46)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": 1, "End": true } } }""", 1, 46)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "End": true } } }""", 1, 31)]
    [InlineData("""{ "StartAt": "A", "States": { "A": "Succeed" } }""", 1, 36)]
    public void A_missing_or_unknown_Type_is_reported_at_the_state(string text, int line, int column)
    {
        Expect(text, "SG0002", line, column);
    }

    // ---- fields -------------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("""{ "StartAt": "A", "Colour": "blue", "States": { "A": { "Type": "Succeed" } } }""", 1, 19)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Colour": "blue", "End": true } } }""", 1, 54)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "next": "B", "End": true }, "B": { "Type": "Succeed" } } }""", 1, 54)]
    [InlineData("""{ "StartAt": "P", "States": { "P": { "Type": "Parallel", "End": true, "Branches": [ { "StartAt": "B", "Colour": "blue", "States": { "B": { "Type": "Succeed" } } } ] } } }""", 1, 103)]
    [InlineData("""{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "r", "End": true, "Retry": [ { "ErrorEquals": ["X"], "Colour": "blue" } ] } } }""", 1, 119)]
    [InlineData("""{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "r", "End": true, "Catch": [ { "ErrorEquals": ["X"], "Next": "T", "Colour": "blue" } ] } } }""", 1, 132)]
    [InlineData("""{ "StartAt": "P", "States": { "P": { "Type": "Parallel", "End": true, "Branches": [ { "StartAt": "B", "ProcessorConfig": { "Mode": "INLINE" }, "States": { "B": { "Type": "Succeed" } } } ] } } }""", 1, 103)]
    [InlineData("""{ "StartAt": "M", "States": { "M": { "Type": "Map", "End": true, "ItemProcessor": { "ProcessorConfig": { "Mode": "INLINE", "Colour": "blue" }, "StartAt": "B", "States": { "B": { "Type": "Succeed" } } } } } }""", 1, 124)]
    public void An_unknown_field_is_reported_at_its_key(string text, int line, int column)
    {
        Expect(text, "SG0002", line, column);
    }

    // The field tables of the developer guide: TimeoutSeconds/HeartbeatSeconds only on Task; Retry, Catch and
    // ResultSelector only on Task, Parallel and Map; Parameters and ResultPath only on Pass, Task, Parallel and Map;
    // Fail takes no InputPath/OutputPath; Result only on Pass.
    [Theory]
    [InlineData("Pass", """ "TimeoutSeconds": 10 """)]
    [InlineData("Wait", """ "HeartbeatSeconds": 10 """)]
    [InlineData("Pass", """ "Retry": [ { "ErrorEquals": ["States.ALL"] } ] """)]
    [InlineData("Wait", """ "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "A" } ] """)]
    [InlineData("Pass", """ "ResultSelector": { "a.$": "$.b" } """)]
    [InlineData("Wait", """ "Parameters": { "a": 1 } """)]
    [InlineData("Wait", """ "ResultPath": "$.r" """)]
    [InlineData("Task", """ "Result": 1 """)]
    [InlineData("Task", """ "Branches": [] """)]
    [InlineData("Pass", """ "ItemsPath": "$.items" """)]
    [InlineData("Succeed", """ "Parameters": { "a": 1 } """)]
    [InlineData("Succeed", """ "ResultPath": "$.r" """)]
    [InlineData("Choice", """ "ResultPath": "$.r" """)]
    [InlineData("Choice", """ "Retry": [ { "ErrorEquals": ["States.ALL"] } ] """)]
    [InlineData("Fail", """ "InputPath": "$.a" """)]
    [InlineData("Fail", """ "OutputPath": "$.a" """)]
    [InlineData("Fail", """ "ResultPath": "$.a" """)]
    public void A_field_of_another_state_type_is_reported_at_its_key(string type, string field)
    {
        var body = type switch
        {
            "Pass" => "\"End\": true",
            "Task" => "\"Resource\": \"r\", \"End\": true",
            "Wait" => "\"Seconds\": 1, \"End\": true",
            "Choice" => "\"Choices\": [ { \"Variable\": \"$.x\", \"IsPresent\": true, \"Next\": \"A\" } ], \"Default\": \"A\"",
            _ => "",
        };
        var prefix = $$"""{ "StartAt": "S", "States": { "A": { "Type": "Succeed" }, "S": { "Type": "{{type}}", """;
        var text = prefix + field.Trim() + (body.Length > 0 ? ", " + body : "") + " } } }";
        var d = Expect(text, "SG0002", 1, prefix.Length + 1);
        Assert.Contains(field.Trim().Split('"')[1], d.GetMessage());
    }
}
