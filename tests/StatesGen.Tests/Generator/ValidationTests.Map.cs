namespace StatesGen.Tests.Generator;

/// <summary>
/// The Map state's Distributed-mode fields: ProcessorConfig, Label, ItemReader and its ReaderConfig, ResultWriter and its
/// WriterConfig, which fields need DISTRIBUTED mode, and the number *Path fields. Each rule has its failing definition
/// (diagnostic ID and position) and its valid neighbour (clean).
/// Guide: https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html,
/// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html,
/// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html.
/// Where the guide does not say what CreateStateMachine rejects, the test names the recording that shows it:
/// LocalStack's AWS-validated snapshots (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/stepfunctions/v2,
/// recorded against AWS) and the floci emulator's checks against AWS in us-east-1 (floci-io/floci issues and PRs).
/// </summary>
public partial class ValidationTests
{
    private const string JsonataMachine = "\"QueryLanguage\": \"JSONata\", ";

    /// <summary>A one-state machine whose Map is DISTRIBUTED (STANDARD children), with <paramref name="fields"/> added.</summary>
    private static string DistributedMap(string fields, string machine = "") =>
        $$"""{ {{machine}}"StartAt": "M", "States": { "M": { "Type": "Map", {{fields.Trim()}}, "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" }, "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }, "End": true } } }""";

    /// <summary>As <see cref="DistributedMap"/> with <paramref name="reader"/> as the ItemReader.</summary>
    private static string MapReading(string reader, string machine = "") => DistributedMap("\"ItemReader\": " + reader, machine);

    private const string S3Parameters = """ "Parameters": { "Bucket": "b", "Key.$": "$.key" } """;

    // ---- ProcessorConfig ------------------------------------------------------------------------------------------------

    // state-map-distributed.html, ItemProcessor: ExecutionType "STANDARD or EXPRESS. You must provide this field if you
    // specified DISTRIBUTED for the Mode sub-field" (likewise the CDK's ProcessorConfig.executionType,
    // https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_stepfunctions.ProcessorConfig.html).
    [Fact]
    public void A_DISTRIBUTED_Map_without_ExecutionType_is_reported_at_its_ProcessorConfig()
    {
        var text = """{ "StartAt": "M", "States": { "M": { "Type": "Map", "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED" }, "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }, "End": true } } }""";
        ExpectAt(text, "SG0002", "\"ProcessorConfig\"");
    }

    [Theory]
    [InlineData("""{ "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" }""")]
    [InlineData("""{ "Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS" }""")]
    [InlineData("""{ "Mode": "INLINE" }""")]
    [InlineData("""{ }""")]
    // Not shown to be rejected by AWS (the guide only says what DISTRIBUTED needs): accepted.
    [InlineData("""{ "Mode": "INLINE", "ExecutionType": "STANDARD" }""")]
    public void A_ProcessorConfig_with_a_valid_Mode_and_ExecutionType_is_clean(string config)
    {
        ExpectClean($$"""{ "StartAt": "M", "States": { "M": { "Type": "Map", "ItemProcessor": { "ProcessorConfig": {{config}}, "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }, "End": true } } }""");
    }

    [Theory]
    [InlineData("\"FAST\"")]
    [InlineData("\"standard\"")]
    [InlineData("1")]
    public void ExecutionType_must_be_STANDARD_or_EXPRESS(string value)
    {
        var text = $$"""{ "StartAt": "M", "States": { "M": { "Type": "Map", "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": {{value}} }, "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }, "End": true } } }""";
        ExpectAt(text, "SG0004", value);
    }

    // AWS's language service allows QueryLanguage on a Map's item processor and a Parallel branch (NestedMapRoot,
    // NestedParallelRoot in aws/amazon-states-language-service src/validation/validationSchema.ts): accepted, and its
    // value is checked as everywhere else.
    [Fact]
    public void QueryLanguage_on_an_ItemProcessor_or_a_branch_is_accepted_and_its_value_checked()
    {
        ExpectClean("""{ "StartAt": "M", "States": { "M": { "Type": "Map", "ItemProcessor": { "QueryLanguage": "JSONPath", "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }, "End": true } } }""");
        ExpectClean("""{ "StartAt": "P", "States": { "P": { "Type": "Parallel", "Branches": [ { "QueryLanguage": "JSONPath", "StartAt": "A", "States": { "A": { "Type": "Succeed" } } } ], "End": true } } }""");
        var map = """{ "StartAt": "M", "States": { "M": { "Type": "Map", "ItemProcessor": { "QueryLanguage": "XPath", "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }, "End": true } } }""";
        ExpectAt(map, "SG0004", "\"XPath\"");
        var branch = """{ "StartAt": "P", "States": { "P": { "Type": "Parallel", "Branches": [ { "QueryLanguage": 1, "StartAt": "A", "States": { "A": { "Type": "Succeed" } } } ], "End": true } } }""";
        ExpectAt(branch, "SG0004", "1,");
    }

