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
            // Read part by part, in the order problems are reported; each part completes the record with its facts.
            var m = new MapState();
            var proc = obj.Find("ItemProcessor") ?? obj.Find("Iterator");
            if (proc == null) _problems.Add(D.InvalidStructure, $"Map state \"{name}\" needs an \"ItemProcessor\".", KeyOf(obj, "Type"));
            else if (proc.Value is not JsonObjectSyntax procObj) _problems.Add(D.InvalidStructure, $"\"{proc.Name}\" must be an object with StartAt and States.", proc.Value);
            else
            {
                CheckFields(procObj, "an item processor", ProcessorFields);
                CheckQueryLanguage(procObj);
                if (procObj.Find("ProcessorConfig") is { } cfgProp) m = WithProcessorConfig(cfgProp, m);
                var block = ParseBlock(procObj, NameAllocator.ToPascalCase(name) + "Item", "the item processor");
                if (block != null) m = m with { Processor = block };
            }
            if (_stateJsonata)
            {
                if (obj.Find("Items") is { } items)
                {
                    if (items.Value is JsonArraySyntax || items.Value is JsonStringSyntax str && IsExpressionString(str.Value)) m = m with { Items = ParseJsonataTemplate(items.Value, "Items") };
                    else _problems.Add(D.InvalidValue, "\"Items\" must be a JSON array or a {% %} expression that evaluates to one.", items.Value);
                }
                m = m with
                {
                    MaxConcurrencyExpression = OptionalExpression(obj, "MaxConcurrency"),
                    ToleratedFailurePercentageExpression = OptionalExpression(obj, "ToleratedFailurePercentage"),
                    ToleratedFailureCountExpression = OptionalExpression(obj, "ToleratedFailureCount"),
                };
            }
            else m = m with { ItemsPath = OptionalPath(obj, "ItemsPath", PathKind.ReferencePath, false) };
            if (obj.Find("ItemSelector") is { } sel)
            {
                // ItemSelector runs in each iteration's scope, one level below the Map's own.
                _extraDepth = 1;
                m = m with { ItemSelector = _stateJsonata ? ParseJsonataTemplate(sel.Value, "ItemSelector") : ParseTemplate(sel) };
                _extraDepth = 0;
            }
            m = WithConcurrencyAndTolerance(obj, m);
            if (obj.Find("ItemReader") is { } readerField) m = WithItemReader(readerField, m);
            if (obj.Find("ItemBatcher") is { } batcherField) m = WithItemBatcher(batcherField, m);
            if (obj.Find("ResultWriter") is { } writerField) m = WithResultWriter(writerField, m);
            if (OptionalString(obj, "Label") != null) m = m with { Label = SyntaxFacts.TextOf(obj.Find("Label")!) };
            return m;
        }

        // Guide, "ItemProcessor": ProcessorConfig holds "Mode" (INLINE, the default, or DISTRIBUTED) and "ExecutionType"
        // (STANDARD or EXPRESS), which "you must provide ... if you specified DISTRIBUTED for the Mode sub-field"
        // (state-map-distributed.html; likewise the CDK's ProcessorConfig.executionType).
        private MapState WithProcessorConfig(JsonPropertySyntax field, MapState m)
        {
            if (field.Value is not JsonObjectSyntax cfg)
            {
                _problems.Add(D.InvalidStructure, "\"ProcessorConfig\" must be an object.", field.Value);
                return m;
            }
            CheckFields(cfg, "ProcessorConfig", new[] { "Mode", "ExecutionType" });
            return m with
            {
                Distributed = OneOf(cfg, "Mode", "INLINE", "DISTRIBUTED") == "DISTRIBUTED",
                ExpressChildren = OneOf(cfg, "ExecutionType", "STANDARD", "EXPRESS") == "EXPRESS",
                ProcessorConfigKey = SyntaxFacts.KeySpanOf(field),
                ProcessorConfigFields = SyntaxFacts.FieldsOf(cfg),
            };
        }

        // MaxConcurrency and the tolerated failures: a number, its *Path (JSONPath) or an expression (JSONata); the *Path
        // variants are Reference Paths into the input or a variable, not into the context object.
        private MapState WithConcurrencyAndTolerance(JsonObjectSyntax obj, MapState m) => m with
        {
            MaxConcurrencyField = m.MaxConcurrencyExpression == null ? OptionalNumber(obj, "MaxConcurrency") : null,
            MaxConcurrencyPath = OptionalPath(obj, "MaxConcurrencyPath", PathKind.InputReferencePath, false),
            ToleratedFailurePercentageField = m.ToleratedFailurePercentageExpression == null ? OptionalNumber(obj, "ToleratedFailurePercentage") : null,
            ToleratedFailurePercentagePath = OptionalPath(obj, "ToleratedFailurePercentagePath", PathKind.InputReferencePath, false),
            ToleratedFailureCountField = m.ToleratedFailureCountExpression == null ? OptionalNumber(obj, "ToleratedFailureCount") : null,
            ToleratedFailureCountPath = OptionalPath(obj, "ToleratedFailureCountPath", PathKind.InputReferencePath, false),
        };

        // ---- ItemReader -----------------------------------------------------------------------------------------------

        // Guide, "ItemReader (Map)": an object with "Resource" (the S3 API action, checked by DistributedMapRules),
        // "Parameters" (JSONPath) or "Arguments" (JSONata) naming the bucket and key, and "ReaderConfig". Without a
        // Resource the reader would read nothing: "ItemReader Configuration MUST have a Resource field" (an AWS Step
        // Functions team member's description of the field, https://github.com/awslabs/statelint/issues/51).
        private MapState WithItemReader(JsonPropertySyntax field, MapState m)
        {
            if (field.Value is not JsonObjectSyntax reader)
            {
                _problems.Add(D.InvalidStructure, "\"ItemReader\" must be an object with \"Resource\", " + (_stateJsonata ? "\"Arguments\"" : "\"Parameters\"") + " and \"ReaderConfig\".", field.Value);
                return m;
            }
            CheckFields(reader, "ItemReader", new[] { "Resource", "ReaderConfig", _stateJsonata ? "Arguments" : "Parameters" });
            if (reader.Find("Resource") == null)
                _problems.Add(D.InvalidStructure, "\"ItemReader\" needs \"Resource\": the S3 action that reads the items (arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2).", field);
            else m = m with { ItemReaderResource = S3Resource(reader, "arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2", out var resourceAt), ItemReaderResourceAt = resourceAt };
            m = m with { ItemReader = ResourcePayload(reader, "ItemReader") };
            return reader.Find("ReaderConfig") is { } config ? WithReaderConfig(config, m) : m;
        }

        // ReaderConfig: InputType CSV, JSON, JSONL, MANIFEST or PARQUET; CSVHeaderLocation FIRST_ROW or GIVEN, GIVEN with the
        // column names in CSVHeaders; CSVDelimiter COMMA, PIPE, SEMICOLON, SPACE or TAB; MaxItems 0 to 100,000,000 (AWS:
        // "Maximum value is 100000000", https://github.com/floci-io/floci/issues/3733, checked in us-east-1) or its MaxItemsPath (JSONPath), not both.
        // Other fields are left to AWS: the reader configuration keeps gaining fields (CSVDelimiter, ItemsPointer, ...),
        // and the guide's list could not be confirmed to be complete.
        private MapState WithReaderConfig(JsonPropertySyntax field, MapState m)
        {
            if (field.Value is not JsonObjectSyntax cfg)
            {
                _problems.Add(D.InvalidStructure, "\"ReaderConfig\" must be an object.", field.Value);
                return m;
            }
            OneOf(cfg, "InputType", "CSV", "JSON", "JSONL", "MANIFEST", "PARQUET");
            var location = OneOf(cfg, "CSVHeaderLocation", "FIRST_ROW", "GIVEN");
            OneOf(cfg, "CSVDelimiter", "COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB");
            var headers = cfg.Find("CSVHeaders");
            if (headers != null && !(headers.Value is JsonArraySyntax names && names.Items.Count > 0 && names.Items.TrueForAll(n => n is JsonStringSyntax)))
                _problems.Add(D.InvalidValue, "\"CSVHeaders\" must be a non-empty array of column names (strings).", headers.Value);
            if (location == "GIVEN" && headers == null)
                _problems.Add(D.InvalidStructure, "With \"CSVHeaderLocation\": \"GIVEN\", the column names must be given in \"CSVHeaders\".", cfg.Find("CSVHeaderLocation")!.Value);
            m = m with { ReaderConfigFields = SyntaxFacts.FieldsOf(cfg) };
            if (cfg.Find("MaxItems") is { } maxItems && (!_stateJsonata || OptionalExpression(cfg, "MaxItems") == null))
                m = m with { ReaderMaxItems = SyntaxFacts.NumberOf(maxItems) };
            if (cfg.Find("MaxItemsPath") is { } maxItemsPath)
            {
                if (_stateJsonata) _problems.Add(D.InvalidStructure, "\"MaxItemsPath\" is a JSONPath field; in a JSONata state give \"MaxItems\" a {% %} expression.", maxItemsPath);
                else OptionalPath(cfg, "MaxItemsPath", PathKind.InputReferencePath, false);
            }
            return m;
        }

        // ---- ItemBatcher ----------------------------------------------------------------------------------------------

        // Guide, "ItemBatcher (Map)": MaxItemsPerBatch and MaxInputBytesPerBatch, each also as a *Path (JSONPath) or an
        // expression (JSONata); their values and the need for one of them are MapRules'.
        private MapState WithItemBatcher(JsonPropertySyntax field, MapState m)
        {
            if (field.Value is not JsonObjectSyntax batcher)
            {
                _problems.Add(D.InvalidStructure, "\"ItemBatcher\" must be an object.", field.Value);
                return m;
            }
            CheckFields(batcher, "ItemBatcher", _stateJsonata
                ? new[] { "MaxItemsPerBatch", "MaxInputBytesPerBatch", "BatchInput" }
                : new[] { "MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath", "BatchInput" });
            return m with
            {
                HasItemBatcher = true,
                ItemBatcherKey = SyntaxFacts.KeySpanOf(field),
                ItemBatcherFields = SyntaxFacts.FieldsOf(batcher),
                MaxItemsPerBatch = ParseBatchLimit(batcher, "MaxItemsPerBatch"),
                MaxInputBytesPerBatch = ParseBatchLimit(batcher, "MaxInputBytesPerBatch"),
                ItemBatcher = batcher.Find("BatchInput") is { } bi
                    ? _stateJsonata ? ParseJsonataTemplate(bi.Value, "ItemBatcher/BatchInput") : ParsePayload(bi.Value, "BatchInput")
                    : null,
            };
        }

        private BatchLimit ParseBatchLimit(JsonObjectSyntax batcher, string name)
        {
            var expression = _stateJsonata ? OptionalExpression(batcher, name) : null;
            var field = expression == null ? OptionalNumber(batcher, name) : null;
            var path = _stateJsonata ? null : OptionalPath(batcher, name + "Path", PathKind.InputReferencePath, false);
            return new BatchLimit(field, path, expression);
        }

        // ---- ResultWriter ---------------------------------------------------------------------------------------------

        // Guide, "ResultWriter (Map)": "Resource" (the s3:putObject action), "Parameters" (JSONPath) or "Arguments"
        // (JSONata) with the bucket and prefix, and "WriterConfig" ("Transformation" NONE, COMPACT or FLATTEN;
        // "OutputType" JSON or JSONL). "The ResultWriter field cannot be empty": WriterConfig alone, Resource with its
        // Parameters/Arguments, or all three (an empty one fails at the latest when it runs, https://github.com/aws/aws-cdk/pull/33831). The only
        // export action is s3:putObject. OutputType is required in a WriterConfig (AWS's language service schema,
        // aws/amazon-states-language-service map_state.json: "required": ["OutputType"]).
        // Which of Resource, Parameters/Arguments and WriterConfig go together is checked by DistributedMapRules.
        private MapState WithResultWriter(JsonPropertySyntax field, MapState m)
        {
            if (field.Value is not JsonObjectSyntax writer)
            {
                _problems.Add(D.InvalidStructure, "\"ResultWriter\" must be an object with \"WriterConfig\", or \"Resource\" and " + (_stateJsonata ? "\"Arguments\"" : "\"Parameters\"") + ", or all three.", field.Value);
                return m;
            }
            var destinationName = _stateJsonata ? "Arguments" : "Parameters";
            CheckFields(writer, "ResultWriter", new[] { "Resource", "WriterConfig", destinationName });
            var resource = writer.Find("Resource");
            var config = writer.Find("WriterConfig");
            if (resource != null) m = m with { ResultWriterResource = S3Resource(writer, "arn:aws:states:::s3:putObject", out var resourceAt), ResultWriterResourceAt = resourceAt };
            m = m with { ResultWriter = ResourcePayload(writer, "ResultWriter") };
            if (config != null) ParseWriterConfig(config);
            return m with { HasResultWriter = true, ResultWriterKey = SyntaxFacts.KeySpanOf(field), ResultWriterFields = SyntaxFacts.FieldsOf(writer) };
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
            at = SyntaxFacts.SpanOf(p.Value);
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
