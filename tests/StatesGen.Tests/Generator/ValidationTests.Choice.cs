namespace StatesGen.Tests.Generator;

/// <summary>
/// Choice rules. Spec: https://states-language.net/spec.html ("Choice State", "Choice Rules"); guide:
/// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html. A top-level rule has exactly one
/// comparison (or And/Or/Not) and a Next; a nested rule has no Next; operands have the operator's type.
/// </summary>
public partial class ValidationTests
{
    /// <summary>A machine whose Choice state "C" has the given rules; every Next may target "Yes" or "No".</summary>
    private static string ChoiceMachine(string rules) =>
        "{ \"StartAt\": \"C\", \"States\": { \"C\": { \"Type\": \"Choice\", \"Default\": \"No\", \"Choices\": " + rules +
        " }, \"Yes\": { \"Type\": \"Succeed\" }, \"No\": { \"Type\": \"Succeed\" } } }";

    /// <summary>The 1-based column of <paramref name="token"/> in the one-line machine built from <paramref name="rules"/>.</summary>
    private static int ChoiceColumn(string rules, string token, int occurrence = 1)
    {
        var text = ChoiceMachine(rules);
        int index = -1;
        for (int i = 0; i < occurrence; i++) index = text.IndexOf(token, index + 1, StringComparison.Ordinal);
        Assert.True(index >= 0, $"{token} not in {text}");
        return index + 1;
    }

    private static void ExpectChoice(string rules, string id, string token, int occurrence = 1) =>
        Expect(ChoiceMachine(rules), id, 1, ChoiceColumn(rules, token, occurrence));

    [Fact]
    public void Empty_Choices_is_reported_at_the_array()
    {
        ExpectChoice("[]", "SG0007", "[]");
    }

    [Fact]
    public void A_Choice_without_Choices_is_reported_at_its_Type()
    {
        Expect("""{ "StartAt": "C", "States": { "C": { "Type": "Choice", "Default": "D" }, "D": { "Type": "Succeed" } } }""", "SG0002", 1, 46);
    }

    [Fact]
    public void A_top_level_rule_without_Next_is_reported_at_the_rule()
    {
        ExpectChoice("""[ { "Variable": "$.x", "IsPresent": true } ]""", "SG0007", "{ \"Variable\"");
    }

    [Theory]
    [InlineData("""[ { "And": [ { "Variable": "$.x", "IsPresent": true, "Next": "Yes" } ], "Next": "Yes" } ]""")]
    [InlineData("""[ { "Or": [ { "Variable": "$.x", "IsPresent": true }, { "Variable": "$.y", "IsNull": true, "Next": "Yes" } ], "Next": "Yes" } ]""")]
    [InlineData("""[ { "Not": { "Variable": "$.x", "IsPresent": true, "Next": "Yes" }, "Next": "Yes" } ]""")]
    public void Next_inside_And_Or_Not_is_reported_at_the_inner_Next(string rules)
    {
        ExpectChoice(rules, "SG0007", "\"Next\"");
    }

    [Theory]
    [InlineData("""[ { "Variable": "$.x", "Next": "Yes" } ]""", "{ \"Variable\"")]
    [InlineData("""[ { "Next": "Yes" } ]""", "{ \"Next\"")]
    [InlineData("""[ { "And": [ { "Variable": "$.x" } ], "Next": "Yes" } ]""", "{ \"Variable\"")]
    public void A_rule_with_no_comparison_operator_is_reported_at_the_rule(string rules, string token)
    {
        ExpectChoice(rules, "SG0007", token);
    }

    [Theory]
    [InlineData("""[ { "Variable": "$.x", "StringEquals": "a", "StringLessThan": "b", "Next": "Yes" } ]""", "\"StringLessThan\"")]
    [InlineData("""[ { "Variable": "$.x", "IsPresent": true, "IsNull": false, "Next": "Yes" } ]""", "\"IsNull\"")]
    [InlineData("""[ { "Variable": "$.x", "NumericEquals": 1, "NumericEqualsPath": "$.y", "Next": "Yes" } ]""", "\"NumericEqualsPath\"")]
    [InlineData("""[ { "And": [ { "Variable": "$.x", "IsNull": true } ], "Or": [ { "Variable": "$.x", "IsNull": true } ], "Next": "Yes" } ]""", "\"Or\"")]
    public void A_rule_with_two_operators_is_reported_at_the_second(string rules, string token)
    {
        ExpectChoice(rules, "SG0007", token);
    }

