namespace StatesGen.Tests.Generator;

/// <summary>
/// Paths, payload templates and intrinsic functions, each reported at the string value that holds them.
/// Guide: https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html (Reference Paths:
/// "only ., [] and single-item selection; no operators that select multiple nodes"; ResultPath "can't start with $$");
/// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html (payload templates, ".$");
/// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html (names, arguments, "You can nest up
/// to 10 intrinsic functions within a field", escapes \' \{ \} \\).
/// </summary>
public partial class ValidationTests
{
    /// <summary>A one-state machine: state "A" of <paramref name="type"/> with <paramref name="fields"/>.</summary>
    private static string StateMachine(string type, string fields)
    {
        var rest = type switch
        {
            "Pass" or "Task" or "Wait" or "Map" or "Parallel" => ", \"End\": true",
            _ => "",
        };
        var extra = type switch
        {
            "Task" => "\"Resource\": \"r\", ",
            "Map" => "\"ItemProcessor\": { \"StartAt\": \"I\", \"States\": { \"I\": { \"Type\": \"Succeed\" } } }, ",
            _ => "",
        };
        return "{ \"StartAt\": \"A\", \"States\": { \"A\": { \"Type\": \"" + type + "\", " + extra + fields.Trim() + rest + " } } }";
    }

    /// <summary>The value of <paramref name="field"/> in the machine, where the diagnostic is expected.</summary>
    private static void ExpectAtValueOf(string type, string fields, string field, string id)
    {
        var text = StateMachine(type, fields);
        var key = "\"" + field + "\": ";
        ExpectAt(text, id, key, shift: key.Length);
    }

    // ---- malformed JSONPath ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("Pass", """ "InputPath": "$.a[" """, "InputPath")]
    [InlineData("Pass", """ "InputPath": "items" """, "InputPath")]
    [InlineData("Pass", """ "InputPath": "$.a[?(@.b ==)]" """, "InputPath")]
    [InlineData("Pass", """ "OutputPath": "$.a['b" """, "OutputPath")]
    [InlineData("Pass", """ "ResultPath": "$.a[" """, "ResultPath")]
    [InlineData("Pass", """ "Parameters": { "x.$": "$.b[" } """, "x.$")]
    [InlineData("Task", """ "ResultSelector": { "x.$": "$.[" } """, "x.$")]
    [InlineData("Task", """ "TimeoutSecondsPath": "$.t[" """, "TimeoutSecondsPath")]
    [InlineData("Task", """ "HeartbeatSecondsPath": "t" """, "HeartbeatSecondsPath")]
    [InlineData("Wait", """ "SecondsPath": "$.s[" """, "SecondsPath")]
    [InlineData("Wait", """ "TimestampPath": "$.t[" """, "TimestampPath")]
    [InlineData("Map", """ "ItemsPath": "$.items[" """, "ItemsPath")]
    [InlineData("Map", """ "ItemSelector": { "x.$": "$$.Map.Item.Value[" } """, "x.$")]
    [InlineData("Map", """ "MaxConcurrencyPath": "$.m[" """, "MaxConcurrencyPath")]
    [InlineData("Fail", """ "ErrorPath": "$.e[" """, "ErrorPath")]
    [InlineData("Fail", """ "CausePath": "$.c[" """, "CausePath")]
    public void A_malformed_JSONPath_is_reported_at_the_value(string type, string fields, string field)
    {
        ExpectAtValueOf(type, fields, field, "SG0005");
    }

    [Fact]
    public void A_malformed_Choice_Variable_is_reported_at_the_value()
    {
        ExpectChoice("""[ { "Variable": "$.x[", "IsPresent": true, "Next": "Yes" } ]""", "SG0005", "\"$.x[\"");
    }

