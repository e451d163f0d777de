using System.Collections.Generic;

namespace StatesGen.Generator.Model
{
    // The ASL model the parser builds and the emitter reads. It lives only inside one pipeline step (parse, validate,
    // emit run together per file); what crosses steps is GeneratedMachine. Values are typed (checked numbers, parsed
    // paths and expressions, JsonLiteral constants) and diagnostics point at SourceSpans: no syntax nodes. Blocks,
    // states and variable references know each other by index (a block by its place in Blocks, a state by its place
    // in its block's States), never by reference, so the model holds no cycles.

    internal sealed class StateMachineModel
    {
        public string? Comment;
        /// <summary>The top-level States block; null only when it could not be read (then nothing is emitted).</summary>
        public BlockModel Main = null!;
        /// <summary>The execution timeout as written (checked by TaskRules), and its value once checked.</summary>
        public NumberField? TimeoutSecondsField;
        public int? TimeoutSeconds => (int?)TimeoutSecondsField?.Integer;
        /// <summary>Every Task state of the machine in document order, with its generated handler method name.</summary>
        public List<TaskState> Tasks = new List<TaskState>();
        public List<BlockModel> Blocks = new List<BlockModel>();
        /// <summary>Every variable reference ($name) met while parsing; a reference's <see cref="VariableReference.Id"/> is its index.</summary>
        public List<VariableReference> VariableReferences = new List<VariableReference>();
        /// <summary>Where each reference resolves, by <see cref="VariableReference.Id"/>: computed once the whole machine is read.</summary>
        public List<VariableBinding> Bindings = new List<VariableBinding>();
        /// <summary>Every Assign entry with the block and state that assign it, in document order.</summary>
        public List<Assignment> Assignments = new List<Assignment>();

        /// <summary>The scope depth and slot a reference resolves to.</summary>
        public VariableBinding BindingOf(VariableReference reference) => Bindings[reference.Id];
    }

    /// <summary>A States block: the machine's top level, a Parallel branch, or a Map's item processor.</summary>
    internal sealed class BlockModel
    {
        public string StartAt = null!;
        public List<StateModel> States = new List<StateModel>();
        public string MethodName = null!;
        public string EnumName = null!;
        public StateModel? Find(string name) => States.Find(s => s.Name == name);
        /// <summary>Whether no state of the block can wait (only Pass, Choice, Succeed and Fail): it runs synchronously.</summary>
        public bool NeverWaits => States.TrueForAll(s => s.NeverWaits);
        /// <summary>The index in <see cref="StateMachineModel.Blocks"/> of the block this one is nested in (-1 for the machine's top level).</summary>
        public int Parent = -1;
        /// <summary>The index, in the parent block's States, of the Parallel or Map state that owns this block (-1 for the top level).</summary>
        public int Owner = -1;
        /// <summary>The variables this block's states assign, in slot order: the block's own scope.</summary>
        public List<string> Variables = new List<string>();
        /// <summary>Where StartAt's value is, for SG0010.</summary>
        public SourceSpan StartAtSpan;
        /// <summary>
        /// Whether the graph rules can judge this block: StartAt names one of its states and every state's type was
        /// read (a state whose type is unknown has unknown transitions).
        /// </summary>
        public bool GraphCheckable;
    }

    internal enum StateType { Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map }

