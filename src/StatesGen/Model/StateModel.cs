namespace StatesGen.Generator.Model
{
    // The states of a block: what every state has (StateModel) and each type's own fields, with the retriers, catchers
    // and Choice rules they hold. Records, like the rest of the spec (see StateMachineModel.cs).

    internal enum StateType { Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map }

    /// <summary>
    /// What every state has. The parser reads a state's type-specific fields first (a Parallel's or Map's nested
    /// blocks allocate their generated names before the state does), then these, and completes the state with them.
    /// </summary>
    internal abstract record StateModel
    {
        public string Name { get; init; } = null!;
        public string Identifier { get; init; } = null!;
        /// <summary>Generated member names, unique in the class: the state's method, its attempt and Map iteration methods.</summary>
        public string Method { get; init; } = null!;
        public string AttemptMethod { get; init; } = null!;
        public string IterationMethod { get; init; } = null!;
        public string? Comment { get; init; }
        /// <summary>The state's JSON object, where a transition is reported when no "Next" names it.</summary>
        public SourceSpan Span { get; init; }
        /// <summary>The state's key in its States object, where state-level diagnostics point.</summary>
        public SourceSpan KeyAt { get; init; }
        /// <summary>
        /// Every "Next" string in the state's JSON, nested ones included (Choice rules, catchers, branches), in document
        /// order: a transition named deep inside the state is reported at the first of them that names its target.
        /// </summary>
        public EquatableArray<TextField> NextFields { get; init; }
        /// <summary>The fields the state's JSON object has, for rules about fields that require or exclude each other.</summary>
        public FieldSet Fields { get; init; } = FieldSet.Empty;
        public abstract StateType Type { get; }
        /// <summary>Pass, Choice, Succeed and Fail never wait: no task, timer or concurrency.</summary>
        public bool NeverWaits => Type is StateType.Pass or StateType.Choice or StateType.Succeed or StateType.Fail;
        public string? Next { get; init; }
        public bool End { get; init; }

        // Input and output processing; null means the field is absent (default "$"), PathModel.Null means JSON null.
        public PathModel? InputPath { get; init; }
        public PathModel? OutputPath { get; init; }
        public PathModel? ResultPath { get; init; }
        public PayloadModel? Parameters { get; init; }
        public PayloadModel? ResultSelector { get; init; }

        public EquatableArray<RetrierModel> Retry { get; init; }
        public EquatableArray<CatcherModel> Catch { get; init; }
        /// <summary>Catchers without a usable Next: no transition, but their ErrorEquals is still checked.</summary>
        public EquatableArray<CatcherModel> CatchWithoutNext { get; init; }
        /// <summary>Variables the state assigns when it succeeds (for a Choice: when no rule with its own Assign matches).</summary>
        public AssignModel? Assign { get; init; }

        // JSONata states (QueryLanguage "JSONata"): Arguments and Output replace the five JSONPath fields.
        public bool IsJsonata { get; init; }
        public PayloadModel? Arguments { get; init; }
        public PayloadModel? Output { get; init; }
    }

    internal sealed record PassState : StateModel
    {
        public override StateType Type => StateType.Pass;
        public JsonLiteral? Result { get; init; }
        /// <summary>The length of the Result's JSON text in the definition.</summary>
        public int ResultLength { get; init; }
    }

    internal sealed record TaskState : StateModel
    {
        public override StateType Type => StateType.Task;
        public string Resource { get; init; } = null!;
        public string HandlerMethod { get; init; } = null!;
        /// <summary>The timeouts as written (checked by TaskRules); the emitter reads the checked values below.</summary>
        public NumberField? TimeoutSecondsField { get; init; }
        public NumberField? HeartbeatSecondsField { get; init; }
        public int? TimeoutSeconds => (int?)TimeoutSecondsField?.Integer;
        public PathModel? TimeoutSecondsPath { get; init; }
        public int? HeartbeatSeconds => (int?)HeartbeatSecondsField?.Integer;
        public PathModel? HeartbeatSecondsPath { get; init; }
        public PayloadModel? Credentials { get; init; }
        /// <summary>JSONata: TimeoutSeconds / HeartbeatSeconds given as expressions.</summary>
        public JsonataModel? TimeoutSecondsExpression { get; init; }
        public JsonataModel? HeartbeatSecondsExpression { get; init; }
        public bool IsCallback => Resource.EndsWith(".waitForTaskToken", System.StringComparison.Ordinal);
        /// <summary>A states:startExecution Task's StateMachineArn when it is a constant (null when it comes from the data).</summary>
        public TextField? StateMachineArn { get; init; }
    }

    internal sealed record ChoiceState : StateModel
    {
        public override StateType Type => StateType.Choice;
        public EquatableArray<ChoiceRuleModel> Choices { get; init; }
        public string? Default { get; init; }
    }

    internal sealed record ChoiceRuleModel
    {
        /// <summary>"And", "Or", "Not", or a comparison operator such as "StringEquals" or "NumericLessThanPath".</summary>
        public string Operator { get; init; } = null!;
        public PathModel? Variable { get; init; }
        public JsonLiteral? Operand { get; init; }
        /// <summary>Where the literal operand is, for ChoiceRules.</summary>
        public SourceSpan OperandAt { get; init; }
        public PathModel? OperandPath { get; init; }
        public EquatableArray<ChoiceRuleModel> Children { get; init; }
        public string? Next { get; init; }
        public AssignModel? Assign { get; init; }
        /// <summary>The rule as written (canonical JSON), for the comment above its generated condition.</summary>
        public string Source { get; init; } = "";
        /// <summary>JSONata rules: the condition (a literal boolean or an expression) and the rule's own Output.</summary>
        public PayloadModel? Condition { get; init; }
        public PayloadModel? Output { get; init; }
    }

    internal sealed record WaitState : StateModel
    {
        public override StateType Type => StateType.Wait;
        /// <summary>Seconds and Timestamp as written (checked by WaitRules); the emitter reads the checked values.</summary>
        public NumberField? SecondsField { get; init; }
        public TextField? TimestampField { get; init; }
        public long? Seconds => SecondsField?.Integer;
        public PathModel? SecondsPath { get; init; }
        public string? Timestamp => TimestampField?.Text;
        public PathModel? TimestampPath { get; init; }
        public JsonataModel? SecondsExpression { get; init; }
        public JsonataModel? TimestampExpression { get; init; }
    }

    internal sealed record SucceedState : StateModel
    {
        public override StateType Type => StateType.Succeed;
    }

    internal sealed record FailState : StateModel
    {
        public override StateType Type => StateType.Fail;
        public string? Error { get; init; }
        public string? Cause { get; init; }
        public ValueSource? ErrorPath { get; init; }
        public ValueSource? CausePath { get; init; }
        public JsonataModel? ErrorExpression { get; init; }
        public JsonataModel? CauseExpression { get; init; }
    }

    internal sealed record ParallelState : StateModel
    {
        public override StateType Type => StateType.Parallel;
        public EquatableArray<BlockModel> Branches { get; init; }
    }

    internal sealed record MapState : StateModel
    {
        /// <summary>The processor of a Map whose ItemProcessor could not be read (nothing is emitted for it).</summary>
        public static readonly BlockModel InvalidProcessor = new BlockModel { StartAt = "", MethodName = "Invalid", EnumName = "Invalid" };

        public override StateType Type => StateType.Map;
        public BlockModel Processor { get; init; } = InvalidProcessor;
        public PathModel? ItemsPath { get; init; }
        public PayloadModel? ItemSelector { get; init; }
        /// <summary>The limits as written (checked by MapRules); the emitter reads the checked values below.</summary>
        public NumberField? MaxConcurrencyField { get; init; }
        public NumberField? ToleratedFailurePercentageField { get; init; }
        public NumberField? ToleratedFailureCountField { get; init; }
        public int MaxConcurrency => (int)(MaxConcurrencyField?.Integer ?? 0);
        public PathModel? MaxConcurrencyPath { get; init; }
        public decimal? ToleratedFailurePercentage => ToleratedFailurePercentageField?.Number;
        public PathModel? ToleratedFailurePercentagePath { get; init; }
        public long? ToleratedFailureCount => ToleratedFailureCountField?.Integer;
        public PathModel? ToleratedFailureCountPath { get; init; }
        public PayloadModel? ItemReader { get; init; }
        public string? ItemReaderResource { get; init; }
        public SourceSpan ItemReaderResourceAt { get; init; }
        /// <summary>ItemBatcher's BatchInput (null without one, or without BatchInput).</summary>
        public PayloadModel? ItemBatcher { get; init; }
        /// <summary>Whether the Map has an ItemBatcher; its limits below are checked values (0 = no limit).</summary>
        public bool HasItemBatcher { get; init; }
        /// <summary>The ItemBatcher's key and fields (when it is an object), for the rules on its limits.</summary>
        public SourceSpan ItemBatcherKey { get; init; }
        public FieldSet ItemBatcherFields { get; init; } = FieldSet.Empty;
        /// <summary>ItemReader.ReaderConfig's fields and its MaxItems as written (not emitted: AWS reads the items).</summary>
        public FieldSet ReaderConfigFields { get; init; } = FieldSet.Empty;
        public NumberField? ReaderMaxItems { get; init; }
        /// <summary>The Label when it is a string (checked by MapRules; it changes nothing at run time).</summary>
        public TextField? Label { get; init; }
        public BatchLimit MaxItemsPerBatch { get; init; } = BatchLimit.None;
        public BatchLimit MaxInputBytesPerBatch { get; init; } = BatchLimit.None;
        /// <summary>JSONata: Items (a template or an expression) and expression-valued limits.</summary>
        public PayloadModel? Items { get; init; }
        public JsonataModel? MaxConcurrencyExpression { get; init; }
        public JsonataModel? ToleratedFailurePercentageExpression { get; init; }
        public JsonataModel? ToleratedFailureCountExpression { get; init; }
        public string? ResultWriterResource { get; init; }
        public SourceSpan ResultWriterResourceAt { get; init; }
        /// <summary>The ResultWriter's key and fields, and ProcessorConfig's (when they are objects), for DistributedMapRules.</summary>
        public bool HasResultWriter { get; init; }
        public SourceSpan ResultWriterKey { get; init; }
        public FieldSet ResultWriterFields { get; init; } = FieldSet.Empty;
        public SourceSpan ProcessorConfigKey { get; init; }
        public FieldSet ProcessorConfigFields { get; init; } = FieldSet.Empty;
        public PayloadModel? ResultWriter { get; init; }
        public bool Distributed { get; init; }
        /// <summary>Whether a Distributed Map's ProcessorConfig.ExecutionType is EXPRESS (its children are never stored).</summary>
        public bool ExpressChildren { get; init; }

        /// <summary>
        /// The Map Run's label: the Label, or one made from the state name (AWS generates one when there is none): at most
        /// 40 characters, none of them whitespace or the punctuation ARNs reserve.
        /// </summary>
        public string MapRunLabel
        {
            get
            {
                if (Label?.Text is { Length: > 0 } label) return label;
                var sb = new System.Text.StringBuilder();
                foreach (var c in Name)
                {
                    if (sb.Length == 40) break;
                    sb.Append(char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-');
                }
                return sb.Length == 0 ? "Map" : sb.ToString();
            }
        }
    }

    /// <summary>One ItemBatcher limit: a checked positive integer, a reference path, or a JSONata expression.</summary>
    internal sealed record BatchLimit(NumberField? Field, PathModel? Path, JsonataModel? Expression)
    {
        /// <summary>No limit given.</summary>
        public static readonly BatchLimit None = new BatchLimit(null, null, null);

        public int? Value => (int?)Field?.Integer;
    }

    /// <summary>A retrier; its numbers as written (checked by RetryCatchRules), read through the defaults below.</summary>
    internal sealed record RetrierModel
    {
        public EquatableArray<string> ErrorEquals { get; init; }
        /// <summary>Where the ErrorEquals array is, and whether this is the last retrier (for the States.ALL rules).</summary>
        public SourceSpan ErrorEqualsAt { get; init; }
        public bool IsLast { get; init; }
        public NumberField? IntervalSecondsField { get; init; }
        public NumberField? MaxAttemptsField { get; init; }
        public NumberField? BackoffRateField { get; init; }
        public NumberField? MaxDelaySecondsField { get; init; }
        public decimal IntervalSeconds => IntervalSecondsField?.Integer ?? 1;
        public int MaxAttempts => (int)(MaxAttemptsField?.Integer ?? 3);
        public decimal BackoffRate => BackoffRateField?.Number ?? 2.0m;
        public long? MaxDelaySeconds => MaxDelaySecondsField?.Integer;
        public bool FullJitter { get; init; }
    }

    internal sealed record CatcherModel
    {
        public EquatableArray<string> ErrorEquals { get; init; }
        public SourceSpan ErrorEqualsAt { get; init; }
        public bool IsLast { get; init; }
        /// <summary>The state to go to (null only in <see cref="StateModel.CatchWithoutNext"/>).</summary>
        public string Next { get; init; } = null!;
        public PathModel? ResultPath { get; init; }
        public AssignModel? Assign { get; init; }
        /// <summary>JSONata catchers: the Output (default: the error output).</summary>
        public PayloadModel? Output { get; init; }
    }
}