    // Spec, "Choice Rules": the operand of String* is a string, of Numeric* a number, of BooleanEquals and the Is*
    // tests a boolean, of Timestamp* a string that is an RFC 3339 timestamp.
    [Theory]
    [InlineData("StringEquals", "5")]
    [InlineData("StringLessThan", "null")]
    [InlineData("StringMatches", "5")]
    [InlineData("NumericEquals", "\"1\"")]
    [InlineData("NumericGreaterThan", "true")]
    [InlineData("BooleanEquals", "\"true\"")]
    [InlineData("BooleanEquals", "1")]
    [InlineData("TimestampEquals", "\"yesterday\"")]
    [InlineData("TimestampLessThan", "\"2016-03-14t01:59:00Z\"")]
    [InlineData("TimestampGreaterThan", "1457920740")]
    [InlineData("IsPresent", "\"true\"")]
    [InlineData("IsNull", "1")]
    public void An_operand_of_the_wrong_type_is_reported_at_the_operand(string op, string operand)
    {
        var rules = $$"""[ { "Variable": "$.x", "{{op}}": {{operand}}, "Next": "Yes" } ]""";
        Expect(ChoiceMachine(rules), "SG0007", 1, ChoiceColumn(rules, ": " + operand + ", \"Next\"") + 2, op);
    }

    [Theory]
    [InlineData("""[ { "And": [], "Next": "Yes" } ]""", "[], ")]
    [InlineData("""[ { "Or": [], "Next": "Yes" } ]""", "[], ")]
    [InlineData("""[ { "And": { "Variable": "$.x", "IsNull": true }, "Next": "Yes" } ]""", "{ \"Variable\"")]
    public void And_and_Or_need_a_non_empty_array_reported_at_the_value(string rules, string token)
    {
        ExpectChoice(rules, "SG0007", token);
    }

    [Fact]
    public void Not_takes_one_rule_object()
    {
        ExpectChoice("""[ { "Not": [ { "Variable": "$.x", "IsNull": true } ], "Next": "Yes" } ]""", "SG0007", "[ { \"Variable\"");
    }

    [Fact]
    public void A_rule_that_is_not_an_object_is_reported_at_the_value()
    {
        ExpectChoice("""[ "x > 1" ]""", "SG0007", "\"x > 1\"");
    }

    [Fact]
    public void A_comparison_without_Variable_is_reported_at_the_operator()
    {
        ExpectChoice("""[ { "StringEquals": "a", "Next": "Yes" } ]""", "SG0007", "\"StringEquals\"");
    }

    [Fact]
    public void Variable_on_And_is_reported_at_Variable()
    {
        ExpectChoice("""[ { "Variable": "$.x", "And": [ { "Variable": "$.x", "IsNull": true } ], "Next": "Yes" } ]""", "SG0007", "\"Variable\"");
    }

    [Fact]
    public void An_unknown_field_in_a_rule_is_reported_at_the_key()
    {
        ExpectChoice("""[ { "Variable": "$.x", "StringEquals": "a", "CaseSensitive": true, "Next": "Yes" } ]""", "SG0007", "\"CaseSensitive\"");
    }

    [Fact]
    public void StringMatches_allows_only_escaped_star_and_backslash()
    {
        // Spec, "StringMatches": "\\*" is a literal '*' and "\\\\" a literal '\'; any other escape is invalid.
        ExpectChoice("""[ { "Variable": "$.x", "StringMatches": "log-\\d.txt", "Next": "Yes" } ]""", "SG0007", "\"log-");
    }

    [Fact]
    public void A_Path_operand_must_be_a_path()
    {
        ExpectChoice("""[ { "Variable": "$.x", "StringEqualsPath": "expected", "Next": "Yes" } ]""", "SG0005", "\"expected\"");
    }

    [Fact]
    public void A_non_string_Next_in_a_rule_is_reported_at_the_value()
    {
        ExpectChoice("""[ { "Variable": "$.x", "IsNull": true, "Next": 1 } ]""", "SG0002", "1 }");
    }
}