    // ---- Label ----------------------------------------------------------------------------------------------------------

    // state-map-distributed.html, Label: at most 40 characters, no whitespace, ? * < > { } [ ] : ; , \ | ^ ~ $ # % & ` "
    // or control characters. AWS rejects an empty label, a 41-character one and each of those characters at creation
    // (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/stepfunctions/v2/test_sfn_api_map_run.py,
    // test_map_state_label_invalid_char_fail, _empty_fail, _too_long_fail, marked AWS-validated).
    [Theory]
    [InlineData("\"\"", "SG0004")]
    [InlineData("\"12345678901234567890123456789012345678901\"", "SG0004")]
    [InlineData("\"label_ \"", "SG0004")]
    [InlineData("\"label_?\"", "SG0004")]
    [InlineData("\"a:b\"", "SG0004")]
    [InlineData("\"a$b\"", "SG0004")]
    [InlineData("\"a\\\"b\"", "SG0004")]
    [InlineData("\"a\\\\b\"", "SG0004")]
    [InlineData("\"a\\u0001b\"", "SG0004")]
    [InlineData("\"a\\u0085b\"", "SG0004")]
    [InlineData("7", "SG0002")]
    public void An_invalid_Label_is_reported_at_its_value(string label, string id)
    {
        var text = DistributedMap("\"Label\": " + label);
        ExpectAt(text, id, label);
    }

    [Theory]
    [InlineData("TestMap")]
    [InlineData("1234567890123456789012345678901234567890")]
    [InlineData("Étiquette-1_ok")]
    public void A_valid_Label_is_clean(string label)
    {
        ExpectClean(DistributedMap($"\"Label\": \"{label}\""));
        // On an INLINE Map too: nothing shows AWS rejects it.
        ExpectClean($$"""{ "StartAt": "M", "States": { "M": { "Type": "Map", "Label": "{{label}}", "ItemProcessor": { "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }, "End": true } } }""");
    }

    // ---- ItemReader -----------------------------------------------------------------------------------------------------

    // input-output-itemreader.html: "The ItemReader field is a JSON object"; a non-object was silently dropped before.
    [Theory]
    [InlineData("\"s3://b/k\"")]
    [InlineData("[]")]
    [InlineData("null")]
    public void An_ItemReader_that_is_not_an_object_is_reported_at_its_value(string reader)
    {
        ExpectAt(MapReading(reader), "SG0002", reader, occurrence: 1);
    }

    // "ItemReader Configuration MUST have a Resource field whose value is a URI" (an AWS Step Functions team member's
    // description of the field, https://github.com/awslabs/statelint/issues/51); without it the Map would silently read its input instead.
    [Fact]
    public void An_ItemReader_without_Resource_is_reported_at_its_key()
    {
        var text = MapReading("""{ "ReaderConfig": { "InputType": "JSON" },""" + S3Parameters + "}");
        ExpectAt(text, "SG0002", "\"ItemReader\"", 1, 0);
    }

    // Only the getObject and listObjectsV2 actions read items; another Resource is rejected at creation: "The field
    // 'Resource' does not match any of the allowed values. Examples: [arn:<partition>:states:::s3:getObject,
    // arn:<partition>:states:::s3:listObjectsV2]" (https://github.com/floci-io/floci/pull/1588, which aligned its definition checks with AWS).
    [Theory]
    [InlineData("\"arn:aws:states:::s3:unknownOperation\"", "SG0004")]
    [InlineData("\"arn:aws:lambda:us-east-1:123456789012:function:Read\"", "SG0004")]
    [InlineData("\"arn:aws:states:::s3:putObject\"", "SG0004")]
    [InlineData("5", "SG0002")]
    public void An_ItemReader_Resource_other_than_an_S3_read_action_is_reported_at_its_value(string resource, string id)
    {
        var text = MapReading("{ \"Resource\": " + resource + ", " + S3Parameters + "}");
        ExpectAt(text, id, resource);
    }

