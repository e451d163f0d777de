using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using StatesGen.Generator.Json;
using StatesGen.Generator.Model;
using D = StatesGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace StatesGen.Generator.Parsing
{
    /// <summary>
    /// Turns the JSON syntax tree of a definition into the ASL model, reporting every problem it meets with the
    /// location of the offending key or value. The per-state-type readers live in AslParser.States.cs, payload
    /// templates and paths in AslParser.Payloads.cs.
    /// </summary>
    internal sealed partial class AslParser
    {
        private readonly ProblemList _problems;
        // What the whole machine collects while it is read; the records are built from them once it is.
        private readonly List<TaskState> _tasks = new List<TaskState>();
        /// <summary>Every block read, by index: a block takes its place before its states are read and fills it when done.</summary>
        private readonly List<BlockModel?> _blocks = new List<BlockModel?>();
        /// <summary>The variables each block's states assign so far, by block index.</summary>
        private readonly List<List<string>> _scopes = new List<List<string>>();
        private readonly List<VariableReference> _references = new List<VariableReference>();
        private readonly List<Assignment> _assignments = new List<Assignment>();
        private readonly HashSet<string> _allStateNames = new HashSet<string>(StringComparer.Ordinal);
        private readonly NameAllocator _identifiers;
        private readonly NameAllocator _handlerNames = new NameAllocator();

        private AslParser(ProblemList problems, string className)
        {
            _problems = problems;
            // Every generated member name comes from one allocator, so no state name can collide with another
            // state's methods or with the members of the public contract.
            _identifiers = new NameAllocator(className, "ITasks", "Route", "RouteTasks", "StartExecutionAsync", "Diagram", "ExecuteAsync", "TestStateAsync", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize");
        }

        /// <summary>
        /// The spec of a definition; null only when the root is not an object. <see cref="StateMachineModel.Main"/> is
        /// null when the top-level States block could not be read; the blocks and states read are still validated.
        /// </summary>
        public static StateMachineModel? Parse(JsonValueSyntax root, ProblemList problems, string className)
        {
            var parser = new AslParser(problems, className);
            if (root is not JsonObjectSyntax obj)
            {
                problems.Add(D.InvalidStructure, "A state machine definition must be a JSON object with \"StartAt\" and \"States\".", root);
                return null;
            }
            return parser.ParseMachine(obj);
        }

        private StateMachineModel? ParseMachine(JsonObjectSyntax obj)
        {
            CheckFields(obj, "state machine", TopLevelFields);
            var comment = OptionalString(obj, "Comment");
            // Specification, "Top-level fields": "Version" is the States Language version, "1.0" by default and the only one
            // there is; AWS's language service schema (aws/amazon-states-language-service, base.json) allows only "1.0".
            if (OptionalString(obj, "Version") is { } version && version != "1.0")
                _problems.Add(D.InvalidValue, $"\"Version\" must be \"1.0\" (the only version of the States Language), not \"{version}\"; or leave it out.", obj.Find("Version")!.Value);
            CheckQueryLanguage(obj);
            ReadMachineQueryLanguage(obj);
            var timeoutSeconds = OptionalNumber(obj, "TimeoutSeconds");
            var main = ParseBlock(obj, "Main", "the state machine")!;
            return new StateMachineModel
            {
                Comment = comment,
                Main = main,
                TimeoutSecondsField = timeoutSeconds,
                Tasks = EquatableArray.From(_tasks),
                Blocks = EquatableArray.From(_blocks.Select(b => b!)),
                VariableReferences = EquatableArray.From(_references),
                Bindings = EquatableArray.From(_references.Select(Resolve)),
                Assignments = EquatableArray.From(_assignments),
            };
        }

        private static readonly string[] JsonataOnlyFields = { "Arguments", "Output", "Items", "Condition" };
        private static readonly string[] JsonPathOnlyFields =
        {
            "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "ItemsPath", "Result", "TimeoutSecondsPath", "HeartbeatSecondsPath",
            "SecondsPath", "TimestampPath", "MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath", "ErrorPath", "CausePath", "Variable",
        };

        private static readonly string[] TopLevelFields = { "StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage" };
        private static readonly string[] BranchFields = { "StartAt", "States", "Comment" };
        private static readonly string[] ProcessorFields = { "StartAt", "States", "Comment", "ProcessorConfig" };

        private void CheckQueryLanguage(JsonObjectSyntax obj) => OneOf(obj, "QueryLanguage", "JSONPath", "JSONata");

        /// <summary>Reads a States block (machine, Parallel branch or Map processor).</summary>
        private BlockModel? ParseBlock(JsonObjectSyntax obj, string methodBase, string what)
        {
            var methodName = _identifiers.Allocate("Run" + methodBase + "Async");
            var enumName = _identifiers.Allocate(methodBase + "State");
            var (parent, owner) = (_currentBlockIndex, _currentStateIndex);
            var startAt = obj.Find("StartAt");
            var states = obj.Find("States");
            string startAtName = null!;
            bool ok = true;
            if (startAt == null) { _problems.Add(D.InvalidStructure, $"{Capital(what)} has no \"StartAt\": name the state to start with.", obj.Start, 1); ok = false; }
            else if (startAt.Value is not JsonStringSyntax sa) { _problems.Add(D.InvalidStructure, "\"StartAt\" must be a string naming a state.", startAt.Value); ok = false; }
            else startAtName = sa.Value;
            if (states == null) { _problems.Add(D.InvalidStructure, $"{Capital(what)} has no \"States\" object.", obj.Start, 1); return null; }
            if (states.Value is not JsonObjectSyntax statesObj) { _problems.Add(D.InvalidStructure, "\"States\" must be an object whose keys are state names.", states.Value); return null; }
            if (statesObj.Properties.Count == 0) { _problems.Add(D.InvalidStructure, "\"States\" must contain at least one state.", states.Value); return null; }
            // The block's place in Blocks comes before the blocks nested in its states.
            int index = _blocks.Count;
            _blocks.Add(null);
            var scope = new List<string>();
            _scopes.Add(scope);
            var blockStates = ImmutableArray.CreateBuilder<StateModel>();
            bool everyStateRead = true;
            foreach (var p in statesObj.Properties)
            {
                var state = ParseState(p, index, blockStates.Count);
                if (state != null) blockStates.Add(state);
                else everyStateRead = false;
            }
            // A state that failed to parse is still a key of States, so it is not reported as missing too.
            if (ok && statesObj.Find(startAtName) == null)
                _problems.Add(D.UnknownState, $"StartAt names \"{startAtName}\", which is not a state of this States block.", startAt!.Value);
            // The graph rules (Validation/) run whatever else is wrong, so one build reports every problem; only a state
            // whose type could not be read (its transitions are unknown) keeps them from judging this block.
            var block = new BlockModel
            {
                StartAt = startAtName,
                States = new EquatableArray<StateModel>(blockStates.ToImmutable()),
                MethodName = methodName,
                EnumName = enumName,
                Parent = parent,
                Owner = owner,
                Variables = EquatableArray.From(scope),
                StartAtSpan = ok ? SyntaxFacts.SpanOf(startAt!.Value) : default,
                GraphCheckable = ok && everyStateRead && statesObj.Find(startAtName) != null,
            };
            _blocks[index] = block;
            return ok ? block : null;
        }

        private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s.Substring(1);

        // ---- small typed readers -------------------------------------------------------------------------------

        private void CheckFields(JsonObjectSyntax obj, string what, string[] allowed)
        {
            foreach (var p in obj.Properties)
            {
                if (Array.IndexOf(allowed, p.Name) >= 0) continue;
                if (Array.IndexOf(JsonataOnlyFields, p.Name) >= 0)
                    _problems.Add(D.InvalidStructure, $"\"{p.Name}\" is a JSONata field; it needs \"QueryLanguage\": \"JSONata\" on the state or the state machine.", p);
                else if (_stateJsonata && Array.IndexOf(JsonPathOnlyFields, p.Name) >= 0)
                    _problems.Add(D.InvalidStructure, $"\"{p.Name}\" is a JSONPath field and cannot be used in a JSONata state: use \"Arguments\" and \"Output\" with {{% %}} expressions.", p);
                else if (p.Name != "QueryLanguage")
                    _problems.Add(D.InvalidStructure, $"\"{p.Name}\" is not a field of {what}.", p);
            }
        }

        private string? OptionalString(JsonObjectSyntax obj, string name)
        {
            var p = obj.Find(name);
            if (p == null) return null;
            if (p.Value is JsonStringSyntax s) return s.Value;
            _problems.Add(D.InvalidStructure, $"\"{name}\" must be a string.", p.Value);
            return null;
        }

        /// <summary>A string field with a fixed set of values: the value, or null (absent, or reported as SG0004).</summary>
        private string? OneOf(JsonObjectSyntax obj, string name, params string[] allowed)
        {
            var p = obj.Find(name);
            if (p == null) return null;
            if (p.Value is JsonStringSyntax s && Array.IndexOf(allowed, s.Value) >= 0) return s.Value;
            var quoted = Array.ConvertAll(allowed, a => "\"" + a + "\"");
            var choices = quoted.Length == 2 ? quoted[0] + " or " + quoted[1] : "one of " + string.Join(", ", quoted, 0, quoted.Length - 1) + " or " + quoted[quoted.Length - 1];
            _problems.Add(D.InvalidValue, $"\"{name}\" must be {choices}.", p.Value);
            return null;
        }

        /// <summary>A number field as written, or null when absent; its range is a rule of Validation/.</summary>
        private static NumberField? OptionalNumber(JsonObjectSyntax obj, string name) => obj.Find(name) is { } p ? SyntaxFacts.NumberOf(p) : null;
    }
}