    internal abstract class StateModel
    {
        public string Name = null!;
        public string Identifier = null!;
        /// <summary>Generated member names, unique in the class: the state's method, its attempt and Map iteration methods.</summary>
        public string Method = null!;
        public string AttemptMethod = null!;
        public string IterationMethod = null!;
        public string? Comment;
        /// <summary>The state's JSON object, where a transition is reported when no "Next" names it.</summary>
        public SourceSpan Span;
        /// <summary>The state's key in its States object, where state-level diagnostics point.</summary>
        public SourceSpan KeyAt;
        /// <summary>
        /// Every "Next" string in the state's JSON, nested ones included (Choice rules, catchers, branches), in document
        /// order: a transition named deep inside the state is reported at the first of them that names its target.
        /// </summary>
        public List<TextField> NextFields = new List<TextField>();
        /// <summary>The fields the state's JSON object has, for rules about fields that require or exclude each other.</summary>
        public FieldSet Fields = FieldSet.Empty;
        public abstract StateType Type { get; }
        /// <summary>Pass, Choice, Succeed and Fail never wait: no task, timer or concurrency.</summary>
        public bool NeverWaits => Type is StateType.Pass or StateType.Choice or StateType.Succeed or StateType.Fail;
        public string? Next;
        public bool End;

        // Input and output processing; null means the field is absent (default "$"), PathModel.Null means JSON null.
        public PathModel? InputPath;
        public PathModel? OutputPath;
        public PathModel? ResultPath;
        public PayloadModel? Parameters;
        public PayloadModel? ResultSelector;

        public List<RetrierModel> Retry = new List<RetrierModel>();
        public List<CatcherModel> Catch = new List<CatcherModel>();
        /// <summary>Catchers without a usable Next: no transition, but their ErrorEquals is still checked.</summary>
        public List<CatcherModel> CatchWithoutNext = new List<CatcherModel>();
        /// <summary>Variables the state assigns when it succeeds (for a Choice: when no rule with its own Assign matches).</summary>
        public AssignModel? Assign;

        // JSONata states (QueryLanguage "JSONata"): Arguments and Output replace the five JSONPath fields.
        public bool IsJsonata;
        public PayloadModel? Arguments;
        public PayloadModel? Output;
    }

    internal sealed class PassState : StateModel
    {
        public override StateType Type => StateType.Pass;
        public JsonLiteral? Result;
        /// <summary>The length of the Result's JSON text in the definition.</summary>
        public int ResultLength;
    }

    internal sealed class TaskState : StateModel
    {
        public override StateType Type => StateType.Task;
        public string Resource = null!;
        public string HandlerMethod = null!;
        /// <summary>The timeouts as written (checked by TaskRules); the emitter reads the checked values below.</summary>
        public NumberField? TimeoutSecondsField;
        public NumberField? HeartbeatSecondsField;
        public int? TimeoutSeconds => (int?)TimeoutSecondsField?.Integer;
        public PathModel? TimeoutSecondsPath;
        public int? HeartbeatSeconds => (int?)HeartbeatSecondsField?.Integer;
        public PathModel? HeartbeatSecondsPath;
        public PayloadModel? Credentials;
        /// <summary>JSONata: TimeoutSeconds / HeartbeatSeconds given as expressions.</summary>
        public JsonataModel? TimeoutSecondsExpression;
        public JsonataModel? HeartbeatSecondsExpression;
        public bool IsCallback => Resource.EndsWith(".waitForTaskToken", System.StringComparison.Ordinal);
        /// <summary>A states:startExecution Task's StateMachineArn when it is a constant (null when it comes from the data).</summary>
        public TextField? StateMachineArn;
    }

    internal sealed class ChoiceState : StateModel
    {
        public override StateType Type => StateType.Choice;
        public List<ChoiceRuleModel> Choices = new List<ChoiceRuleModel>();
        public string? Default;
    }

    internal sealed class ChoiceRuleModel
    {
        /// <summary>"And", "Or", "Not", or a comparison operator such as "StringEquals" or "NumericLessThanPath".</summary>
        public string Operator = null!;
        public PathModel? Variable;
        public JsonLiteral? Operand;
        /// <summary>Where the literal operand is, for ChoiceRules.</summary>
        public SourceSpan OperandAt;
        public PathModel? OperandPath;
        public List<ChoiceRuleModel> Children = new List<ChoiceRuleModel>();
        public string? Next;
        public AssignModel? Assign;
        /// <summary>The rule as written (canonical JSON), for the comment above its generated condition.</summary>
        public string Source = "";
        /// <summary>JSONata rules: the condition (a literal boolean or an expression) and the rule's own Output.</summary>
        public PayloadModel? Condition;
        public PayloadModel? Output;
    }

