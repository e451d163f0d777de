using StatesGen.Generator.Model;
using StatesGen.Generator.Parsing;
using D = StatesGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace StatesGen.Generator.Validation
{
    /// <summary>
    /// Map states: legacy and current field names not both; MaxConcurrency and the tolerated failures (values, and
    /// each with its Path variant not both); ItemBatcher limits; ReaderConfig's MaxItems; the Label's characters; the
    /// Distributed-mode fields. Guide: state-map.html, state-map-distributed.html, input-output-itembatcher.html,
    /// input-output-itemreader.html, maprun-fail-threshold.html.
    /// </summary>
    internal static class MapRules
    {
        public static void Check(MapState m, ProblemList problems)
        {
            if (m.Fields.Has("ItemProcessor") && m.Fields.Find("Iterator") is { } iterator)
                problems.Add(D.InvalidStructure, "Use \"ItemProcessor\" (or the legacy \"Iterator\"), not both.", iterator.Key);
            if (m.Fields.Has("ItemSelector") && m.Fields.Find("Parameters") is { } parameters)
                problems.Add(D.InvalidStructure, "Use \"ItemSelector\" (or the legacy \"Parameters\"), not both.", parameters.Key);
            CheckConcurrencyAndTolerance(m, problems);
            // ReaderConfig: MaxItems 0 to 100,000,000 (AWS: "Maximum value is 100000000",
            // https://github.com/floci-io/floci/issues/3733, checked in us-east-1) or its MaxItemsPath, not both.
            FieldRules.PositiveInteger(m.ReaderMaxItems, 100000000, problems, allowZero: true);
            FieldRules.Exclusive(m.ReaderConfigFields, "MaxItems", problems);
            if (m.HasItemBatcher) CheckItemBatcher(m, problems);
            if (m.Label?.Text is { } label) CheckLabel(label, m.Label.At, problems);
            if (!m.Distributed)
            {
                // The guide documents these three for Distributed mode only (state-map-distributed.html): an INLINE Map
                // has no dataset reader, batching or export in AWS, while the generated code would run them anyway. AWS
                // itself may accept an ItemReader on an INLINE Map at creation (floci's AWS-aligned
                // ValidateStateMachineDefinition test), so this is a StatesGen rule against a run-time surprise. The
                // tolerated-failure fields are not in the list: AWS accepts them on an INLINE Map (recorded: jsonata-014,
                // -015, -019, -020), and nothing shows it treats a JSONPath Map differently.
                foreach (var field in new[] { "ItemReader", "ResultWriter", "ItemBatcher" })
                    if (m.Fields.Find(field) is { } f)
                        problems.Add(D.InvalidStructure, $"\"{field}\" is only allowed on a Map state in DISTRIBUTED mode (ItemProcessor.ProcessorConfig.Mode).", f.Key);
            }
        }

        // MaxConcurrency and the tolerated failures: a number, its *Path (JSONPath) or an expression (JSONata), never both.
        private static void CheckConcurrencyAndTolerance(MapState m, ProblemList problems)
        {
            FieldRules.PositiveInteger(m.MaxConcurrencyField, int.MaxValue, problems, allowZero: true);
            FieldRules.Exclusive(m.Fields, "MaxConcurrency", problems);
            FieldRules.Exclusive(m.Fields, "ToleratedFailurePercentage", problems);
            FieldRules.Exclusive(m.Fields, "ToleratedFailureCount", problems);
            var percentage = m.ToleratedFailurePercentageField;
            if (FieldRules.Number(percentage, problems) && percentage?.Number is < 0 or > 100)
                problems.Add(D.InvalidValue, "\"ToleratedFailurePercentage\" must be between 0 and 100.", percentage.At);
            FieldRules.PositiveInteger(m.ToleratedFailureCountField, long.MaxValue, problems, allowZero: true);
        }

        // Guide, "ItemBatcher (Map)": MaxItemsPerBatch and MaxInputBytesPerBatch (at most 256 KiB) are positive integers,
        // each also as a *Path (JSONPath) or an expression (JSONata); at least one limit is required.
        private static void CheckItemBatcher(MapState m, ProblemList problems)
        {
            FieldRules.PositiveInteger(m.MaxItemsPerBatch.Field, int.MaxValue, problems);
            if (!m.IsJsonata) FieldRules.Exclusive(m.ItemBatcherFields, "MaxItemsPerBatch", problems);
            FieldRules.PositiveInteger(m.MaxInputBytesPerBatch.Field, 262144, problems);
            if (!m.IsJsonata) FieldRules.Exclusive(m.ItemBatcherFields, "MaxInputBytesPerBatch", problems);
            var fields = m.ItemBatcherFields;
            if (!fields.Has("MaxItemsPerBatch") && !fields.Has("MaxItemsPerBatchPath") && !fields.Has("MaxInputBytesPerBatch") && !fields.Has("MaxInputBytesPerBatchPath"))
                problems.Add(D.InvalidStructure, "\"ItemBatcher\" needs \"MaxItemsPerBatch\" or \"MaxInputBytesPerBatch\" (or their Path variants).", m.ItemBatcherKey);
        }

        // Guide, "Distributed Map state", Label: at most 40 characters, and none of whitespace, ? * < > { } [ ] : ; , \ | ^ ~
        // $ # % & ` " or the control characters U+0000-001F and U+007F-009F; AWS rejects an empty or longer label and each
        // of these characters at creation (LocalStack's AWS-validated tests, v2/test_sfn_api_map_run.py,
        // test_map_state_label_invalid_char_fail / _empty_fail / _too_long_fail).
        // A Label on an INLINE Map is accepted: nothing shows AWS rejects it (its language service schema allows Label on
        // every Map), and it changes nothing at run time.
        private static void CheckLabel(string label, SourceSpan at, ProblemList problems)
        {
            int length = 0;
            foreach (var c in label) if (!char.IsLowSurrogate(c)) length++;
            if (length == 0 || length > 40)
                problems.Add(D.InvalidValue, $"\"Label\" must have 1 to 40 characters; it has {length}.", at);
            foreach (var c in label)
            {
                if (char.IsWhiteSpace(c) || c <= '\u001f' || c >= '\u007f' && c <= '\u009f' || LabelForbidden.IndexOf(c) >= 0)
                {
                    var shown = char.IsWhiteSpace(c) || char.IsControl(c) ? "U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString();
                    problems.Add(D.InvalidValue, $"\"Label\" cannot contain {shown}: no whitespace, control characters or any of ? * < > {{ }} [ ] : ; , \\ | ^ ~ $ # % & ` \".", at);
                    break;
                }
            }
        }

        private const string LabelForbidden = "?*<>{}[]:;,\\|^~$#%&`\"";
    }
}
