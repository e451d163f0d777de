using System;
using System.Collections.Generic;
using System.Collections.Immutable;
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

        /// <summary>Reads the state that will be <paramref name="stateIndex"/> of block <paramref name="blockIndex"/> if it can be read.</summary>
        private StateModel? ParseState(JsonPropertySyntax p, int blockIndex, int stateIndex)
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
            // Its references and assignments name the state by its block and its index there.
            var (outerBlockIndex, outerStateIndex) = (_currentBlockIndex, _currentStateIndex);
            (_currentBlockIndex, _currentStateIndex) = (blockIndex, stateIndex);
            var state = ParseStateBody(obj, p, type);
            (_currentBlockIndex, _currentStateIndex) = (outerBlockIndex, outerStateIndex);
            _stateJsonata = outerJsonata;
            return state;
        }

        private StateModel ParseStateBody(JsonObjectSyntax obj, JsonPropertySyntax p, string type)
        {
            var name = p.Name;
            // The type's own fields first: nested blocks allocate their names before the state does.
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
            var identifier = _identifiers.Allocate(name);
            var method = type == "Pass" ? identifier : _identifiers.Allocate(identifier + "Async");
            var attemptMethod = _identifiers.Allocate(identifier + "AttemptAsync");
            var iterationMethod = type == "Map" ? _identifiers.Allocate(identifier + "IterationAsync") : "";
            var comment = OptionalString(obj, "Comment");
            PayloadModel? arguments = null, output = null, parameters = null, resultSelector = null;
            PathModel? inputPath = null, outputPath = null, resultPath = null;
            if (_stateJsonata)
            {
                if (obj.Find("Arguments") is { } argumentsField)
                {
                    if (type == "Task" && argumentsField.Value is not (JsonObjectSyntax or JsonStringSyntax))
                        _problems.Add(D.InvalidStructure, "\"Arguments\" must be a JSON object or a {% %} expression.", argumentsField.Value);
                    else arguments = ParseJsonataTemplate(argumentsField.Value, "Arguments");
                }
                if (obj.Find("Output") is { } outputField) output = ParseJsonataTemplate(outputField.Value, "Output");
            }
            else
            {
                inputPath = OptionalPath(obj, "InputPath", PathKind.AnyPath, allowNull: true);
                outputPath = OptionalPath(obj, "OutputPath", PathKind.AnyPath, allowNull: true);
            }
            if (!_stateJsonata && (type == "Pass" || type == "Task" || type == "Parallel" || type == "Map"))
            {
                resultPath = OptionalPath(obj, "ResultPath", PathKind.ResultPath, allowNull: true);
                if (obj.Find("Parameters") is { } parametersField) parameters = ParseTemplate(parametersField);
            }
            var retry = default(EquatableArray<RetrierModel>);
            var (catchers, catchersWithoutNext) = (default(EquatableArray<CatcherModel>), default(EquatableArray<CatcherModel>));
            if (type == "Task" || type == "Parallel" || type == "Map")
            {
                if (!_stateJsonata && obj.Find("ResultSelector") is { } rs) resultSelector = ParseTemplate(rs);
                retry = ParseRetry(obj);
                (catchers, catchersWithoutNext) = ParseCatch(obj);
            }
            var (next, end) = type != "Choice" && type != "Succeed" && type != "Fail" ? ParseFlow(obj, name) : (null, false);
            var assign = type != "Succeed" && type != "Fail" ? ParseAssign(obj) : null;
            state = state with
            {
                Name = name,
                Identifier = identifier,
                Method = method,
                // Without retriers the state is its single attempt: no extra method in between.
                AttemptMethod = retry.Count == 0 ? method : attemptMethod,
                IterationMethod = iterationMethod,
                Comment = comment,
                Span = SyntaxFacts.SpanOf(obj),
                KeyAt = SyntaxFacts.KeySpanOf(p),
                NextFields = NextFieldsOf(obj),
                Fields = SyntaxFacts.FieldsOf(obj),
                Next = next,
                End = end,
                InputPath = inputPath,
                OutputPath = outputPath,
                ResultPath = resultPath,
                Parameters = parameters,
                ResultSelector = resultSelector,
                Retry = retry,
                Catch = catchers,
                CatchWithoutNext = catchersWithoutNext,
                Assign = assign,
                IsJsonata = _stateJsonata,
                Arguments = arguments,
                Output = output,
            };
            if (state is TaskState task) _tasks.Add(task);
            return state;
        }

        private (string? Next, bool End) ParseFlow(JsonObjectSyntax obj, string name)
        {
            string? nextName = null;
            bool isEnd = false;
            var next = obj.Find("Next");
            var end = obj.Find("End");
            if (next != null)
            {
                if (next.Value is JsonStringSyntax s) nextName = s.Value;
                else _problems.Add(D.InvalidStructure, "\"Next\" must be a string naming a state.", next.Value);
            }
            if (end != null)
            {
                if (end.Value.Kind == JsonKind.True) isEnd = true;
                else _problems.Add(D.InvalidValue, "\"End\" may only be true; to continue, use \"Next\" instead.", end.Value);
            }
            if (next != null && end != null)
                _problems.Add(D.InvalidStructure, $"State \"{name}\" has both \"Next\" and \"End\"; keep exactly one.", end);
            else if (next == null && end == null)
                _problems.Add(D.InvalidStructure, $"State \"{name}\" needs \"Next\" or \"End\": true.", KeyOf(obj, "Type"));
            return (nextName, isEnd);
        }

        /// <summary>Every "Next" string inside a state's JSON, nested ones included, in document order.</summary>
        private static EquatableArray<TextField> NextFieldsOf(JsonValueSyntax node)
        {
            var found = ImmutableArray.CreateBuilder<TextField>();
            Collect(node);
            return new EquatableArray<TextField>(found.ToImmutable());

            void Collect(JsonValueSyntax n)
            {
                if (n is JsonObjectSyntax o)
                {
                    foreach (var p in o.Properties)
                    {
                        if (p.Name == "Next" && p.Value is JsonStringSyntax) found.Add(SyntaxFacts.TextOf(p));
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
                ? new PassState { Result = SyntaxFacts.LiteralOf(result), ResultLength = result.End - result.Start }
                : new PassState();

        private TaskState ParseTask(JsonObjectSyntax obj, string name)
        {
            var resource = OptionalString(obj, "Resource") ?? "";
            if (obj.Find("Resource") == null) _problems.Add(D.InvalidStructure, $"Task state \"{name}\" has no \"Resource\".", KeyOf(obj, "Type"));
            var handlerMethod = _handlerNames.Allocate(name, "Async");
            var timeoutExpression = _stateJsonata ? OptionalExpression(obj, "TimeoutSeconds") : null;
            var heartbeatExpression = _stateJsonata ? OptionalExpression(obj, "HeartbeatSeconds") : null;
            var timeoutSeconds = timeoutExpression == null ? OptionalNumber(obj, "TimeoutSeconds") : null;
            var timeoutSecondsPath = OptionalPath(obj, "TimeoutSecondsPath", PathKind.ReferencePath, false);
            var heartbeatSeconds = heartbeatExpression == null ? OptionalNumber(obj, "HeartbeatSeconds") : null;
            var heartbeatSecondsPath = OptionalPath(obj, "HeartbeatSecondsPath", PathKind.ReferencePath, false);
            var credentials = obj.Find("Credentials") is { } cred ? ParseCredentials(cred) : null;
            // A nested execution's machine, when the ARN is a constant (JSONPath "StateMachineArn", JSONata not {% %}):
            // the link step links it at build time.
            TextField? stateMachineArn = null;
            if (StateMachineArns.ModeOf(resource) != NestedMode.None
                && ((_stateJsonata ? obj["Arguments"] : obj["Parameters"]) as JsonObjectSyntax)?.Find("StateMachineArn") is { Value: JsonStringSyntax arn } arnField
                && !arn.Value.StartsWith("{%", System.StringComparison.Ordinal))
                stateMachineArn = SyntaxFacts.TextOf(arnField);
            return new TaskState
            {
                Resource = resource,
                HandlerMethod = handlerMethod,
                TimeoutSecondsExpression = timeoutExpression,
                HeartbeatSecondsExpression = heartbeatExpression,
                TimeoutSecondsField = timeoutSeconds,
                TimeoutSecondsPath = timeoutSecondsPath,
                HeartbeatSecondsField = heartbeatSeconds,
                HeartbeatSecondsPath = heartbeatSecondsPath,
                Credentials = credentials,
                StateMachineArn = stateMachineArn,
            };
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
            var secondsExpression = _stateJsonata ? OptionalExpression(obj, "Seconds") : null;
            var timestampExpression = _stateJsonata ? OptionalExpression(obj, "Timestamp") : null;
            return new WaitState
            {
                SecondsExpression = secondsExpression,
                TimestampExpression = timestampExpression,
                SecondsField = secondsExpression == null ? OptionalNumber(obj, "Seconds") : null,
                SecondsPath = obj.Find("SecondsPath") is not null ? OptionalPath(obj, "SecondsPath", PathKind.ReferencePath, false) : null,
                TimestampField = timestampExpression == null && obj.Find("Timestamp") is { } ts ? SyntaxFacts.TextOf(ts) : null,
                TimestampPath = obj.Find("TimestampPath") is not null ? OptionalPath(obj, "TimestampPath", PathKind.ReferencePath, false) : null,
            };
        }

        private FailState ParseFail(JsonObjectSyntax obj)
        {
            var errorExpression = _stateJsonata ? OptionalExpression(obj, "Error") : null;
            var causeExpression = _stateJsonata ? OptionalExpression(obj, "Cause") : null;
            return new FailState
            {
                ErrorExpression = errorExpression,
                CauseExpression = causeExpression,
                Error = errorExpression == null ? OptionalString(obj, "Error") : null,
                Cause = causeExpression == null ? OptionalString(obj, "Cause") : null,
                ErrorPath = obj.Find("ErrorPath") is { } ep ? ParseValueSource(ep.Value, "ErrorPath") : null,
                CausePath = obj.Find("CausePath") is { } cp ? ParseValueSource(cp.Value, "CausePath") : null,
            };
        }

        private ParallelState ParseParallel(JsonObjectSyntax obj, string name)
        {
            var branches = obj.Find("Branches");
            if (branches == null) { _problems.Add(D.InvalidStructure, $"Parallel state \"{name}\" has no \"Branches\".", KeyOf(obj, "Type")); return new ParallelState(); }
            if (branches.Value is not JsonArraySyntax arr || arr.Items.Count == 0)
            {
                _problems.Add(D.InvalidStructure, "\"Branches\" must be a non-empty array of state machines (objects with StartAt and States).", branches.Value);
                return new ParallelState();
            }
            var blocks = ImmutableArray.CreateBuilder<BlockModel>();
            int i = 0;
            var baseName = NameAllocator.ToPascalCase(name);
            foreach (var item in arr.Items)
            {
                i++;
                if (item is not JsonObjectSyntax b) { _problems.Add(D.InvalidStructure, "Each branch must be an object with StartAt and States.", item); continue; }
                CheckFields(b, "a Parallel branch", BranchFields);
                CheckQueryLanguage(b);
                var block = ParseBlock(b, baseName + "Branch" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "the branch");
                if (block != null) blocks.Add(block);
            }
            return new ParallelState { Branches = new EquatableArray<BlockModel>(blocks.ToImmutable()) };
        }

        private EquatableArray<RetrierModel> ParseRetry(JsonObjectSyntax obj)
        {
            var p = obj.Find("Retry");
            if (p == null) return default;
            if (p.Value is not JsonArraySyntax arr) { _problems.Add(D.InvalidStructure, "\"Retry\" must be an array of retriers.", p.Value); return default; }
            var retriers = ImmutableArray.CreateBuilder<RetrierModel>();
            for (int i = 0; i < arr.Items.Count; i++)
            {
                if (arr.Items[i] is not JsonObjectSyntax r) { _problems.Add(D.InvalidStructure, "A retrier must be an object.", arr.Items[i]); continue; }
                CheckFields(r, "a retrier", new[] { "ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment" });
                retriers.Add(new RetrierModel
                {
                    ErrorEquals = ErrorEquals(r, out var errorsAt),
                    ErrorEqualsAt = errorsAt,
                    IsLast = i == arr.Items.Count - 1,
                    IntervalSecondsField = OptionalNumber(r, "IntervalSeconds"),
                    MaxAttemptsField = OptionalNumber(r, "MaxAttempts"),
                    BackoffRateField = OptionalNumber(r, "BackoffRate"),
                    MaxDelaySecondsField = OptionalNumber(r, "MaxDelaySeconds"),
                    FullJitter = OneOf(r, "JitterStrategy", "FULL", "NONE") == "FULL",
                });
            }
            return new EquatableArray<RetrierModel>(retriers.ToImmutable());
        }

        /// <summary>The catchers, and apart from them those without a usable Next.</summary>
        private (EquatableArray<CatcherModel> Catch, EquatableArray<CatcherModel> WithoutNext) ParseCatch(JsonObjectSyntax obj)
        {
            var p = obj.Find("Catch");
            if (p == null) return default;
            if (p.Value is not JsonArraySyntax arr) { _problems.Add(D.InvalidStructure, "\"Catch\" must be an array of catchers.", p.Value); return default; }
            var catchers = ImmutableArray.CreateBuilder<CatcherModel>();
            var withoutNext = ImmutableArray.CreateBuilder<CatcherModel>();
            for (int i = 0; i < arr.Items.Count; i++)
            {
                if (arr.Items[i] is not JsonObjectSyntax c) { _problems.Add(D.InvalidStructure, "A catcher must be an object.", arr.Items[i]); continue; }
                CheckFields(c, "a catcher", _stateJsonata ? new[] { "ErrorEquals", "Next", "Output", "Comment", "Assign" } : new[] { "ErrorEquals", "Next", "ResultPath", "Comment", "Assign" });
                var catcher = new CatcherModel { ErrorEquals = ErrorEquals(c, out var errorsAt), ErrorEqualsAt = errorsAt, IsLast = i == arr.Items.Count - 1 };
                var next = OptionalString(c, "Next");
                if (next == null)
                {
                    _problems.Add(D.InvalidStructure, "A catcher needs \"Next\".", c);
                    withoutNext.Add(catcher);
                    continue;
                }
                PayloadModel? output = null;
                PathModel? resultPath = null;
                if (_stateJsonata) { if (c.Find("Output") is { } co) output = ParseJsonataTemplate(co.Value, "Output"); }
                else resultPath = OptionalPath(c, "ResultPath", PathKind.ResultPath, allowNull: true);
                catchers.Add(catcher with { Next = next, ResultPath = resultPath, Output = output, Assign = ParseAssign(c) });
            }
            return (new EquatableArray<CatcherModel>(catchers.ToImmutable()), new EquatableArray<CatcherModel>(withoutNext.ToImmutable()));
        }

        /// <summary>The error names of a retrier or catcher (JSON shape checked here; States.ALL's place by RetryCatchRules).</summary>
        private EquatableArray<string> ErrorEquals(JsonObjectSyntax obj, out SourceSpan at)
        {
            var names = ImmutableArray.CreateBuilder<string>();
            at = default;
            var p = obj.Find("ErrorEquals");
            if (p == null) { _problems.Add(D.InvalidStructure, "\"ErrorEquals\" is required.", obj); return default; }
            if (p.Value is not JsonArraySyntax arr || arr.Items.Count == 0) { _problems.Add(D.InvalidValue, "\"ErrorEquals\" must be a non-empty array of error names.", p.Value); return default; }
            at = SyntaxFacts.SpanOf(p.Value);
            foreach (var item in arr.Items)
            {
                if (item is JsonStringSyntax s) names.Add(s.Value);
                else _problems.Add(D.InvalidValue, "Error names must be strings.", item);
            }
            return new EquatableArray<string>(names.ToImmutable());
        }
    }
}