    internal sealed class WaitState : StateModel
    {
        public override StateType Type => StateType.Wait;
        /// <summary>Seconds and Timestamp as written (checked by WaitRules); the emitter reads the checked values.</summary>
        public NumberField? SecondsField;
        public TextField? TimestampField;
        public long? Seconds => SecondsField?.Integer;
        public PathModel? SecondsPath;
        public string? Timestamp => TimestampField?.Text;
        public PathModel? TimestampPath;
        public JsonataModel? SecondsExpression;
        public JsonataModel? TimestampExpression;
    }

    internal sealed class SucceedState : StateModel
    {
        public override StateType Type => StateType.Succeed;
    }

    internal sealed class FailState : StateModel
    {
        public override StateType Type => StateType.Fail;
        public string? Error;
        public string? Cause;
        public ValueSource? ErrorPath;
        public ValueSource? CausePath;
        public JsonataModel? ErrorExpression;
        public JsonataModel? CauseExpression;
    }

    internal sealed class ParallelState : StateModel
    {
        public override StateType Type => StateType.Parallel;
        public List<BlockModel> Branches = new List<BlockModel>();
    }

    internal sealed class MapState : StateModel
    {
        public override StateType Type => StateType.Map;
        public BlockModel Processor = null!;
        public PathModel? ItemsPath;
        public PayloadModel? ItemSelector;
        /// <summary>The limits as written (checked by MapRules); the emitter reads the checked values below.</summary>
        public NumberField? MaxConcurrencyField;
        public NumberField? ToleratedFailurePercentageField;
        public NumberField? ToleratedFailureCountField;
        public int MaxConcurrency => (int)(MaxConcurrencyField?.Integer ?? 0);
        public PathModel? MaxConcurrencyPath;
        public decimal? ToleratedFailurePercentage => ToleratedFailurePercentageField?.Number;
        public PathModel? ToleratedFailurePercentagePath;
        public long? ToleratedFailureCount => ToleratedFailureCountField?.Integer;
        public PathModel? ToleratedFailureCountPath;
        public PayloadModel? ItemReader;
        public string? ItemReaderResource;
        public SourceSpan ItemReaderResourceAt;
        /// <summary>ItemBatcher's BatchInput (null without one, or without BatchInput).</summary>
        public PayloadModel? ItemBatcher;
        /// <summary>Whether the Map has an ItemBatcher; its limits below are checked values (0 = no limit).</summary>
        public bool HasItemBatcher;
        /// <summary>The ItemBatcher's key and fields (when it is an object), for the rules on its limits.</summary>
        public SourceSpan ItemBatcherKey;
        public FieldSet ItemBatcherFields = FieldSet.Empty;
        /// <summary>ItemReader.ReaderConfig's fields and its MaxItems as written (not emitted: AWS reads the items).</summary>
        public FieldSet ReaderConfigFields = FieldSet.Empty;
        public NumberField? ReaderMaxItems;
        /// <summary>The Label when it is a string (checked by MapRules; it changes nothing at run time).</summary>
        public TextField? Label;
        public BatchLimit MaxItemsPerBatch = new BatchLimit();
        public BatchLimit MaxInputBytesPerBatch = new BatchLimit();
        /// <summary>JSONata: Items (a template or an expression) and expression-valued limits.</summary>
        public PayloadModel? Items;
        public JsonataModel? MaxConcurrencyExpression;
        public JsonataModel? ToleratedFailurePercentageExpression;
        public JsonataModel? ToleratedFailureCountExpression;
        public string? ResultWriterResource;
        public SourceSpan ResultWriterResourceAt;
        /// <summary>The ResultWriter's key and fields, and ProcessorConfig's (when they are objects), for DistributedMapRules.</summary>
        public bool HasResultWriter;
        public SourceSpan ResultWriterKey;
        public FieldSet ResultWriterFields = FieldSet.Empty;
        public SourceSpan ProcessorConfigKey;
        public FieldSet ProcessorConfigFields = FieldSet.Empty;
        public PayloadModel? ResultWriter;
        public bool Distributed;
        /// <summary>Whether a Distributed Map's ProcessorConfig.ExecutionType is EXPRESS (its children are never stored).</summary>
        public bool ExpressChildren;

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
    internal sealed class BatchLimit
    {
        public NumberField? Field;
        public int? Value => (int?)Field?.Integer;
        public PathModel? Path;
        public JsonataModel? Expression;
    }