    // Reference Paths (ResultPath, ItemsPath, the *Path fields, Choice Variable) select one node: no wildcard, filter,
    // slice, union or deep scan.
    [Theory]
    [InlineData("Pass", """ "ResultPath": "$.a[*]" """, "ResultPath")]
    [InlineData("Pass", """ "ResultPath": "$.a[?(@.b)]" """, "ResultPath")]
    [InlineData("Pass", """ "ResultPath": "$..a" """, "ResultPath")]
    [InlineData("Pass", """ "ResultPath": "$.a[0:2]" """, "ResultPath")]
    [InlineData("Pass", """ "ResultPath": "$.a['x','y']" """, "ResultPath")]
    [InlineData("Map", """ "ItemsPath": "$.items[*]" """, "ItemsPath")]
    [InlineData("Map", """ "ItemsPath": "$.items[?(@.ok)]" """, "ItemsPath")]
    [InlineData("Map", """ "MaxConcurrencyPath": "$..m" """, "MaxConcurrencyPath")]
    [InlineData("Task", """ "TimeoutSecondsPath": "$.t[0:1]" """, "TimeoutSecondsPath")]
    [InlineData("Task", """ "HeartbeatSecondsPath": "$..h" """, "HeartbeatSecondsPath")]
    [InlineData("Wait", """ "SecondsPath": "$.s[*]" """, "SecondsPath")]
    [InlineData("Wait", """ "TimestampPath": "$..t" """, "TimestampPath")]
    public void A_path_that_is_not_a_Reference_Path_is_reported_where_one_is_required(string type, string fields, string field)
    {
        ExpectAtValueOf(type, fields, field, "SG0005");
    }

    [Theory]
    [InlineData("""[ { "Variable": "$.x[?(@ > 1)]", "IsPresent": true, "Next": "Yes" } ]""", "\"$.x[?")]
    [InlineData("""[ { "Variable": "$..x", "IsPresent": true, "Next": "Yes" } ]""", "\"$..x\"")]
    [InlineData("""[ { "Variable": "$.x", "NumericEqualsPath": "$.y[*]", "Next": "Yes" } ]""", "\"$.y[*]\"")]
    public void A_Choice_path_that_is_not_a_Reference_Path_is_reported_at_the_value(string rules, string token)
    {
        ExpectChoice(rules, "SG0005", token);
    }

    [Fact]
    public void A_catcher_ResultPath_must_be_a_Reference_Path()
    {
        ExpectTask(""" "Catch": [ { "ErrorEquals": [ "States.ALL" ], "ResultPath": "$.errors[*]", "Next": "Recover" } ] """, "SG0005", "\"$.errors[*]\"");
    }

    [Theory]
    [InlineData("$$.Execution.Id")]
    [InlineData("$$")]
    public void ResultPath_cannot_write_into_the_context_object(string path)
    {
        ExpectAtValueOf("Pass", $$""" "ResultPath": "{{path}}" """, "ResultPath", "SG0005");
    }

    [Theory]
    [InlineData("Pass", """ "InputPath": "$.items[?(@.ok == true)]" """)]
    [InlineData("Pass", """ "OutputPath": "$.items[*].id" """)]
    [InlineData("Pass", """ "InputPath": "$$.Execution.Input" """)]
    [InlineData("Pass", """ "InputPath": null, "ResultPath": null, "OutputPath": null """)]
    [InlineData("Pass", """ "Parameters": { "ids.$": "$..id", "first.$": "$.items[0]", "ctx.$": "$$.State.Name" } """)]
    [InlineData("Map", """ "ItemsPath": "$.orders['open'].items", "ItemSelector": { "v.$": "$$.Map.Item.Value" } """)]
    public void Valid_paths_are_accepted(string type, string fields)
    {
        ExpectClean(StateMachine(type, fields));
    }

    // ---- payload templates ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(""" "Parameters": { "x.$": "hello" } """, "SG0004")]
    [InlineData(""" "Parameters": { "x.$": "" } """, "SG0004")]
    [InlineData(""" "Parameters": { "x.$": 5 } """, "SG0004")]
    [InlineData(""" "Parameters": { "x.$": { "y": 1 } } """, "SG0004")]
    [InlineData(""" "Parameters": { "deep": { "x.$": "$$$" } } """, "SG0005")]
    public void A_dollar_key_whose_value_is_neither_a_path_nor_an_intrinsic_is_reported_at_the_value(string fields, string id)
    {
        ExpectAtValueOf("Pass", fields, "x.$", id);
    }

