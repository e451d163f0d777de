namespace StatesGen.Generator.Model
{
    // The ASL spec the parser builds and the emitter reads: immutable records with value equality, so two parses of
    // the same text are equal. It lives only inside one pipeline step (parse, validate, emit run together per file);
    // what crosses steps is GeneratedMachine. Values are typed (checked numbers, parsed paths and expressions,
    // JsonLiteral constants) and diagnostics point at SourceSpans: no syntax nodes. Blocks, states and variable
    // references know each other by index (a block by its place in Blocks, a state by its place in its block's
    // States), never by reference, so the spec holds no cycles.

    internal sealed record StateMachineModel
    {
        public string? Comment { get; init; }
        /// <summary>The top-level States block; null only when it could not be read (then nothing is emitted).</summary>
        public BlockModel Main { get; init; } = null!;
        /// <summary>The execution timeout as written (checked by TaskRules), and its value once checked.</summary>
        public NumberField? TimeoutSecondsField { get; init; }
        public int? TimeoutSeconds => (int?)TimeoutSecondsField?.Integer;
        /// <summary>Every Task state of the machine in document order, with its generated handler method name.</summary>
        public EquatableArray<TaskState> Tasks { get; init; }
        /// <summary>Every States block read, parents before the blocks nested in them; Main is the first.</summary>
        public EquatableArray<BlockModel> Blocks { get; init; }
        /// <summary>Every variable reference ($name) met while parsing; a reference's <see cref="VariableReference.Id"/> is its index.</summary>
        public EquatableArray<VariableReference> VariableReferences { get; init; }
        /// <summary>Where each reference resolves, by <see cref="VariableReference.Id"/>: computed once the whole machine is read.</summary>
        public EquatableArray<VariableBinding> Bindings { get; init; }
        /// <summary>Every Assign entry with the block and state that assign it, in document order.</summary>
        public EquatableArray<Assignment> Assignments { get; init; }

        /// <summary>The scope depth and slot a reference resolves to.</summary>
        public VariableBinding BindingOf(VariableReference reference) => Bindings[reference.Id];
    }

    /// <summary>A States block: the machine's top level, a Parallel branch, or a Map's item processor.</summary>
    internal sealed record BlockModel
    {
        /// <summary>The state to start with; null when StartAt could not be read.</summary>
        public string StartAt { get; init; } = null!;
        public EquatableArray<StateModel> States { get; init; }
        public string MethodName { get; init; } = null!;
        public string EnumName { get; init; } = null!;
        /// <summary>The index in <see cref="StateMachineModel.Blocks"/> of the block this one is nested in (-1 for the machine's top level).</summary>
        public int Parent { get; init; } = -1;
        /// <summary>The index, in the parent block's States, of the Parallel or Map state that owns this block (-1 for the top level).</summary>
        public int Owner { get; init; } = -1;
        /// <summary>The variables this block's states assign, in slot order: the block's own scope.</summary>
        public EquatableArray<string> Variables { get; init; }
        /// <summary>Where StartAt's value is, for SG0010.</summary>
        public SourceSpan StartAtSpan { get; init; }
        /// <summary>
        /// Whether the graph rules can judge this block: StartAt names one of its states and every state's type was
        /// read (a state whose type is unknown has unknown transitions).
        /// </summary>
        public bool GraphCheckable { get; init; }

        public StateModel? Find(string name)
        {
            foreach (var s in States) if (s.Name == name) return s;
            return null;
        }

        /// <summary>Whether no state of the block can wait (only Pass, Choice, Succeed and Fail): it runs synchronously.</summary>
        public bool NeverWaits
        {
            get
            {
                foreach (var s in States) if (!s.NeverWaits) return false;
                return true;
            }
        }
    }

    internal enum StateType { Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map }

    /// <summary>
    /// What every state has. The parser reads a state's type-specific fields first, then these (in document-reading
    /// order, so generated names are allocated as before), and completes the state with them.
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

    /// <summary>One {% ... %} JSONata expression, parsed and checked at build time.</summary>
    internal sealed record JsonataModel
    {
        /// <summary>The expression text between {% and %}, trimmed.</summary>
        public string Source { get; init; } = null!;
        /// <summary>Where it sits, as AWS names it in causes: "Output", "Arguments/FunctionName", "Assign/x".</summary>
        public string Field { get; init; } = null!;
        /// <summary>The workflow variables it reads (builtin functions, $states and local bindings excluded).</summary>
        public EquatableArray<VariableReference> Variables { get; init; }
        /// <summary>Whether it may read $states.context (so the context object is built for it).</summary>
        public bool UsesContext { get; init; }
        /// <summary>
        /// Set when the whole expression is a plain path ($states.input.a.b, $states.result, $var.a): compiled to direct
        /// property reads, with the interpreter as the fallback when the data holds an array on the way. The root is
        /// "input", "result", "errorOutput" or "context" of $states, or <see cref="PathVariable"/>.
        /// </summary>
        public string? PathRoot { get; init; }
        public VariableReference? PathVariable { get; init; }
        public EquatableArray<string>? PathNames { get; init; }
        /// <summary>
        /// Set when the expression is a test the generator compiles (comparisons of a plain path with a literal,
        /// combined with and, or, $not); anything it cannot decide at run time falls back to the interpreter.
        /// </summary>
        public JsonataTest? Test { get; init; }
    }

    /// <summary>A compiled boolean test: a comparison leaf, or and/or/not of tests.</summary>
    internal sealed record JsonataTest
    {
        /// <summary>"and", "or", "not", or a comparison operator (=, !=, &lt;, &lt;=, &gt;, &gt;=).</summary>
        public string Operator { get; init; } = null!;
        public JsonataTest? Left { get; init; }
        public JsonataTest? Right { get; init; }
        /// <summary>For comparisons: the path (as in <see cref="JsonataModel.PathRoot"/>...) and the literal as JSON text.</summary>
        public JsonataModel? Path { get; init; }
        public string? LiteralJson { get; init; }
    }

    /// <summary>An Assign field: variable names with their value templates, evaluated together, stored together.</summary>
    internal sealed record AssignModel(EquatableArray<AssignEntry> Entries);

    /// <summary>One variable of an Assign field, with its slot in its block's scope.</summary>
    internal sealed record AssignEntry(string Name, PayloadModel Value, int Slot);

    /// <summary>
    /// One variable assigned by a state (its Assign, a Choice rule's or a catcher's): the block whose scope it assigns
    /// and the state's index in that block's States, for the scope rules; <see cref="Key"/> is where SG0011 points.
    /// </summary>
    internal sealed record Assignment(string Name, int Block, int State, SourceSpan Key);

    /// <summary>Where a variable reference resolves: how many scopes up and which slot; Depth -1 when nothing in scope assigns it.</summary>
    internal sealed record VariableBinding(int Depth, int Slot)
    {
        public static readonly VariableBinding Unassigned = new VariableBinding(-1, 0);
    }

    /// <summary>A $name reference in a path or expression, and where it is made.</summary>
    internal sealed record VariableReference
    {
        /// <summary>The reference's index in <see cref="StateMachineModel.VariableReferences"/> and <see cref="StateMachineModel.Bindings"/>.</summary>
        public int Id { get; init; }
        public string Name { get; init; } = null!;
        /// <summary>The block whose scope evaluates the reference (its index in Blocks), and the state's index in that block.</summary>
        public int Block { get; init; }
        public int State { get; init; }
        /// <summary>1 when the reference is evaluated inside the state's own Map iteration (ItemSelector), else 0.</summary>
        public int ExtraDepth { get; init; }
        public int Start { get; init; }
        public int Length { get; init; }
        /// <summary>No warning when unresolved (a JSONata function name such as $sum).</summary>
        public bool Silent { get; init; }
        /// <summary>Made in a JSONata expression (an unassigned variable is undefined there) rather than a JSONPath path.</summary>
        public bool InJsonata { get; init; }
    }

    /// <summary>A JSONPath as written, parsed; <see cref="IsNull"/> for a JSON null in a path field.</summary>
    internal sealed record PathModel
    {
        public static readonly PathModel Null = new PathModel { Text = "null", IsNull = true };
        public string Text { get; init; } = null!;
        public bool IsNull { get; init; }
        /// <summary>A definite path's steps, when it has only name and index steps (null otherwise).</summary>
        public Parsing.JsonPathCheck.Steps? Parsed { get; init; }
        public bool IsContext => Text.StartsWith("$$", System.StringComparison.Ordinal);
        public bool IsRoot => Text == "$";
        /// <summary>For "$name.rest": the variable; <see cref="Parsed"/> is then "$.rest" applied to its value.</summary>
        public VariableReference? Variable { get; init; }
        /// <summary>The JSONPath applied to the root: the text itself, or for a variable "$" and what follows its name.</summary>
        public string Relative => Variable == null ? Text : "$" + Text.Substring(1 + Variable.Name.Length);
    }

    /// <summary>Where a runtime value comes from: a path, a context path or an intrinsic call.</summary>
    internal sealed record ValueSource(PathModel? Path, IntrinsicCall? Intrinsic);

    /// <summary>A payload template (Parameters, ResultSelector, ItemSelector...) resolved at build time.</summary>
    internal abstract record PayloadModel;

    internal sealed record PayloadObject(EquatableArray<PayloadField> Fields) : PayloadModel;

    /// <summary>One field of a payload template object: its key (without ".$") and its value.</summary>
    internal sealed record PayloadField(string Key, PayloadModel Value);

    internal sealed record PayloadArray(EquatableArray<PayloadModel> Items) : PayloadModel;

    internal sealed record PayloadLiteral(JsonLiteral Value) : PayloadModel;

    internal sealed record PayloadDynamic(ValueSource Source, string FieldName) : PayloadModel;

    /// <summary>A string value "{% expr %}" in a JSONata template.</summary>
    internal sealed record PayloadJsonata(JsonataModel Expression) : PayloadModel;

    /// <summary>An intrinsic function call such as States.Format('{}', $.a), parsed at build time.</summary>
    internal sealed record IntrinsicCall(string Name, EquatableArray<IntrinsicArg> Args);

    internal sealed record IntrinsicArg
    {
        public IntrinsicCall? Call { get; init; }
        public PathModel? Path { get; init; }
        /// <summary>A literal: string, number, boolean or null, as JSON text.</summary>
        public string? LiteralJson { get; init; }
        public string? StringValue { get; init; }
        public bool IsNumber { get; init; }
    }
}