    /// <summary>A retrier; its numbers as written (checked by RetryCatchRules), read through the defaults below.</summary>
    internal sealed class RetrierModel
    {
        public List<string> ErrorEquals = new List<string>();
        /// <summary>Where the ErrorEquals array is, and whether this is the last retrier (for the States.ALL rules).</summary>
        public SourceSpan ErrorEqualsAt;
        public bool IsLast;
        public NumberField? IntervalSecondsField;
        public NumberField? MaxAttemptsField;
        public NumberField? BackoffRateField;
        public NumberField? MaxDelaySecondsField;
        public decimal IntervalSeconds => IntervalSecondsField?.Integer ?? 1;
        public int MaxAttempts => (int)(MaxAttemptsField?.Integer ?? 3);
        public decimal BackoffRate => BackoffRateField?.Number ?? 2.0m;
        public long? MaxDelaySeconds => MaxDelaySecondsField?.Integer;
        public bool FullJitter;
    }

    internal sealed class CatcherModel
    {
        public List<string> ErrorEquals = new List<string>();
        public SourceSpan ErrorEqualsAt;
        public bool IsLast;
        public string Next = null!;
        public PathModel? ResultPath;
        public AssignModel? Assign;
        /// <summary>JSONata catchers: the Output (default: the error output).</summary>
        public PayloadModel? Output;
    }

    /// <summary>One {% ... %} JSONata expression, parsed and checked at build time.</summary>
    internal sealed class JsonataModel
    {
        /// <summary>The expression text between {% and %}, trimmed.</summary>
        public string Source = null!;
        /// <summary>Where it sits, as AWS names it in causes: "Output", "Arguments/FunctionName", "Assign/x".</summary>
        public string Field = null!;
        /// <summary>The workflow variables it reads (builtin functions, $states and local bindings excluded).</summary>
        public List<VariableReference> Variables = new List<VariableReference>();
        /// <summary>Whether it may read $states.context (so the context object is built for it).</summary>
        public bool UsesContext;
        /// <summary>
        /// Set when the whole expression is a plain path ($states.input.a.b, $states.result, $var.a): compiled to direct
        /// property reads, with the interpreter as the fallback when the data holds an array on the way. The root is
        /// "input", "result", "errorOutput" or "context" of $states, or <see cref="PathVariable"/>.
        /// </summary>
        public string? PathRoot;
        public VariableReference? PathVariable;
        public List<string>? PathNames;
        /// <summary>
        /// Set when the expression is a test the generator compiles (comparisons of a plain path with a literal,
        /// combined with and, or, $not); anything it cannot decide at run time falls back to the interpreter.
        /// </summary>
        public JsonataTest? Test;
    }

    /// <summary>A compiled boolean test: a comparison leaf, or and/or/not of tests.</summary>
    internal sealed class JsonataTest
    {
        /// <summary>"and", "or", "not", or a comparison operator (=, !=, &lt;, &lt;=, &gt;, &gt;=).</summary>
        public string Operator = null!;
        public JsonataTest? Left;
        public JsonataTest? Right;
        /// <summary>For comparisons: the path (as in <see cref="JsonataModel.PathRoot"/>...) and the literal as JSON text.</summary>
        public JsonataModel? Path;
        public string? LiteralJson;
    }

