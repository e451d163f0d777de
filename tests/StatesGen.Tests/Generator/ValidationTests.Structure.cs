namespace StatesGen.Tests.Generator;

/// <summary>
/// The shape of the machine: StartAt and States, transitions that stay inside their States block, state names.
/// Spec: https://states-language.net/spec.html ("Top-level fields", "States", "Transitions"); guide:
/// https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html.
/// </summary>
public partial class ValidationTests
{
    // ---- StartAt and States ------------------------------------------------------------------------------------------

    // A missing field is reported at the '{' of the object that lacks it (never as a span over the whole file).
    [Theory]
    [InlineData("""{ "States": { "A": { "Type": "Succeed" } } }""", "StartAt")]
    [InlineData("""{ "StartAt": "A" }""", "States")]
    [InlineData("""{ "Comment": "neither" }""", "StartAt")]
    public void A_machine_without_StartAt_or_States_is_reported_at_its_opening_brace(string text, string fragment)
    {
        Expect(text, "SG0002", 1, 1, fragment);
    }

    [Theory]
    [InlineData("""{ "StartAt": 1, "States": { "A": { "Type": "Succeed" } } }""", 1, 14)]
    [InlineData("""{ "StartAt": ["A"], "States": { "A": { "Type": "Succeed" } } }""", 1, 14)]
    [InlineData("""{ "StartAt": "A", "States": [ { "Type": "Succeed" } ] }""", 1, 29)]
    [InlineData("""{ "StartAt": "A", "States": "A" }""", 1, 29)]
    [InlineData("""{ "StartAt": "A", "States": {} }""", 1, 29)]
    public void StartAt_and_States_of_the_wrong_type_are_reported_at_the_value(string text, int line, int column)
    {
        Expect(text, "SG0002", line, column);
    }

    [Fact]
    public void A_branch_without_StartAt_is_reported_at_the_branch()
    {
        Expect("""
            {
              "StartAt": "P",
              "States": {
                "P": { "Type": "Parallel", "End": true, "Branches": [
                  { "States": { "B": { "Type": "Succeed" } } }
                ] }
              }
            }
            """, "SG0002", 5, 7, "StartAt");
    }

    // ---- transitions stay inside their States block -------------------------------------------------------------------

    [Fact]
    public void StartAt_naming_no_state_is_reported_at_the_value()
    {
        Expect("""{ "StartAt": "Begin", "States": { "A": { "Type": "Succeed" } } }""", "SG0003", 1, 14, "Begin");
    }

    [Fact]
    public void Default_naming_no_state_is_reported_at_the_value()
    {
        Expect("""
            {
              "StartAt": "C",
              "States": {
                "C": { "Type": "Choice", "Choices": [ { "Variable": "$.x", "IsPresent": true, "Next": "D" } ], "Default": "Elsewhere" },
                "D": { "Type": "Succeed" }
              }
            }
            """, "SG0003", 4, 111, "Elsewhere");
    }

    [Fact]
    public void A_choice_rule_Next_naming_no_state_is_reported_at_the_value()
    {
        Expect("""
            {
              "StartAt": "C",
              "States": {
                "C": { "Type": "Choice", "Choices": [ { "Variable": "$.x", "IsPresent": true, "Next": "Gone" } ], "Default": "D" },
                "D": { "Type": "Succeed" }
              }
            }
            """, "SG0003", 4, 91, "Gone");
    }

    [Fact]
    public void A_catch_Next_naming_no_state_is_reported_at_the_value()
    {
        Expect("""
            {
              "StartAt": "T",
              "States": {
                "T": { "Type": "Task", "Resource": "r", "End": true,
                       "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "Recover" } ] }
              }
            }
            """, "SG0003", 5, 64, "Recover");
    }

    [Fact]
    public void Next_cannot_jump_into_a_parallel_branch()
    {
        Expect("""
            {
              "StartAt": "A",
              "States": {
                "A": { "Type": "Pass", "Next": "Inner" },
                "P": { "Type": "Parallel", "End": true, "Branches": [
                  { "StartAt": "Inner", "States": { "Inner": { "Type": "Succeed" } } }
                ] }
              }
            }
            """, "SG0003", 4, 36, "Inner");
    }

    [Fact]
    public void Next_cannot_jump_out_of_a_parallel_branch()
    {
        Expect("""
            {
              "StartAt": "P",
              "States": {
                "P": { "Type": "Parallel", "Next": "Done", "Branches": [
                  { "StartAt": "B", "States": { "B": { "Type": "Pass", "Next": "Done" } } }
                ] },
                "Done": { "Type": "Succeed" }
              }
            }
            """, "SG0003", 5, 68, "Done");
    }

    [Fact]
    public void A_catch_cannot_jump_out_of_a_map_processor()
    {
        Expect("""
            {
              "StartAt": "M",
              "States": {
                "M": { "Type": "Map", "Next": "Done", "ItemProcessor": { "StartAt": "T", "States": {
                  "T": { "Type": "Task", "Resource": "r", "End": true, "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "Done" } ] }
                } } },
                "Done": { "Type": "Succeed" }
              }
            }
            """, "SG0003", 5, 112, "Done");
    }

    [Fact]
    public void A_branch_StartAt_cannot_name_a_state_of_the_enclosing_block()
    {
        Expect("""
            {
              "StartAt": "P",
              "States": {
                "P": { "Type": "Parallel", "End": true, "Branches": [
                  { "StartAt": "P", "States": { "B": { "Type": "Succeed" } } }
                ] }
              }
            }
            """, "SG0003", 5, 20);
    }

    // ---- state names --------------------------------------------------------------------------------------------------

    [Fact]
    public void A_state_name_used_again_inside_a_branch_is_reported_at_the_second_name()
    {
        // State names are unique across the whole machine, branches and processors included (spec, "States":
        // "State names MUST be unique within the scope of the whole state machine").
        Expect("""
            {
              "StartAt": "Work",
              "States": {
                "Work": { "Type": "Pass", "Next": "P" },
                "P": { "Type": "Parallel", "End": true, "Branches": [
                  { "StartAt": "Work", "States": { "Work": { "Type": "Succeed" } } }
                ] }
              }
            }
            """, "SG0002", 6, 40, "Work");
    }

    [Fact]
    public void A_state_name_used_in_two_map_processors_is_reported_at_the_second_name()
    {
        Expect("""
            {
              "StartAt": "M1",
              "States": {
                "M1": { "Type": "Map", "Next": "M2", "ItemProcessor": { "StartAt": "Item", "States": { "Item": { "Type": "Succeed" } } } },
                "M2": { "Type": "Map", "End": true, "ItemProcessor": { "StartAt": "Item", "States": { "Item": { "Type": "Succeed" } } } }
              }
            }
            """, "SG0002", 5, 91, "Item");
    }

    [Fact]
    public void A_state_name_longer_than_80_characters_is_reported_at_the_name()
    {
        // Step Functions quotas: names of states are limited to 80 characters
        // (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html, "General quotas").
        var name = new string('n', 81);
        var text = $$"""{ "StartAt": "{{name}}", "States": { "{{name}}": { "Type": "Succeed" } } }""";
        Expect(text, "SG0004", 1, text.IndexOf("\"" + name + "\":", StringComparison.Ordinal) + 1, "80");
    }

    [Fact]
    public void A_state_name_of_exactly_80_characters_is_fine()
    {
        var name = new string('n', 80);
        ExpectClean($$"""{ "StartAt": "{{name}}", "States": { "{{name}}": { "Type": "Succeed" } } }""");
    }
}