    // input-output-itemreader.html, "Contents of the ItemReader field": Resource, Arguments (JSONata) or Parameters
    // (JSONPath), ReaderConfig; nothing else.
    [Theory]
    [InlineData("""{ "Resource": "arn:aws:states:::s3:getObject", "Bucket": "b" }""", "", "\"Bucket\"")]
    [InlineData("""{ "Resource": "arn:aws:states:::s3:getObject", "Arguments": { "Bucket": "b" } }""", "", "\"Arguments\"")]
    [InlineData("""{ "Resource": "arn:aws:states:::s3:getObject", "Parameters": { "Bucket": "b" } }""", JsonataMachine, "\"Parameters\"")]
    [InlineData("""{ "Resource": "arn:aws:states:::s3:getObject", "Parameters": "b" }""", "", "\"b\"")]
    [InlineData("""{ "Resource": "arn:aws:states:::s3:getObject", "Arguments": 5 }""", JsonataMachine, "5 }")]
    [InlineData("""{ "Resource": "arn:aws:states:::s3:getObject", "Arguments": "b" }""", JsonataMachine, "\"b\"")]
    [InlineData("""{ "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": "JSON" }""", "", "\"JSON\"")]
    public void An_ItemReader_field_that_does_not_belong_is_reported_at_it(string reader, string machine, string token)
    {
        ExpectAt(MapReading(reader, machine), "SG0002", token);
    }

    // ReaderConfig values (input-output-itemreader.html): InputType CSV, JSON, JSONL, PARQUET or MANIFEST ("The field
    // 'InputType' should have one of these values: [MANIFEST, JSON, CSV, JSONL, PARQUET]", https://github.com/floci-io/floci/pull/1588);
    // CSVHeaderLocation FIRST_ROW or GIVEN; CSVDelimiter COMMA, PIPE, SEMICOLON, SPACE or TAB; CSVHeaders a non-empty
    // array of strings (AWS's language service schema: "minItems": 1, "items": string); MaxItems an integer from 0 to
    // 100,000,000 (AWS: "Maximum value is 100000000", "Minimum value is 0", https://github.com/floci-io/floci/issues/3733, checked in us-east-1;
    // LocalStack's AWS-validated test_map_item_reader_csv_max_items creates 0 and 100000000,
    // https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/stepfunctions/v2/scenarios/test_base_scenarios.py).
    [Theory]
    [InlineData(""" "InputType": "XML" """, "\"XML\"")]
    [InlineData(""" "InputType": "json" """, "\"json\"")]
    [InlineData(""" "InputType": "CSV", "CSVHeaderLocation": "LAST_ROW" """, "\"LAST_ROW\"")]
    [InlineData(""" "InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "CSVDelimiter": "COLON" """, "\"COLON\"")]
    [InlineData(""" "InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": [] """, "[]")]
    [InlineData(""" "InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": "a,b" """, "\"a,b\"")]
    [InlineData(""" "InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["a", 2] """, "[\"a\", 2]")]
    [InlineData(""" "InputType": "JSON", "MaxItems": -1 """, "-1")]
    [InlineData(""" "InputType": "JSON", "MaxItems": 1.5 """, "1.5")]
    [InlineData(""" "InputType": "JSON", "MaxItems": 100000001 """, "100000001")]
    [InlineData(""" "InputType": "JSON", "MaxItems": "5" """, "\"5\"")]
    public void An_invalid_ReaderConfig_value_is_reported_at_the_value(string config, string token)
    {
        var text = MapReading("{ \"Resource\": \"arn:aws:states:::s3:getObject\", \"ReaderConfig\": {" + config + "}, " + S3Parameters + "}");
        ExpectAt(text, "SG0004", token);
    }

    // input-output-itemreader.html, CSVHeaderLocation GIVEN: "specify the header within the state machine definition"
    // with CSVHeaders; GIVEN without it has no column names at all.
    [Fact]
    public void CSVHeaderLocation_GIVEN_without_CSVHeaders_is_reported_at_GIVEN()
    {
        var text = MapReading("""{ "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "CSV", "CSVHeaderLocation": "GIVEN" },""" + S3Parameters + "}");
        ExpectAt(text, "SG0002", "\"GIVEN\"");
    }