    /// <summary>A string value "{% expr %}" in a JSONata template.</summary>
    internal sealed class PayloadJsonata : PayloadModel
    {
        public JsonataModel Expression = null!;
    }

    /// <summary>An Assign field: variable names with their value templates, evaluated together, stored together.</summary>
    internal sealed class AssignModel
    {
        public List<AssignEntry> Entries = new List<AssignEntry>();
    }

    internal sealed class AssignEntry
    {
        public string Name = null!;
        public PayloadModel Value = null!;
        /// <summary>The variable's slot in its block's scope.</summary>
        public int Slot;
    }

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

    /// <summary>A $name reference in a path or expression, and where it resolves.</summary>
    internal sealed class VariableReference
    {
        /// <summary>The reference's index in <see cref="StateMachineModel.VariableReferences"/> and <see cref="StateMachineModel.Bindings"/>.</summary>
        public int Id;
        public string Name = null!;
        /// <summary>The block whose scope evaluates the reference (its index in Blocks), and the state's index in that block.</summary>
        public int Block;
        public int State;
        /// <summary>1 when the reference is evaluated inside the state's own Map iteration (ItemSelector), else 0.</summary>
        public int ExtraDepth;
        public int Start;
        public int Length;
        /// <summary>No warning when unresolved (a JSONata function name such as $sum).</summary>
        public bool Silent;
        /// <summary>Made in a JSONata expression (an unassigned variable is undefined there) rather than a JSONPath path.</summary>
        public bool InJsonata;
    }

    /// <summary>A JSONPath as written, parsed; <see cref="IsNull"/> for a JSON null in a path field.</summary>
    internal sealed class PathModel
    {
        public static readonly PathModel Null = new PathModel { Text = "null", IsNull = true };
        public string Text = null!;
        public bool IsNull;
        public Parsing.JsonPathCheck.Steps? Parsed;
        public bool IsContext => Text.StartsWith("$$", System.StringComparison.Ordinal);
        public bool IsRoot => Text == "$";
        /// <summary>For "$name.rest": the variable; <see cref="Parsed"/> is then "$.rest" applied to its value.</summary>
        public VariableReference? Variable;
        /// <summary>The JSONPath applied to the root: the text itself, or for a variable "$" and what follows its name.</summary>
        public string Relative => Variable == null ? Text : "$" + Text.Substring(1 + Variable.Name.Length);
    }

    /// <summary>Where a runtime value comes from: a path, a context path or an intrinsic call.</summary>
    internal sealed class ValueSource
    {
        public PathModel? Path;
        public IntrinsicCall? Intrinsic;
    }

    /// <summary>A payload template (Parameters, ResultSelector, ItemSelector...) resolved at build time.</summary>
    internal abstract class PayloadModel { }

    internal sealed class PayloadObject : PayloadModel
    {
        public List<KeyValuePair<string, PayloadModel>> Fields = new List<KeyValuePair<string, PayloadModel>>();
    }

    internal sealed class PayloadArray : PayloadModel
    {
        public List<PayloadModel> Items = new List<PayloadModel>();
    }

    internal sealed class PayloadLiteral : PayloadModel
    {
        public JsonLiteral Value = null!;
    }

    internal sealed class PayloadDynamic : PayloadModel
    {
        public ValueSource Source = null!;
        public string FieldName = null!;
    }

    /// <summary>An intrinsic function call such as States.Format('{}', $.a), parsed at build time.</summary>
    internal sealed class IntrinsicCall
    {
        public string Name = null!;
        public List<IntrinsicArg> Args = new List<IntrinsicArg>();
    }

    internal sealed class IntrinsicArg
    {
        public IntrinsicCall? Call;
        public PathModel? Path;
        /// <summary>A literal: string, number, boolean or null, as JSON text.</summary>
        public string? LiteralJson;
        public string? StringValue;
        public bool IsNumber;
    }
}