    [Theory]
    [InlineData(""" "Parameters": { "a": 1, "a.$": "$.b" } """, "\"a.$\"")]
    [InlineData(""" "Parameters": { "a.$": "$.b", "a": 1 } """, "\"a\":")]
    [InlineData(""" "Parameters": { "in": { "a.$": "$.b", "a": 1 } } """, "\"a\":")]
    public void A_key_both_with_and_without_dollar_is_reported_at_the_second(string fields, string token)
    {
        ExpectAt(StateMachine("Pass", fields), "SG0002", token);
    }

    // ---- intrinsic functions ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("States.Nope($.a)")]                         // unknown name
    [InlineData("States.format('x')")]                       // names are case-sensitive
    [InlineData("States.Format('{}', States.Nope())")]       // unknown nested name
    [InlineData("States.ArrayLength()")]                     // wrong argument count
    [InlineData("States.UUID(1)")]
    [InlineData("States.ArrayRange(1, 2)")]
    [InlineData("States.MathRandom(1)")]
    [InlineData("States.Hash($.a)")]
    [InlineData("States.JsonMerge($.a, $.b)")]
    [InlineData("States.MathAdd('1', 2)")]                   // literal arguments of the wrong type
    [InlineData("States.ArrayRange(1, 'x', 1)")]
    [InlineData("States.JsonMerge($.a, $.b, 'yes')")]
    [InlineData("States.StringSplit(1, ',')")]
    [InlineData("States.Format(1)")]
    [InlineData("States.Base64Encode(5)")]
    [InlineData("States.ArrayGetItem($.a, 'x')")]
    [InlineData("States.Hash($.a, 'SHA-999')")]
    [InlineData("States.Format('a\\\\d')")]                 // bad escape (\d)
    [InlineData("States.Format('abc)")]                      // unbalanced quotes
    [InlineData("States.Format('it's')")]
    [InlineData("States.Format('x'")]                        // missing ')'
    [InlineData("States.UUID() + 1")]                        // text after the call
    [InlineData("States.Format")]                            // no argument list
    [InlineData("States.Format('{} and {}', $.a)")]          // {} count does not match the arguments
    [InlineData("States.Format('{}', $.a, $.b)")]
    [InlineData("States.Format('\\\\{}', $.a)")]             // an escaped brace is not a placeholder
    public void A_bad_intrinsic_call_is_reported_at_the_value(string call)
    {
        var text = StateMachine("Pass", $$""" "Parameters": { "x.$": "{{call}}" } """);
        ExpectAt(text, "SG0006", "\"States.");
    }

    [Fact]
    public void A_bad_intrinsic_call_in_ErrorPath_is_reported_at_the_value()
    {
        ExpectAtValueOf("Fail", """ "ErrorPath": "States.Nope()" """, "ErrorPath", "SG0006");
    }

    [Fact]
    public void A_malformed_path_argument_of_an_intrinsic_is_reported_at_the_value()
    {
        ExpectAtValueOf("Pass", """ "Parameters": { "x.$": "States.Format('{}', $.a[?(@.b ==)])" } """, "x.$", "SG0005");
    }

    [Fact]
    public void An_intrinsic_is_not_a_path_where_a_path_is_required()
    {
        ExpectAtValueOf("Pass", """ "InputPath": "States.UUID()" """, "InputPath", "SG0005");
    }

    private static string Nested(int depth) =>
        depth == 1 ? "States.JsonToString($.a)" : "States.JsonToString(" + Nested(depth - 1) + ")";

    [Fact]
    public void More_than_10_nested_intrinsic_calls_are_reported_at_the_value()
    {
        var text = StateMachine("Pass", $$""" "Parameters": { "x.$": "{{Nested(11)}}" } """);
        var d = ExpectAt(text, "SG0006", "\"States.");
        Assert.Contains("10", d.GetMessage());
    }

    [Fact]
    public void Ten_nested_intrinsic_calls_are_fine()
    {
        ExpectClean(StateMachine("Pass", $$""" "Parameters": { "x.$": "{{Nested(10)}}" } """));
    }

    [Fact]
    public void Escaped_braces_and_quotes_in_a_Format_template_are_fine()
    {
        ExpectClean(StateMachine("Pass", """ "Parameters": { "x.$": "States.Format('\\{{}\\} it\\'s {}', $.a, $.b)" } """));
    }
}