    // "You can specify either MaxItems or MaxItemsPath, but not both" (AWS: "There should only be one of the following
    // fields: [MaxItems, MaxItemsPath]"); MaxItemsPath is JSONPath only ("The QueryLanguage is set to 'JSONata', but
    // field ... is only supported for the 'JSONPath' QueryLanguage"), both https://github.com/floci-io/floci/issues/3733, checked in us-east-1.
    [Fact]
    public void MaxItems_with_MaxItemsPath_or_MaxItemsPath_in_JSONata_is_reported_at_MaxItemsPath()
    {
        var both = MapReading("""{ "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "JSON", "MaxItems": 2, "MaxItemsPath": "$.n" },""" + S3Parameters + "}");
        ExpectAt(both, "SG0002", "\"MaxItemsPath\"");
        var jsonata = MapReading("""{ "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "JSON", "MaxItemsPath": "$.n" }, "Arguments": { "Bucket": "b", "Key": "k" } }""", JsonataMachine);
        ExpectAt(jsonata, "SG0002", "\"MaxItemsPath\"");
    }

    // The valid neighbours, several of them the definitions AWS accepted in LocalStack's AWS-validated scenario tests
    // (https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/stepfunctions/templates/scenarios/
    // statemachines/map_item_reader_base_*.json5).
    [Theory]
    [InlineData("""{ "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "MaxItems": 0 }, "Parameters": { "Bucket.$": "$.Bucket", "Key.$": "$.Key" } }""", "")]
    [InlineData("""{ "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "MaxItems": 100000000 }, "Parameters": { "Bucket.$": "$.Bucket", "Key.$": "$.Key" } }""", "")]
    [InlineData("""{ "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["a", "b"], "CSVDelimiter": "PIPE" }, "Parameters": { "Bucket": "b", "Key": "k.csv" } }""", "")]
    [InlineData("""{ "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "MaxItemsPath": "$.MaxItems" }, "Parameters": { "Bucket.$": "$.Bucket", "Key.$": "$.Key" } }""", "")]
    [InlineData("""{ "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "JSON", "ItemsPointer": "/items" }, "Parameters": { "Bucket": "b", "Key": "k.json" } }""", "")]
    [InlineData("""{ "Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": { "Bucket.$": "$.Bucket" } }""", "")]
    [InlineData("""{ "Resource": "arn:aws-cn:states:::s3:getObject", "ReaderConfig": { "InputType": "JSONL" }, "Parameters": { "Bucket": "b", "Key": "k.jsonl" } }""", "")]
    [InlineData("""{ "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "JSON", "MaxItems": "{% $maxItems := 2 %}" }, "Arguments": { "Bucket": "{% $states.input.Bucket %}", "Key": "{% $states.input.Key %}" } }""", JsonataMachine)]
    [InlineData("""{ "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "PARQUET" }, "Arguments": "{% $states.input.location %}" }""", JsonataMachine)]
    public void A_valid_ItemReader_is_clean(string reader, string machine)
    {
        ExpectClean(MapReading(reader, machine));
    }

    // ---- ResultWriter ---------------------------------------------------------------------------------------------------

