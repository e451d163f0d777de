using StatesGen.Generator.Json;
using StatesGen.Generator.Model;
using D = StatesGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace StatesGen.Generator.Parsing
{
    /// <summary>
    /// The Map state and its sub-objects: ItemProcessor and ProcessorConfig, the Distributed-mode fields (ItemReader and
    /// its ReaderConfig, ItemBatcher, ResultWriter and its WriterConfig, Label), concurrency and tolerated failures.
    /// The values of the limits, the Label and the fields that exclude each other are checked by Validation/MapRules.
    /// Guide: state-map.html, state-map-inline.html, state-map-distributed.html, input-output-itemreader.html,
    /// input-output-itembatcher.html, input-output-resultwriter.html, maprun-fail-threshold.html.
    /// </summary>
    internal sealed partial class AslParser
    {
        private MapState ParseMap(JsonObjectSyntax obj, string name)
        {
            var m = new MapState();
            var proc = obj.Find("ItemProcessor") ?? obj.Find("Iterator");
            if (proc == null) _problems.Add(D.InvalidStructure, $"Map state \"{name}\" needs an \"ItemProcessor\".", KeyOf(obj, "Type"));
            else if (proc.Value is not JsonObjectSyntax procObj) _problems.Add(D.InvalidStructure, $"\"{proc.Name}\" must be an object with StartAt and States.", proc.Value);
            else
            {
                CheckFields(procObj, "an item processor", ProcessorFields);
                CheckQueryLanguage(procObj);
                if (procObj.Find("ProcessorConfig") is { } cfgProp) ParseProcessorConfig(cfgProp, m);
                var block = ParseBlock(procObj, NameAllocator.ToPascalCase(name) + "Item", "the item processor");
                if (block != null) m.Processor = block;
            }
            if (_stateJsonata)
            {
                if (obj.Find("Items") is { } items)
                {
                    if (items.Value is JsonArraySyntax || items.Value is JsonStringSyntax str && IsExpressionString(str.Value)) m.Items = ParseJsonataTemplate(items.Value, "Items");
                    else _problems.Add(D.InvalidValue, "\"Items\" must be a JSON array or a {% %} expression that evaluates to one.", items.Value);
                }
                m.MaxConcurrencyExpression = OptionalExpression(obj, "MaxConcurrency");
                m.ToleratedFailurePercentageExpression = OptionalExpression(obj, "ToleratedFailurePercentage");
                m.ToleratedFailureCountExpression = OptionalExpression(obj, "ToleratedFailureCount");
            }
            else m.ItemsPath = OptionalPath(obj, "ItemsPath", PathKind.ReferencePath, false);
            if (obj.Find("ItemSelector") is { } sel)
            {
                // ItemSelector runs in each iteration's scope, one level below the Map's own.
                _extraDepth = 1;
                m.ItemSelector = _stateJsonata ? ParseJsonataTemplate(sel.Value, "ItemSelector") : ParseTemplate(sel);
                _extraDepth = 0;
            }
            ParseConcurrencyAndTolerance(obj, m);
            if (obj.Find("ItemReader") is { } readerField) ParseItemReader(readerField, m);
            if (obj.Find("ItemBatcher") is { } batcherField) ParseItemBatcher(batcherField, m);
            if (obj.Find("ResultWriter") is { } writerField) ParseResultWriter(writerField, m);
            if (OptionalString(obj, "Label") != null) m.Label = TextField.From(obj.Find("Label")!);
            if (m.Processor == null) m.Processor = new BlockModel { StartAt = "", MethodName = "Invalid", EnumName = "Invalid" };
            return m;
        }

        // Guide, "ItemProcessor": ProcessorConfig holds "Mode" (INLINE, the default, or DISTRIBUTED) and "ExecutionType"
        // (STANDARD or EXPRESS), which "you must provide ... if you specified DISTRIBUTED for the Mode sub-field"
        // (state-map-distributed.html; likewise the CDK's ProcessorConfig.executionType).
        private void ParseProcessorConfig(JsonPropertySyntax field, MapState m)
        {
            if (field.Value is not JsonObjectSyntax cfg)
            {
                _problems.Add(D.InvalidStructure, "\"ProcessorConfig\" must be an object.", field.Value);
                return;
            }
            CheckFields(cfg, "ProcessorConfig", new[] { "Mode", "ExecutionType" });
            m.Distributed = OneOf(cfg, "Mode", "INLINE", "DISTRIBUTED") == "DISTRIBUTED";
            m.ExpressChildren = OneOf(cfg, "ExecutionType", "STANDARD", "EXPRESS") == "EXPRESS";
            m.ProcessorConfigKey = SourceSpan.KeyOf(field);
            m.ProcessorConfigFields = FieldSet.Of(cfg);
        }

        // MaxConcurrency and the tolerated failures: a number, its *Path (JSONPath) or an expression (JSONata); the *Path
        // variants are Reference Paths into the input or a variable, not into the context object.
        private void ParseConcurrencyAndTolerance(JsonObjectSyntax obj, MapState m)
        {
            if (m.MaxConcurrencyExpression == null) m.MaxConcurrencyField = OptionalNumber(obj, "MaxConcurrency");
            m.MaxConcurrencyPath = OptionalPath(obj, "MaxConcurrencyPath", PathKind.InputReferencePath, false);
            if (m.ToleratedFailurePercentageExpression == null) m.ToleratedFailurePercentageField = OptionalNumber(obj, "ToleratedFailurePercentage");
            m.ToleratedFailurePercentagePath = OptionalPath(obj, "ToleratedFailurePercentagePath", PathKind.InputReferencePath, false);
            if (m.ToleratedFailureCountExpression == null) m.ToleratedFailureCountField = OptionalNumber(obj, "ToleratedFailureCount");
            m.ToleratedFailureCountPath = OptionalPath(obj, "ToleratedFailureCountPath", PathKind.InputReferencePath, false);
        }

        // ---- ItemReader -----------------------------------------------------------------------------------------------

        // Guide, "ItemReader (Map)": an object with "Resource" (the S3 API action, checked by DistributedMapRules),
        // "Parameters" (JSONPath) or "Arguments" (JSONata) naming the bucket and key, and "ReaderConfig". Without a
        // Resource the reader would read nothing: "ItemReader Configuration MUST have a Resource field" (an AWS Step
        // Functions team member's description of the field, https://github.com/awslabs/statelint/issues/51).
        private void ParseItemReader(JsonPropertySyntax field, MapState m)
        {
            if (field.Value is not JsonObjectSyntax reader)
            {
                _problems.Add(D.InvalidStructure, "\"ItemReader\" must be an object with \"Resource\", " + (_stateJsonata ? "\"Arguments\"" : "\"Parameters\"") + " and \"ReaderConfig\".", field.Value);
                return;
            }
            CheckFields(reader, "ItemReader", new[] { "Resource", "ReaderConfig", _stateJsonata ? "Arguments" : "Parameters" });
            if (reader.Find("Resource") == null)
                _problems.Add(D.InvalidStructure, "\"ItemReader\" needs \"Resource\": the S3 action that reads the items (arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2).", field);
            else m.ItemReaderResource = S3Resource(reader, "arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2", out m.ItemReaderResourceAt);
            m.ItemReader = ResourcePayload(reader, "ItemReader");
            if (reader.Find("ReaderConfig") is { } config) ParseReaderConfig(config, m);
        }

        // ReaderConfig: InputType CSV, JSON, JSONL, MANIFEST or PARQUET; CSVHeaderLocation FIRST_ROW or GIVEN, GIVEN with the
        // column names in CSVHeaders; CSVDelimiter COMMA, PIPE, SEMICOLON, SPACE or TAB; MaxItems 0 to 100,000,000 (AWS:
        // "Maximum value is 100000000", https://github.com/floci-io/floci/issues/3733, checked in us-east-1) or its MaxItemsPath (JSONPath), not both.
        // Other fields are left to AWS: the reader configuration keeps gaining fields (CSVDelimiter, ItemsPointer, ...),
        // and the guide's list could not be confirmed to be complete.
        private void ParseReaderConfig(JsonPropertySyntax field, MapState m)
        {
            if (field.Value is not JsonObjectSyntax cfg)
            {
                _problems.Add(D.InvalidStructure, "\"ReaderConfig\" must be an object.", field.Value);
                return;
            }
            OneOf(cfg, "InputType", "CSV", "JSON", "JSONL", "MANIFEST", "PARQUET");
            var location = OneOf(cfg, "CSVHeaderLocation", "FIRST_ROW", "GIVEN");
            OneOf(cfg, "CSVDelimiter", "COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB");
            var headers = cfg.Find("CSVHeaders");
            if (headers != null && !(headers.Value is JsonArraySyntax names && names.Items.Count > 0 && names.Items.TrueForAll(n => n is JsonStringSyntax)))
                _problems.Add(D.InvalidValue, "\"CSVHeaders\" must be a non-empty array of column names (strings).", headers.Value);
            if (location == "GIVEN" && headers == null)
                _problems.Add(D.InvalidStructure, "With \"CSVHeaderLocation\": \"GIVEN\", the column names must be given in \"CSVHeaders\".", cfg.Find("CSVHeaderLocation")!.Value);
            m.ReaderConfigFields = FieldSet.Of(cfg);
            if (cfg.Find("MaxItems") is { } maxItems && (!_stateJsonata || OptionalExpression(cfg, "MaxItems") == null))
                m.ReaderMaxItems = NumberField.From(maxItems);
            if (cfg.Find("MaxItemsPath") is { } maxItemsPath)
            {
                if (_stateJsonata) _problems.Add(D.InvalidStructure, "\"MaxItemsPath\" is a JSONPath field; in a JSONata state give \"MaxItems\" a {% %} expression.", maxItemsPath);
                else OptionalPath(cfg, "MaxItemsPath", PathKind.InputReferencePath, false);
            }
        }

        // ---- ItemBatcher ----------------------------------------------------------------------------------------------

        // Guide, "ItemBatcher (Map)": MaxItemsPerBatch and MaxInputBytesPerBatch, each also as a *Path (JSONPath) or an
        // expression (JSONata); their values and the need for one of them are MapRules'.
        private void ParseItemBatcher(JsonPropertySyntax field, MapState m)
        {
            if (field.Value is not JsonObjectSyntax batcher)
            {
                _problems.Add(D.InvalidStructure, "\"ItemBatcher\" must be an object.", field.Value);
                return;
            }
            m.HasItemBatcher = true;
            m.ItemBatcherKey = SourceSpan.KeyOf(field);
            m.ItemBatcherFields = FieldSet.Of(batcher);
            CheckFields(batcher, "ItemBatcher", _stateJsonata
                ? new[] { "MaxItemsPerBatch", "MaxInputBytesPerBatch", "BatchInput" }
                : new[] { "MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath", "BatchInput" });
            m.MaxItemsPerBatch = ParseBatchLimit(batcher, "MaxItemsPerBatch");
            m.MaxInputBytesPerBatch = ParseBatchLimit(batcher, "MaxInputBytesPerBatch");
            if (batcher.Find("BatchInput") is { } bi) m.ItemBatcher = _stateJsonata ? ParseJsonataTemplate(bi.Value, "ItemBatcher/BatchInput") : ParsePayload(bi.Value, "BatchInput");
        }

        private BatchLimit ParseBatchLimit(JsonObjectSyntax batcher, string name)
        {
            var limit = new BatchLimit();
            if (_stateJsonata) limit.Expression = OptionalExpression(batcher, name);
            if (limit.Expression == null) limit.Field = OptionalNumber(batcher, name);
            if (!_stateJsonata) limit.Path = OptionalPath(batcher, name + "Path", PathKind.InputReferencePath, false);
            return limit;
        }

        // ---- ResultWriter ---------------------------------------------------------------------------------------------

        // Guide, "ResultWriter (Map)": "Resource" (the s3:putObject action), "Parameters" (JSONPath) or "Arguments"
        // (JSONata) with the bucket and prefix, and "WriterConfig" ("Transformation" NONE, COMPACT or FLATTEN;
        // "OutputType" JSON or JSONL). "The ResultWriter field cannot be empty": WriterConfig alone, Resource with its
        // Parameters/Arguments, or all three (an empty one fails at the latest when it runs, https://github.com/aws/aws-cdk/pull/33831). The only
        // export action is s3:putObject. OutputType is required in a WriterConfig (AWS's language service schema,
        // aws/amazon-states-language-service map_state.json: "required": ["OutputType"]).
        // Which of Resource, Parameters/Arguments and WriterConfig go together is checked by DistributedMapRules.
        private void ParseResultWriter(JsonPropertySyntax field, MapState m)
        {
            if (field.Value is not JsonObjectSyntax writer)
            {
                _problems.Add(D.InvalidStructure, "\"ResultWriter\" must be an object with \"WriterConfig\", or \"Resource\" and " + (_stateJsonata ? "\"Arguments\"" : "\"Parameters\"") + ", or all three.", field.Value);
                return;
            }
            var destinationName = _stateJsonata ? "Arguments" : "Parameters";
            CheckFields(writer, "ResultWriter", new[] { "Resource", "WriterConfig", destinationName });
            var resource = writer.Find("Resource");
            var config = writer.Find("WriterConfig");
            if (resource != null) m.ResultWriterResource = S3Resource(writer, "arn:aws:states:::s3:putObject", out m.ResultWriterResourceAt);
            m.ResultWriter = ResourcePayload(writer, "ResultWriter");
            if (config != null) ParseWriterConfig(config);
            m.HasResultWriter = true;
            m.ResultWriterKey = SourceSpan.KeyOf(field);
            m.ResultWriterFields = FieldSet.Of(writer);
        }

        private void ParseWriterConfig(JsonPropertySyntax field)
        {
            if (field.Value is not JsonObjectSyntax cfg)
            {
                _problems.Add(D.InvalidStructure, "\"WriterConfig\" must be an object with \"OutputType\" (and \"Transformation\").", field.Value);
                return;
            }
            CheckFields(cfg, "WriterConfig", new[] { "OutputType", "Transformation" });
            OneOf(cfg, "Transformation", "NONE", "COMPACT", "FLATTEN");
            OneOf(cfg, "OutputType", "JSON", "JSONL");
            if (cfg.Find("OutputType") == null)
                _problems.Add(D.InvalidStructure, "\"WriterConfig\" needs \"OutputType\": \"JSON\" or \"JSONL\".", field);
        }

        // ---- shared by ItemReader and ResultWriter -------------------------------------------------------------------------

        /// <summary>The S3 action of an ItemReader or ResultWriter: a string (which action, DistributedMapRules checks).</summary>
        private string? S3Resource(JsonObjectSyntax owner, string examples, out SourceSpan at)
        {
            var p = owner.Find("Resource")!;
            at = SourceSpan.Of(p.Value);
            if (p.Value is JsonStringSyntax s) return s.Value;
            _problems.Add(D.InvalidStructure, "\"Resource\" must be a string: " + examples + ".", p.Value);
            return null;
        }

        /// <summary>The bucket and key or prefix: Parameters (a payload template) or Arguments (an object or an expression).</summary>
        private PayloadModel? ResourcePayload(JsonObjectSyntax owner, string what)
        {
            if (!_stateJsonata) return owner.Find("Parameters") is { } parameters ? ParseTemplate(parameters) : null;
            if (owner.Find("Arguments") is not { } arguments) return null;
            if (arguments.Value is JsonObjectSyntax || arguments.Value is JsonStringSyntax s && IsExpressionString(s.Value))
                return ParseJsonataTemplate(arguments.Value, what + "/Arguments");
            _problems.Add(D.InvalidStructure, "\"Arguments\" must be a JSON object or a {% %} expression.", arguments.Value);
            return null;
        }
    }
}
