namespace StatesGen.Tests.Generator;

/// <summary>
/// Retriers and catchers. Spec: https://states-language.net/spec.html ("Errors", "Retrying after error", "Fallback
/// states"); guide: https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html, which gives the
/// ranges: IntervalSeconds a positive integer (default 1), MaxAttempts a non-negative integer (0 = never retry),
/// BackoffRate at least 1.0, MaxDelaySeconds a positive integer below 31622401, JitterStrategy FULL or NONE; and
/// "States.ALL must appear alone in its ErrorEquals array and must be in the last retrier/catcher".
/// </summary>
public partial class ValidationTests
{
    /// <summary>A Task "T" with the given Retry and/or Catch arrays; catchers may go to "Recover".</summary>
    private static string TaskMachine(string handlers) =>
        "{ \"StartAt\": \"T\", \"States\": { \"T\": { \"Type\": \"Task\", \"Resource\": \"r\", \"End\": true, " + handlers +
        " }, \"Recover\": { \"Type\": \"Succeed\" } } }";

    private static void ExpectTask(string handlers, string id, string token, int occurrence = 1, int shift = 0)
    {
        var text = TaskMachine(handlers);
        int index = -1;
        for (int i = 0; i < occurrence; i++) index = text.IndexOf(token, index + 1, StringComparison.Ordinal);
        Assert.True(index >= 0, $"{token} not in {text}");
        Expect(text, id, 1, index + 1 + shift);
    }

    [Theory]
    [InlineData(""" "Retry": [ { "ErrorEquals": [] } ] """)]
    [InlineData(""" "Catch": [ { "ErrorEquals": [], "Next": "Recover" } ] """)]
    public void An_empty_ErrorEquals_is_reported_at_the_array(string handlers)
    {
        ExpectTask(handlers, "SG0004", "[]");
    }

    [Theory]
    [InlineData(""" "Retry": [ { "MaxAttempts": 2 } ] """, "{ \"MaxAttempts\"")]
    [InlineData(""" "Catch": [ { "Next": "Recover" } ] """, "{ \"Next\"")]
    public void A_missing_ErrorEquals_is_reported_at_the_retrier_or_catcher(string handlers, string token)
    {
        ExpectTask(handlers, "SG0002", token);
    }

    [Fact]
    public void An_error_name_that_is_not_a_string_is_reported_at_it()
    {
        ExpectTask(""" "Retry": [ { "ErrorEquals": [ "X", 42 ] } ] """, "SG0004", "42");
    }

    [Theory]
    [InlineData(""" "Retry": [ { "ErrorEquals": [ "States.ALL", "States.Timeout" ] } ] """)]
    [InlineData(""" "Retry": [ { "ErrorEquals": [ "States.Timeout", "States.ALL" ] } ] """)]
    [InlineData(""" "Catch": [ { "ErrorEquals": [ "MyError", "States.ALL" ], "Next": "Recover" } ] """)]
    public void States_ALL_not_alone_is_reported_at_its_ErrorEquals(string handlers)
    {
        ExpectTask(handlers, "SG0004", "[ \"");
    }

    [Theory]
    [InlineData(""" "Retry": [ { "ErrorEquals": [ "States.ALL" ] }, { "ErrorEquals": [ "States.Timeout" ] } ] """)]
    [InlineData(""" "Catch": [ { "ErrorEquals": [ "States.ALL" ], "Next": "Recover" }, { "ErrorEquals": [ "X" ], "Next": "Recover" } ] """)]
    public void States_ALL_not_in_the_last_retrier_or_catcher_is_reported_at_its_ErrorEquals(string handlers)
    {
        ExpectTask(handlers, "SG0004", "[ \"States.ALL\"");
    }

    [Theory]
    [InlineData("IntervalSeconds", "0")]
    [InlineData("IntervalSeconds", "-1")]
    [InlineData("IntervalSeconds", "1.5")]
    [InlineData("MaxAttempts", "-1")]
    [InlineData("MaxAttempts", "2.5")]
    [InlineData("BackoffRate", "0.5")]
    [InlineData("BackoffRate", "\"2\"")]
    [InlineData("MaxDelaySeconds", "0")]
    [InlineData("MaxDelaySeconds", "31622401")]
    [InlineData("JitterStrategy", "\"HALF\"")]
    [InlineData("JitterStrategy", "\"full\"")]
    [InlineData("JitterStrategy", "true")]
    public void A_retrier_value_out_of_range_is_reported_at_the_value(string field, string value)
    {
        ExpectTask($$""" "Retry": [ { "ErrorEquals": [ "States.ALL" ], "{{field}}": {{value}} } ] """, "SG0004", $"\"{field}\": {value}", shift: field.Length + 4);
    }

    [Fact]
    public void Retrier_values_at_the_edges_of_their_ranges_are_fine()
    {
        ExpectClean("""
            {
              "StartAt": "T",
              "States": {
                "T": { "Type": "Task", "Resource": "r", "End": true,
                       "Retry": [ { "ErrorEquals": [ "States.ALL" ], "IntervalSeconds": 1, "MaxAttempts": 0, "BackoffRate": 1,
                                    "MaxDelaySeconds": 31622400, "JitterStrategy": "NONE" } ] }
              }
            }
            """);
    }

    [Fact]
    public void A_catcher_without_Next_is_reported_at_the_catcher()
    {
        ExpectTask(""" "Catch": [ { "ErrorEquals": [ "States.ALL" ], "ResultPath": "$.error" } ] """, "SG0002", "{ \"ErrorEquals\"");
    }

    [Fact]
    public void A_catcher_ResultPath_into_the_context_object_is_reported_at_the_value()
    {
        ExpectTask(""" "Catch": [ { "ErrorEquals": [ "States.ALL" ], "ResultPath": "$$.Execution.Error", "Next": "Recover" } ] """, "SG0005", "\"$$.Execution.Error\"");
    }
}