    // input-output-resultwriter.html: a JSON object; "The ResultWriter field cannot be empty. You must specify one of
    // these sets of sub-fields": WriterConfig; Resource and Parameters (Arguments); all three. Resource is the
    // s3:putObject action, the only export the guide documents (https://github.com/floci-io/floci/pull/1823 rejects any other). WriterConfig: Transformation
    // NONE, COMPACT or FLATTEN; OutputType JSON or JSONL, required (AWS's language service schema,
    // aws/amazon-states-language-service src/json-schema/partial/map_state.json).
    [Theory]
    [InlineData(""" "ResultWriter": "s3://out" """, "", "SG0002", "\"s3://out\"")]
    [InlineData(""" "ResultWriter": { } """, "", "SG0002", "\"ResultWriter\"")]
    [InlineData(""" "ResultWriter": { "Resource": "arn:aws:states:::s3:putObject" } """, "", "SG0002", "\"Resource\"")]
    [InlineData(""" "ResultWriter": { "Parameters": { "Bucket": "out" } } """, "", "SG0002", "\"Parameters\"")]
    [InlineData(""" "ResultWriter": { "Resource": "arn:aws:states:::s3:getObject", "Parameters": { "Bucket": "out" } } """, "", "SG0004", "\"arn:aws:states:::s3:getObject\"")]
    [InlineData(""" "ResultWriter": { "Resource": "arn:aws:states:::s3:putObject", "Parameters": { "Bucket": "out" }, "Prefix": "p" } """, "", "SG0002", "\"Prefix\"")]
    [InlineData(""" "ResultWriter": { "Resource": "arn:aws:states:::s3:putObject", "Parameters": "out" } """, "", "SG0002", "\"out\"")]
    [InlineData(""" "ResultWriter": { "Resource": "arn:aws:states:::s3:putObject", "Arguments": { "Bucket": "out" }, "Parameters": { "Bucket": "out" } } """, JsonataMachine, "SG0002", "\"Parameters\"")]
    [InlineData(""" "ResultWriter": { "Resource": "arn:aws:states:::s3:putObject", "Parameters": { "Bucket": "out" }, "Arguments": { "Bucket": "out" } } """, "", "SG0002", "\"Arguments\"")]
    [InlineData(""" "ResultWriter": { "WriterConfig": "JSON" } """, "", "SG0002", "\"JSON\"")]
    [InlineData(""" "ResultWriter": { "WriterConfig": { "Transformation": "COMPACT" } } """, "", "SG0002", "\"WriterConfig\"")]
    [InlineData(""" "ResultWriter": { "WriterConfig": { "Transformation": "ALL", "OutputType": "JSON" } } """, "", "SG0004", "\"ALL\"")]
    [InlineData(""" "ResultWriter": { "WriterConfig": { "Transformation": "NONE", "OutputType": "CSV" } } """, "", "SG0004", "\"CSV\"")]
    [InlineData(""" "ResultWriter": { "WriterConfig": { "OutputType": "JSON", "Compression": "GZIP" } } """, "", "SG0002", "\"Compression\"")]
    public void An_invalid_ResultWriter_is_reported_at_the_offending_token(string writer, string machine, string id, string token)
    {
        var text = DistributedMap(writer, machine);
        // The token's first occurrence from the ResultWriter key on.
        ExpectAt(text, id, token, occurrence: 1 + CountBefore(text, token, text.IndexOf("\"ResultWriter\"", StringComparison.Ordinal)));
    }

