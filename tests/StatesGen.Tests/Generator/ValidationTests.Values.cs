namespace StatesGen.Tests.Generator;

/// <summary>
/// Field values: JSON types, timeouts and heartbeats, Wait, Fail, Map and Parallel.
/// Guide: https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html (TimeoutSeconds, HeartbeatSeconds),
/// state-wait.html, state-fail.html, state-parallel.html, state-map.html, maprun-fail-threshold.html.
/// </summary>
public partial class ValidationTests
{
    // ---- wrong JSON types ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("""{ "StartAt": "A", "Comment": 1, "States": { "A": { "Type": "Succeed" } } }""", "SG0002", 1, 30)]
    [InlineData("""{ "StartAt": "A", "Version": 1.0, "States": { "A": { "Type": "Succeed" } } }""", "SG0002", 1, 30)]
    [InlineData("""{ "StartAt": "A", "TimeoutSeconds": "60", "States": { "A": { "Type": "Succeed" } } }""", "SG0004", 1, 37)]
    [InlineData("""{ "StartAt": "A", "QueryLanguage": 1, "States": { "A": { "Type": "Succeed" } } }""", "SG0004", 1, 36)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Succeed", "Comment": ["x"] } } }""", "SG0002", 1, 68)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": 5, "End": true } } }""", "SG0002", 1, 66)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": 5 } } }""", "SG0002", 1, 62)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "End": "true" } } }""", "SG0004", 1, 61)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Parameters": "x", "End": true } } }""", "SG0002", 1, 68)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "r", "ResultSelector": [1], "End": true } } }""", "SG0002", 1, 89)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "r", "Parameters": null, "End": true } } }""", "SG0002", 1, 85)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "r", "ResultSelector": null, "End": true } } }""", "SG0002", 1, 89)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Map", "ItemSelector": "x", "ItemProcessor": { "StartAt": "B", "States": { "B": { "Type": "Succeed" } } }, "End": true } } }""", "SG0002", 1, 69)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "r", "TimeoutSeconds": "10", "End": true } } }""", "SG0004", 1, 89)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "r", "Retry": {}, "End": true } } }""", "SG0002", 1, 80)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "r", "Retry": [ "X" ], "End": true } } }""", "SG0002", 1, 82)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "r", "Catch": "X", "End": true } } }""", "SG0002", 1, 80)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "r", "Retry": [ { "ErrorEquals": "States.ALL" } ], "End": true } } }""", "SG0004", 1, 99)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Wait", "Seconds": "10", "End": true } } }""", "SG0004", 1, 65)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "InputPath": 5, "End": true } } }""", "SG0005", 1, 67)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "ResultPath": true, "End": true } } }""", "SG0005", 1, 68)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Fail", "Error": 500 } } }""", "SG0002", 1, 63)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Fail", "Cause": { "why": 1 } } } }""", "SG0002", 1, 63)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Parallel", "Branches": {}, "End": true } } }""", "SG0002", 1, 70)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Parallel", "Branches": [ "B" ], "End": true } } }""", "SG0002", 1, 72)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Map", "ItemProcessor": [], "End": true } } }""", "SG0002", 1, 70)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Map", "MaxConcurrency": "2", "ItemProcessor": { "StartAt": "B", "States": { "B": { "Type": "Succeed" } } }, "End": true } } }""", "SG0004", 1, 71)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Choice", "Choices": { }, "Default": "B" }, "B": { "Type": "Succeed" } } }""", "SG0007", 1, 67)]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Choice", "Choices": [ { "Variable": "$.x", "IsNull": true, "Next": "B" } ], "Default": 1 }, "B": { "Type": "Succeed" } } }""", "SG0002", 1, 134)]
    public void A_value_of_the_wrong_JSON_type_is_reported_at_the_value(string text, string id, int line, int column)
    {
        // Parameters, ResultSelector, ItemSelector: spec, "Payload Template": "The value of "Parameters" MUST be a
        // Payload Template which is a JSON object" (likewise ResultSelector); null or a string is no template.
        Expect(text, id, line, column);
    }

    // ---- Version ----------------------------------------------------------------------------------------------------------

    // Spec, "Top-level fields": "Version" is the version of the States Language, "1.0" by default and the only one; AWS's
    // language service schema allows only "1.0" (aws/amazon-states-language-service src/json-schema/partial/base.json:
    // "enum": ["1.0"], https://github.com/aws/amazon-states-language-service), as does LocalStack's AWS-mirroring parser
    // (localstack-core/localstack/services/stepfunctions/asl/component/program/version.py). AWS accepted "1.0"
    // (aws-recorded pass-002).
    [Theory]
    [InlineData("\"2.0\"")]
    [InlineData("\"1\"")]
    [InlineData("\"\"")]
    public void A_Version_other_than_1_0_is_reported_at_its_value(string version)
    {
        var text = $$"""{ "StartAt": "A", "Version": {{version}}, "States": { "A": { "Type": "Succeed" } } }""";
        ExpectAt(text, "SG0004", version);
        ExpectClean("""{ "StartAt": "A", "Version": "1.0", "States": { "A": { "Type": "Succeed" } } }""");
    }

    // ---- Task Credentials ---------------------------------------------------------------------------------------------

    // state-task.html, Credentials: an object with "RoleArn" (or, in JSONPath, "RoleArn.$"). AWS rejects {} and
    // {"InvalidField": "invalid"} at creation: "SCHEMA_VALIDATION_FAILED: The field 'RoleArn' is required but was missing
    // at /States/State0/Credentials" (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/
    // tests/aws/services/stepfunctions/v2/credentials/test_credentials_base.py, test_invalid_credentials_field and its
    // snapshot, validated against AWS 2024-12-04). Guide: https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html
    [Theory]
    [InlineData("{}", "", "\"Credentials\"")]
    [InlineData("""{ "InvalidField": "invalid" }""", "", "\"InvalidField\"")]
    [InlineData("""{ "InvalidField": "invalid" }""", "", "\"Credentials\"")]
    [InlineData("\"arn:aws:iam::123456789012:role/R\"", "", "\"arn:aws:iam::123456789012:role/R\"")]
    [InlineData("""{ "RoleArn": 5 }""", "", "5 }")]
    [InlineData("{}", JsonataMachine, "\"Credentials\"")]
    [InlineData("""{ "RoleArn.$": "$.role" }""", JsonataMachine, "\"RoleArn.$\"")]
    [InlineData("\"{% $states.input.credentials %}\"", JsonataMachine, "\"{% $states.input.credentials %}\"")]
    public void Task_Credentials_without_a_RoleArn_are_reported(string credentials, string machine, string token)
    {
        var text = $$"""{ {{machine}}"StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Credentials": {{credentials}}, "End": true } } }""";
        ExpectAt(text, "SG0002", token);
    }

    // The forms AWS accepted and ran (aws-recorded credentials-001 to -008): a JSONata expression, a path, a context path,
    // a variable and an intrinsic function call; a literal ARN.
    [Theory]
    [InlineData("""{ "RoleArn": "arn:aws:iam::123456789012:role/R" }""", "")]
    [InlineData("""{ "RoleArn.$": "$.CredentialsRoleArn" }""", "")]
    [InlineData("""{ "RoleArn.$": "$$.Execution.Input.CredentialsRoleArn" }""", "")]
    [InlineData("""{ "RoleArn.$": "States.Format('{}', $.CredentialsRoleArn)" }""", "")]
    [InlineData("""{ "RoleArn": "{% $states.input.CredentialsRoleArn %}" }""", JsonataMachine)]
    public void Task_Credentials_with_a_RoleArn_are_clean(string credentials, string machine)
    {
        ExpectClean($$"""{ {{machine}}"StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Credentials": {{credentials}}, "End": true } } }""");
    }

    // ---- TimeoutSeconds and HeartbeatSeconds ------------------------------------------------------------------------------

    // state-task.html: "TimeoutSeconds ... must be a positive, non-zero integer"; the same for HeartbeatSeconds; the
    // largest accepted value is 99999999.
    [Theory]
    [InlineData("\"TimeoutSeconds\": 0", "0")]
    [InlineData("\"TimeoutSeconds\": -5", "-5")]
    [InlineData("\"TimeoutSeconds\": 1.5", "1.5")]
    [InlineData("\"TimeoutSeconds\": 100000000", "100000000")]
    [InlineData("\"TimeoutSeconds\": 99999999999999999999999", "99999999999999999999999")]
    [InlineData("\"HeartbeatSeconds\": 0", "0")]
    [InlineData("\"HeartbeatSeconds\": -1", "-1")]
    [InlineData("\"HeartbeatSeconds\": 2.0", "2.0")]
    public void Task_timeouts_must_be_positive_integers(string field, string value)
    {
        var prefix = """{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "r", """;
        var text = prefix + field + ", \"End\": true } } }";
        Expect(text, "SG0004", 1, prefix.Length + field.Length - value.Length + 1);
    }

    [Fact]
    public void A_machine_TimeoutSeconds_must_be_a_positive_integer()
    {
        Expect("""{ "StartAt": "A", "TimeoutSeconds": 0, "States": { "A": { "Type": "Succeed" } } }""", "SG0004", 1, 37);
        // At most 99,999,999, as for Task states (statelint: "MUST be less than 99999999"; AWS's ASL schema).
        Expect("""{ "StartAt": "A", "TimeoutSeconds": 100000000, "States": { "A": { "Type": "Succeed" } } }""", "SG0004", 1, 37);
        ExpectClean("""{ "StartAt": "A", "TimeoutSeconds": 99999999, "States": { "A": { "Type": "Succeed" } } }""");
    }

    [Theory]
    [InlineData("""{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "r", "TimeoutSeconds": 60, "HeartbeatSeconds": 60, "End": true } } }""", 1, 113)]
    [InlineData("""{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "r", "HeartbeatSeconds": 90, "TimeoutSeconds": 60, "End": true } } }""", 1, 91)]
    public void HeartbeatSeconds_must_be_smaller_than_TimeoutSeconds(string text, int line, int column)
    {
        Expect(text, "SG0004", line, column, "HeartbeatSeconds");
    }

    [Theory]
    [InlineData("""{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "r", "TimeoutSeconds": 60, "TimeoutSecondsPath": "$.t", "End": true } } }""", 1, 93)]
    [InlineData("""{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "r", "HeartbeatSeconds": 6, "HeartbeatSecondsPath": "$.h", "End": true } } }""", 1, 94)]
    public void A_field_and_its_Path_variant_together_are_reported_at_the_second(string text, int line, int column)
    {
        Expect(text, "SG0002", line, column, "not both");
    }

    [Fact]
    public void A_task_without_Resource_is_reported_at_its_Type()
    {
        Expect("""{ "StartAt": "T", "States": { "T": { "Type": "Task", "End": true } } }""", "SG0002", 1, 46, "Resource");
    }

    // ---- Wait --------------------------------------------------------------------------------------------------------------

    [Fact]
    public void A_Wait_without_a_duration_is_reported_at_its_Type()
    {
        Expect("""{ "StartAt": "W", "States": { "W": { "Type": "Wait", "End": true } } }""", "SG0002", 1, 46, "exactly one");
    }

    // A second duration field is the offending token, wherever it is.
    [Theory]
    [InlineData("""{ "StartAt": "W", "States": { "W": { "Type": "Wait", "Seconds": 5, "SecondsPath": "$.s", "End": true } } }""", 1, 68)]
    [InlineData("""{ "StartAt": "W", "States": { "W": { "Type": "Wait", "Seconds": 5, "Timestamp": "2016-03-14T01:59:00Z", "End": true } } }""", 1, 68)]
    [InlineData("""{ "StartAt": "W", "States": { "W": { "Type": "Wait", "TimestampPath": "$.t", "SecondsPath": "$.s", "End": true } } }""", 1, 78)]
    public void A_Wait_with_two_durations_is_reported_at_the_second(string text, int line, int column)
    {
        Expect(text, "SG0002", line, column, "exactly one");
    }

    [Fact]
    public void Wait_Seconds_must_not_be_negative()
    {
        Expect("""{ "StartAt": "W", "States": { "W": { "Type": "Wait", "Seconds": -1, "End": true } } }""", "SG0004", 1, 65);
    }

    // state-wait.html: "Timestamps must conform to the RFC3339 profile of ISO 8601, with the further restrictions that
    // an uppercase T must separate the date and time portions, and an uppercase Z must denote that a numeric time zone
    // offset is not present".
    [Theory]
    [InlineData("2016-03-14t01:59:00Z")]
    [InlineData("2016-03-14T01:59:00z")]
    [InlineData("2016-03-14 01:59:00Z")]
    [InlineData("2016-03-14T01:59:00")]
    [InlineData("2016-03-14")]
    [InlineData("2016-13-14T01:59:00Z")]
    [InlineData("2016-03-14T25:59:00Z")]
    [InlineData("tomorrow")]
    public void A_Wait_Timestamp_that_is_not_RFC_3339_is_reported_at_the_value(string timestamp)
    {
        var text = $$"""{ "StartAt": "W", "States": { "W": { "Type": "Wait", "Timestamp": "{{timestamp}}", "End": true } } }""";
        Expect(text, "SG0004", 1, text.IndexOf("\"" + timestamp, StringComparison.Ordinal) + 1, "RFC 3339");
    }

    [Theory]
    [InlineData("2016-03-14T01:59:00Z")]
    [InlineData("2016-03-14T01:59:00.123Z")]
    [InlineData("2016-03-14T01:59:00+02:00")]
    public void A_Wait_Timestamp_in_RFC_3339_is_fine(string timestamp)
    {
        ExpectClean($$"""{ "StartAt": "W", "States": { "W": { "Type": "Wait", "Timestamp": "{{timestamp}}", "End": true } } }""");
    }

    // ---- Fail ---------------------------------------------------------------------------------------------------------------

    // state-fail.html: Error and ErrorPath (Cause and CausePath) are alternatives.
    [Theory]
    [InlineData("""{ "StartAt": "F", "States": { "F": { "Type": "Fail", "Error": "E", "ErrorPath": "$.e" } } }""", 1, 68)]
    [InlineData("""{ "StartAt": "F", "States": { "F": { "Type": "Fail", "Cause": "C", "CausePath": "$.c" } } }""", 1, 68)]
    public void Fail_with_a_field_and_its_Path_is_reported_at_the_Path(string text, int line, int column)
    {
        Expect(text, "SG0002", line, column, "not both");
    }

    // ---- Map ----------------------------------------------------------------------------------------------------------------

    [Fact]
    public void A_Map_without_ItemProcessor_or_Iterator_is_reported_at_its_Type()
    {
        Expect("""{ "StartAt": "M", "States": { "M": { "Type": "Map", "ItemsPath": "$.items", "End": true } } }""", "SG0002", 1, 46, "ItemProcessor");
    }

    [Fact]
    public void A_Map_with_both_ItemProcessor_and_Iterator_is_reported_at_the_second()
    {
        Expect("""
            {
              "StartAt": "M",
              "States": {
                "M": { "Type": "Map", "End": true,
                       "ItemProcessor": { "StartAt": "A", "States": { "A": { "Type": "Succeed" } } },
                       "Iterator": { "StartAt": "B", "States": { "B": { "Type": "Succeed" } } } }
              }
            }
            """, "SG0002", 6, 12);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    public void MaxConcurrency_must_be_a_non_negative_integer(string value)
    {
        var text = $$"""{ "StartAt": "M", "States": { "M": { "Type": "Map", "MaxConcurrency": {{value}}, "ItemProcessor": { "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }, "End": true } } }""";
        Expect(text, "SG0004", 1, text.IndexOf(value, StringComparison.Ordinal) + 1, "MaxConcurrency");
    }

    // maprun-fail-threshold.html: "You must specify a value between zero and 100".
    [Theory]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("100.5")]
    public void ToleratedFailurePercentage_must_be_between_0_and_100(string value)
    {
        var text = $$"""{ "StartAt": "M", "States": { "M": { "Type": "Map", "ToleratedFailurePercentage": {{value}}, "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" }, "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }, "End": true } } }""";
        Expect(text, "SG0004", 1, text.IndexOf(": " + value, StringComparison.Ordinal) + 3, "ToleratedFailurePercentage");
    }

    // The fields that need Distributed mode, ProcessorConfig, Label, ItemReader and ResultWriter: ValidationTests.Map.cs.

    [Fact]
    public void A_Map_ProcessorConfig_Mode_must_be_INLINE_or_DISTRIBUTED()
    {
        // state-map.html, ItemProcessor: "Mode ... INLINE or DISTRIBUTED".
        Expect("""{ "StartAt": "M", "States": { "M": { "Type": "Map", "ItemProcessor": { "ProcessorConfig": { "Mode": "FAST" }, "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }, "End": true } } }""",
            "SG0004", 1, 101);
    }

    // ---- Parallel -----------------------------------------------------------------------------------------------------------

    [Fact]
    public void A_Parallel_with_no_branches_is_reported_at_the_empty_array()
    {
        Expect("""{ "StartAt": "P", "States": { "P": { "Type": "Parallel", "Branches": [], "End": true } } }""", "SG0002", 1, 70, "non-empty");
    }

    [Fact]
    public void A_Parallel_without_Branches_is_reported_at_its_Type()
    {
        Expect("""{ "StartAt": "P", "States": { "P": { "Type": "Parallel", "End": true } } }""", "SG0002", 1, 46, "Branches");
    }
}
