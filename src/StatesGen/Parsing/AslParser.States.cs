using System;
using System.Collections.Generic;
using StatesGen.Generator.Json;
using StatesGen.Generator.Model;
using D = StatesGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace StatesGen.Generator.Parsing
{
    internal sealed partial class AslParser
    {
        private static readonly string[] Common = { "Type", "Comment", "QueryLanguage" };
        private static readonly string[] Flow = { "Next", "End" };
        private static readonly string[] InOut = { "InputPath", "OutputPath" };
        private static readonly string[] Result = { "ResultPath", "Parameters" };
        private static readonly string[] Errors = { "ResultSelector", "Retry", "Catch" };

        private static string[] Fields(params string[][] groups)
        {
            var all = new List<string>();
            foreach (var g in groups) all.AddRange(g);
            return all.ToArray();
        }

        private static readonly Dictionary<string, string[]> AllowedFields = new Dictionary<string, string[]>
        {
            ["Pass"] = Fields(Common, Flow, InOut, Result, new[] { "Result", "Assign" }),
            ["Task"] = Fields(Common, Flow, InOut, Result, Errors, new[] { "Assign", "Resource", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials" }),
            ["Choice"] = Fields(Common, InOut, new[] { "Choices", "Default", "Assign" }),
            ["Wait"] = Fields(Common, Flow, InOut, new[] { "Assign", "Seconds", "SecondsPath", "Timestamp", "TimestampPath" }),
            ["Succeed"] = Fields(Common, InOut),
            ["Fail"] = Fields(Common, new[] { "Error", "Cause", "ErrorPath", "CausePath" }),
            ["Parallel"] = Fields(Common, Flow, InOut, Result, Errors, new[] { "Branches", "Assign" }),
            ["Map"] = Fields(Common, Flow, InOut, Result, Errors, new[] { "Assign", "Iterator", "ItemProcessor", "ItemsPath", "ItemSelector", "MaxConcurrency", "MaxConcurrencyPath",
                "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ToleratedFailureCount", "ToleratedFailureCountPath", "ItemReader", "ItemBatcher", "ResultWriter", "Label" }),
        };

        private static readonly string[] JsonataCommon = { "Type", "Comment", "QueryLanguage", "Output", "Assign" };

        private static readonly Dictionary<string, string[]> JsonataFields = new Dictionary<string, string[]>
        {
            ["Pass"] = Fields(JsonataCommon, Flow),
            ["Task"] = Fields(JsonataCommon, Flow, new[] { "Arguments", "Retry", "Catch", "Resource", "TimeoutSeconds", "HeartbeatSeconds", "Credentials" }),
            ["Choice"] = Fields(JsonataCommon, new[] { "Choices", "Default" }),
            ["Wait"] = Fields(JsonataCommon, Flow, new[] { "Seconds", "Timestamp" }),
            ["Succeed"] = new[] { "Type", "Comment", "QueryLanguage", "Output" },
            ["Fail"] = new[] { "Type", "Comment", "QueryLanguage", "Error", "Cause" },
            ["Parallel"] = Fields(JsonataCommon, Flow, new[] { "Arguments", "Retry", "Catch", "Branches" }),
            ["Map"] = Fields(JsonataCommon, Flow, new[] { "Retry", "Catch", "Iterator", "ItemProcessor", "Items", "ItemSelector", "MaxConcurrency",
                "ToleratedFailurePercentage", "ToleratedFailureCount", "ItemReader", "ItemBatcher", "ResultWriter", "Label" }),
        };

        /// <summary>Whether the state being read uses JSONata.</summary>
        private bool _stateJsonata;

        private StateModel? ParseState(JsonPropertySyntax p, BlockModel block, int blockIndex)
        {
            var name = p.Name;
            if (!_allStateNames.Add(name))
                _problems.Add(D.InvalidStructure, $"The state name \"{name}\" is used more than once in this state machine; state names must be unique across the whole machine, branches and processors included.", p);
            if (name.Length > 80)
                _problems.Add(D.InvalidValue, $"State names are limited to 80 characters; \"{name.Substring(0, 20)}...\" has {name.Length}.", p);
            if (p.Value is not JsonObjectSyntax obj)
            {
                _problems.Add(D.InvalidStructure, $"State \"{name}\" must be a JSON object.", p.Value);
                return null;
            }
            var typeProp = obj.Find("Type");
            if (typeProp == null) { _problems.Add(D.InvalidStructure, $"State \"{name}\" has no \"Type\".", p); return null; }
            if (typeProp.Value is not JsonStringSyntax typeValue || !AllowedFields.ContainsKey(typeValue.Value))
            {
                _problems.Add(D.InvalidStructure, $"\"Type\" must be one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map.", typeProp.Value);
                return null;
            }
            var type = typeValue.Value;
            CheckQueryLanguage(obj);
            var outerJsonata = _stateJsonata;
            _stateJsonata = StateIsJsonata(obj);
            CheckFields(obj, $"a {type} state", _stateJsonata ? JsonataFields[type] : AllowedFields[type]);
            var (outerBlock, outerBlockIndex, outerStateIndex) = (_currentBlock, _currentBlockIndex, _currentStateIndex);
            // The state will be the next one of its block: its references and assignments name it by that index.
            (_currentBlock, _currentBlockIndex, _currentStateIndex) = (block, blockIndex, block.States.Count);
            var state = ParseStateBody(obj, p, type);
            (_currentBlock, _currentBlockIndex, _currentStateIndex) = (outerBlock, outerBlockIndex, outerStateIndex);
            _stateJsonata = outerJsonata;
            return state;
        }

        private StateModel ParseStateBody(JsonObjectSyntax obj, JsonPropertySyntax p, string type)
        {
            var name = p.Name;
            StateModel state = type switch
            {
                "Pass" => ParsePass(obj),
                "Task" => ParseTask(obj, name),
                "Choice" => ParseChoice(obj),
                "Wait" => ParseWait(obj),
                "Succeed" => new SucceedState(),
                "Fail" => ParseFail(obj),
                "Parallel" => ParseParallel(obj, name),
                _ => ParseMap(obj, name),
            };
            state.Name = name;
            state.Span = SourceSpan.Of(obj);
            state.KeyAt = SourceSpan.KeyOf(p);
            state.NextFields = NextFieldsOf(obj);
            state.Fields = FieldSet.Of(obj);
            state.Identifier = _identifiers.Allocate(name);
            state.Method = type == "Pass" ? state.Identifier : _identifiers.Allocate(state.Identifier + "Async");
            state.AttemptMethod = _identifiers.Allocate(state.Identifier + "AttemptAsync");
            state.IterationMethod = type == "Map" ? _identifiers.Allocate(state.Identifier + "IterationAsync") : "";
            state.Comment = OptionalString(obj, "Comment");
            state.IsJsonata = _stateJsonata;
            if (_stateJsonata)
            {
                if (obj.Find("Arguments") is { } arguments)
                {
                    if (type == "Task" && arguments.Value is not (JsonObjectSyntax or JsonStringSyntax))
                        _problems.Add(D.InvalidStructure, "\"Arguments\" must be a JSON object or a {% %} expression.", arguments.Value);
                    else state.Arguments = ParseJsonataTemplate(arguments.Value, "Arguments");
                }
                if (obj.Find("Output") is { } output) state.Output = ParseJsonataTemplate(output.Value, "Output");
            }
            else
            {
                state.InputPath = OptionalPath(obj, "InputPath", PathKind.AnyPath, allowNull: true);
                state.OutputPath = OptionalPath(obj, "OutputPath", PathKind.AnyPath, allowNull: true);
            }
            if (!_stateJsonata && (type == "Pass" || type == "Task" || type == "Parallel" || type == "Map"))
            {
                state.ResultPath = OptionalPath(obj, "ResultPath", PathKind.ResultPath, allowNull: true);
                if (obj.Find("Parameters") is { } parameters) state.Parameters = ParseTemplate(parameters);
            }
            if (type == "Task" || type == "Parallel" || type == "Map")
            {
                if (!_stateJsonata && obj.Find("ResultSelector") is { } rs) state.ResultSelector = ParseTemplate(rs);
                ParseRetry(obj, state);
                ParseCatch(obj, state);
            }
            // Without retriers the state is its single attempt: no extra method in between.
            if (state.Retry.Count == 0) state.AttemptMethod = state.Method;
            if (type != "Choice" && type != "Succeed" && type != "Fail") ParseFlow(obj, state, name);
            if (type != "Succeed" && type != "Fail") state.Assign = ParseAssign(obj);
            return state;
        }

        private void ParseFlow(JsonObjectSyntax obj, StateModel state, string name)
        {
            var next = obj.Find("Next");
            var end = obj.Find("End");
            if (next != null)
            {
                if (next.Value is JsonStringSyntax s) state.Next = s.Value;
                else _problems.Add(D.InvalidStructure, "\"Next\" must be a string naming a state.", next.Value);
            }
            if (end != null)
            {
                if (end.Value.Kind == JsonKind.True) state.End = true;
                else _problems.Add(D.InvalidValue, "\"End\" may only be true; to continue, use \"Next\" instead.", end.Value);
            }
            if (next != null && end != null)
                _problems.Add(D.InvalidStructure, $"State \"{name}\" has both \"Next\" and \"End\"; keep exactly one.", end);
            else if (next == null && end == null)
                _problems.Add(D.InvalidStructure, $"State \"{name}\" needs \"Next\" or \"End\": true.", KeyOf(obj, "Type"));
        }

        /// <summary>Every "Next" string inside a state's JSON, nested ones included, in document order.</summary>
        private static List<TextField> NextFieldsOf(JsonValueSyntax node)
        {
            var found = new List<TextField>();
            Collect(node);
            return found;

            void Collect(JsonValueSyntax n)
            {
                if (n is JsonObjectSyntax o)
                {
                    foreach (var p in o.Properties)
                    {
                        if (p.Name == "Next" && p.Value is JsonStringSyntax) found.Add(TextField.From(p));
                        else Collect(p.Value);
                    }
                }
                else if (n is JsonArraySyntax a)
                {
                    foreach (var item in a.Items) Collect(item);
                }
            }
        }

        private static JsonValueSyntax KeyOf(JsonObjectSyntax obj, string key) => obj.Find(key)?.Value ?? obj;

        private PassState ParsePass(JsonObjectSyntax obj) =>
            obj.Find("Result")?.Value is { } result
                ? new PassState { Result = JsonLiteral.From(result), ResultLength = result.End - result.Start }
                : new PassState();

        private TaskState ParseTask(JsonObjectSyntax obj, string name)
        {
            var t = new TaskState { Resource = OptionalString(obj, "Resource") ?? "" };
            if (obj.Find("Resource") == null) _problems.Add(D.InvalidStructure, $"Task state \"{name}\" has no \"Resource\".", KeyOf(obj, "Type"));
            t.HandlerMethod = _handlerNames.Allocate(name, "Async");
            t.TimeoutSecondsExpression = _stateJsonata ? OptionalExpression(obj, "TimeoutSeconds") : null;
            t.HeartbeatSecondsExpression = _stateJsonata ? OptionalExpression(obj, "HeartbeatSeconds") : null;
            if (t.TimeoutSecondsExpression == null) t.TimeoutSecondsField = OptionalNumber(obj, "TimeoutSeconds");
            t.TimeoutSecondsPath = OptionalPath(obj, "TimeoutSecondsPath", PathKind.ReferencePath, false);
            if (t.HeartbeatSecondsExpression == null) t.HeartbeatSecondsField = OptionalNumber(obj, "HeartbeatSeconds");
            t.HeartbeatSecondsPath = OptionalPath(obj, "HeartbeatSecondsPath", PathKind.ReferencePath, false);
            if (obj.Find("Credentials") is { } cred) t.Credentials = ParseCredentials(cred);
            // A nested execution's machine, when the ARN is a constant (JSONPath "StateMachineArn", JSONata not {% %}):
            // the link step links it at build time.
            if (StateMachineArns.ModeOf(t.Resource) != NestedMode.None
                && ((_stateJsonata ? obj["Arguments"] : obj["Parameters"]) as JsonObjectSyntax)?.Find("StateMachineArn") is { Value: JsonStringSyntax arn } arnField
                && !arn.Value.StartsWith("{%", System.StringComparison.Ordinal))
                t.StateMachineArn = TextField.From(arnField);
            _machine.Tasks.Add(t);
            return t;
        }

        // Guide, "Task workflow state", Credentials: the role to assume, an object with "RoleArn" (a literal ARN or a
        // JSONata expression) or, in JSONPath, "RoleArn.$". AWS rejects {} and {"InvalidField": ...} at creation with
        // "The field 'RoleArn' is required but was missing at /States/<name>/Credentials" (recorded against AWS by
        // LocalStack, tests/aws/services/stepfunctions/v2/credentials/test_credentials_base.py, validated 2024-12-04).
        private PayloadModel? ParseCredentials(JsonPropertySyntax field)
        {
            if (field.Value is not JsonObjectSyntax cred)
            {
                _problems.Add(D.InvalidStructure, "\"Credentials\" must be an object with \"RoleArn\", the role to assume.", field.Value);
                return null;
            }
            CheckFields(cred, "Credentials", _stateJsonata ? new[] { "RoleArn" } : new[] { "RoleArn", "RoleArn.$" });
            if (cred.Find("RoleArn") is { } arn && arn.Value is not JsonStringSyntax)
                _problems.Add(D.InvalidStructure, "\"RoleArn\" must be a string: the ARN of the role to assume" + (_stateJsonata ? " or a {% %} expression." : "."), arn.Value);
            if (cred.Find("RoleArn") == null && (_stateJsonata || cred.Find("RoleArn.$") == null))
                _problems.Add(D.InvalidStructure, _stateJsonata ? "\"Credentials\" needs \"RoleArn\"." : "\"Credentials\" needs \"RoleArn\" (or \"RoleArn.$\" with a path).", field);
            return _stateJsonata ? ParseJsonataTemplate(cred, "Credentials") : ParsePayload(cred, "Credentials");
        }

        private WaitState ParseWait(JsonObjectSyntax obj)
        {
            var w = new WaitState();
            if (_stateJsonata)
            {
                w.SecondsExpression = OptionalExpression(obj, "Seconds");
                w.TimestampExpression = OptionalExpression(obj, "Timestamp");
            }
            if (w.SecondsExpression == null) w.SecondsField = OptionalNumber(obj, "Seconds");
            if (obj.Find("SecondsPath") is not null) w.SecondsPath = OptionalPath(obj, "SecondsPath", PathKind.ReferencePath, false);
            if (w.TimestampExpression == null && obj.Find("Timestamp") is { } ts) w.TimestampField = TextField.From(ts);
            if (obj.Find("TimestampPath") is not null) w.TimestampPath = OptionalPath(obj, "TimestampPath", PathKind.ReferencePath, false);
            return w;
        }

        private FailState ParseFail(JsonObjectSyntax obj)
        {
            var f = new FailState();
            if (_stateJsonata)
            {
                f.ErrorExpression = OptionalExpression(obj, "Error");
                f.CauseExpression = OptionalExpression(obj, "Cause");
            }
            if (f.ErrorExpression == null) f.Error = OptionalString(obj, "Error");
            if (f.CauseExpression == null) f.Cause = OptionalString(obj, "Cause");
            if (obj.Find("ErrorPath") is { } ep) f.ErrorPath = ParseValueSource(ep.Value, "ErrorPath");
            if (obj.Find("CausePath") is { } cp) f.CausePath = ParseValueSource(cp.Value, "CausePath");
            return f;
        }

        private ParallelState ParseParallel(JsonObjectSyntax obj, string name)
        {
            var state = new ParallelState();
            var branches = obj.Find("Branches");
            if (branches == null) { _problems.Add(D.InvalidStructure, $"Parallel state \"{name}\" has no \"Branches\".", KeyOf(obj, "Type")); return state; }
            if (branches.Value is not JsonArraySyntax arr || arr.Items.Count == 0)
            {
                _problems.Add(D.InvalidStructure, "\"Branches\" must be a non-empty array of state machines (objects with StartAt and States).", branches.Value);
                return state;
            }
            int i = 0;
            var baseName = NameAllocator.ToPascalCase(name);
            foreach (var item in arr.Items)
            {
                i++;
                if (item is not JsonObjectSyntax b) { _problems.Add(D.InvalidStructure, "Each branch must be an object with StartAt and States.", item); continue; }
                CheckFields(b, "a Parallel branch", BranchFields);
                CheckQueryLanguage(b);
                var block = ParseBlock(b, baseName + "Branch" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "the branch");
                if (block != null) state.Branches.Add(block);
            }
            return state;
        }

        private void ParseRetry(JsonObjectSyntax obj, StateModel state)
        {
            var p = obj.Find("Retry");
            if (p == null) return;
            if (p.Value is not JsonArraySyntax arr) { _problems.Add(D.InvalidStructure, "\"Retry\" must be an array of retriers.", p.Value); return; }
            for (int i = 0; i < arr.Items.Count; i++)
            {
                if (arr.Items[i] is not JsonObjectSyntax r) { _problems.Add(D.InvalidStructure, "A retrier must be an object.", arr.Items[i]); continue; }
                CheckFields(r, "a retrier", new[] { "ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment" });
                var model = new RetrierModel { ErrorEquals = ErrorEquals(r, out var errorsAt), ErrorEqualsAt = errorsAt, IsLast = i == arr.Items.Count - 1 };
                model.IntervalSecondsField = OptionalNumber(r, "IntervalSeconds");
                model.MaxAttemptsField = OptionalNumber(r, "MaxAttempts");
                model.BackoffRateField = OptionalNumber(r, "BackoffRate");
                model.MaxDelaySecondsField = OptionalNumber(r, "MaxDelaySeconds");
                model.FullJitter = OneOf(r, "JitterStrategy", "FULL", "NONE") == "FULL";
                state.Retry.Add(model);
            }
        }

        private void ParseCatch(JsonObjectSyntax obj, StateModel state)
        {
            var p = obj.Find("Catch");
            if (p == null) return;
            if (p.Value is not JsonArraySyntax arr) { _problems.Add(D.InvalidStructure, "\"Catch\" must be an array of catchers.", p.Value); return; }
            for (int i = 0; i < arr.Items.Count; i++)
            {
                if (arr.Items[i] is not JsonObjectSyntax c) { _problems.Add(D.InvalidStructure, "A catcher must be an object.", arr.Items[i]); continue; }
                CheckFields(c, "a catcher", _stateJsonata ? new[] { "ErrorEquals", "Next", "Output", "Comment", "Assign" } : new[] { "ErrorEquals", "Next", "ResultPath", "Comment", "Assign" });
                var model = new CatcherModel { ErrorEquals = ErrorEquals(c, out var errorsAt), ErrorEqualsAt = errorsAt, IsLast = i == arr.Items.Count - 1 };
                var next = OptionalString(c, "Next");
                if (next == null)
                {
                    _problems.Add(D.InvalidStructure, "A catcher needs \"Next\".", c);
                    state.CatchWithoutNext.Add(model);
                    continue;
                }
                model.Next = next;
                if (_stateJsonata) { if (c.Find("Output") is { } co) model.Output = ParseJsonataTemplate(co.Value, "Output"); }
                else model.ResultPath = OptionalPath(c, "ResultPath", PathKind.ResultPath, allowNull: true);
                model.Assign = ParseAssign(c);
                state.Catch.Add(model);
            }
        }

        /// <summary>The error names of a retrier or catcher (JSON shape checked here; States.ALL's place by RetryCatchRules).</summary>
        private List<string> ErrorEquals(JsonObjectSyntax obj, out SourceSpan at)
        {
            var list = new List<string>();
            at = default;
            var p = obj.Find("ErrorEquals");
            if (p == null) { _problems.Add(D.InvalidStructure, "\"ErrorEquals\" is required.", obj); return list; }
            if (p.Value is not JsonArraySyntax arr || arr.Items.Count == 0) { _problems.Add(D.InvalidValue, "\"ErrorEquals\" must be a non-empty array of error names.", p.Value); return list; }
            at = SourceSpan.Of(p.Value);
            foreach (var item in arr.Items)
            {
                if (item is JsonStringSyntax s) list.Add(s.Value);
                else _problems.Add(D.InvalidValue, "Error names must be strings.", item);
            }
            return list;
        }
    }
}