    private static int CountBefore(string text, string token, int end)
    {
        int count = 0;
        for (int i = text.IndexOf(token, StringComparison.Ordinal); i >= 0 && i < end; i = text.IndexOf(token, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }

    [Theory]
    [InlineData(""" "ResultWriter": { "Resource": "arn:aws:states:::s3:putObject", "Parameters": { "Bucket": "result-bucket", "Prefix": "mapJobs" } } """, "")]
    [InlineData(""" "ResultWriter": { "WriterConfig": { "Transformation": "FLATTEN", "OutputType": "JSON" } } """, "")]
    [InlineData(""" "ResultWriter": { "WriterConfig": { "OutputType": "JSONL" } } """, "")]
    [InlineData(""" "ResultWriter": { "Resource": "arn:aws:states:::s3:putObject", "WriterConfig": { "Transformation": "NONE", "OutputType": "JSONL" }, "Parameters": { "Bucket.$": "$.bucket", "Prefix": "results" } } """, "")]
    [InlineData(""" "ResultWriter": { "Resource": "arn:aws:states:::s3:putObject", "Arguments": "{% $states.input.destination %}" } """, JsonataMachine)]
    [InlineData(""" "ResultWriter": { "Resource": "arn:aws:states:::s3:putObject", "Arguments": { "Bucket": "{% $states.input.bucket %}" } } """, JsonataMachine)]
    public void A_valid_ResultWriter_is_clean(string writer, string machine)
    {
        ExpectClean(DistributedMap(writer, machine));
    }

    // ---- fields that need DISTRIBUTED mode ------------------------------------------------------------------------------

    // state-map-distributed.html documents ItemReader, ItemBatcher and ResultWriter for Distributed mode only; an INLINE
    // Map would run them in StatesGen and not in AWS.
    [Theory]
    [InlineData(""" "ItemReader": { "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "JSON" }, "Parameters": { "Bucket": "b", "Key": "k" } } """, "")]
    [InlineData(""" "ItemBatcher": { "MaxItemsPerBatch": 2 } """, "")]
    [InlineData(""" "ResultWriter": { "Resource": "arn:aws:states:::s3:putObject", "Parameters": { "Bucket": "out" } } """, "")]
    [InlineData(""" "ItemBatcher": { "MaxItemsPerBatch": 2 } """, """ "ProcessorConfig": { "Mode": "INLINE" }, """)]
    public void A_Distributed_mode_field_on_an_INLINE_Map_is_reported_at_its_key(string field, string config)
    {
        var prefix = """{ "StartAt": "M", "States": { "M": { "Type": "Map", """;
        var text = prefix + field.Trim() + $$""", "ItemProcessor": { {{config.Trim()}} "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }, "End": true } } }""";
        Expect(text, "SG0002", 1, prefix.Length + 1, "DISTRIBUTED");
    }

    // The tolerated failure threshold (maprun-fail-threshold.html) is not rejected on an INLINE Map: AWS accepted it on
    // INLINE JSONata Maps (aws-recorded jsonata-014, -015, -019, -020: ToleratedFailurePercentage and
    // ToleratedFailureCount), and nothing shows a JSONPath Map is treated differently. StatesGen used to reject them.
    [Theory]
    [InlineData(""" "ToleratedFailurePercentage": 10 """, "")]
    [InlineData(""" "ToleratedFailureCount": 1 """, "")]
    [InlineData(""" "ToleratedFailureCountPath": "$.n" """, "")]
    [InlineData(""" "ToleratedFailurePercentagePath": "$.p" """, """ "ProcessorConfig": { "Mode": "INLINE" }, """)]
    public void Tolerated_failures_on_an_INLINE_Map_are_accepted(string field, string config)
    {
        ExpectClean($$"""{ "StartAt": "M", "States": { "M": { "Type": "Map", {{field.Trim()}}, "ItemProcessor": { {{config.Trim()}} "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }, "End": true } } }""");
    }

    // ---- number *Path fields: no context object ----------------------------------------------------------------------------

    // AWS rejects "$$.Execution.Input.n" in every Map number *Path field with "Value is not a Reference Path"; "Only
    // ItemsPath accepts the Context Object" (https://github.com/floci-io/floci/issues/3733, checked in us-east-1 on 2026-09-16).
    [Theory]
    [InlineData(""" "MaxConcurrencyPath": "$$.Execution.Input.n" """)]
    [InlineData(""" "ToleratedFailurePercentagePath": "$$.Execution.Input.n" """)]
    [InlineData(""" "ToleratedFailureCountPath": "$$.Execution.Input.n" """)]
    [InlineData(""" "ItemBatcher": { "MaxItemsPerBatchPath": "$$.Execution.Input.n" } """)]
    [InlineData(""" "ItemBatcher": { "MaxInputBytesPerBatchPath": "$$.Execution.Input.n" } """)]
    [InlineData(""" "ItemReader": { "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "JSON", "MaxItemsPath": "$$.Execution.Input.n" }, "Parameters": { "Bucket": "b", "Key": "k" } } """)]
    public void A_context_path_in_a_Map_number_Path_field_is_reported_at_the_value(string field)
    {
        ExpectAt(DistributedMap(field), "SG0005", "\"$$.Execution.Input.n\"");
    }

    [Theory]
    [InlineData(""" "MaxConcurrencyPath": "$.n", "ToleratedFailureCountPath": "$n", "ItemsPath": "$$.Execution.Input.items" """)]
    [InlineData(""" "ToleratedFailurePercentagePath": "$n", "ItemBatcher": { "MaxItemsPerBatchPath": "$.n", "MaxInputBytesPerBatchPath": "$n" } """)]
    [InlineData(""" "ItemReader": { "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "JSON", "MaxItemsPath": "$n" }, "Parameters": { "Bucket": "b", "Key": "k" } } """)]
    public void Input_and_variable_paths_in_Map_number_Path_fields_are_clean(string fields)
    {
        // As aws-recorded assign-025 and assign-026: the limits read from variables assigned before the Map.
        var map = DistributedMap(fields);
        ExpectClean(map.Replace("""{ "StartAt": "M", "States": {""", """{ "StartAt": "S", "States": { "S": { "Type": "Pass", "Assign": { "n": 2 }, "Next": "M" },""", StringComparison.Ordinal));
    }
}
