using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using StatesGen.Generator.Json;
using StatesGen.Generator.Model;
using D = StatesGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace StatesGen.Generator.Parsing
{
    internal enum PathKind
    {
        /// <summary>InputPath, OutputPath, `.$` values: any JSONPath, definite or not, and context paths.</summary>
        AnyPath,
        /// <summary>ItemsPath, *Path fields, Choice Variable: a Reference Path that selects a single node.</summary>
        ReferencePath,
        /// <summary>ResultPath: a Reference Path into the state input, never the context object.</summary>
        ResultPath,
        /// <summary>
        /// The number *Path fields of a Map (MaxConcurrencyPath, ToleratedFailure*Path, ItemBatcher and ReaderConfig
        /// limits): a Reference Path into the state input or a variable, never the context object. AWS rejects
        /// "$$.Execution.Input.n" there with "Value is not a Reference Path"; only ItemsPath accepts the context object
        /// (https://github.com/floci-io/floci/issues/3733, checked against AWS in us-east-1).
        /// </summary>
        InputReferencePath,
    }

    internal sealed partial class AslParser
    {
        private PathModel? OptionalPath(JsonObjectSyntax obj, string name, PathKind kind, bool allowNull)
        {
            var p = obj.Find(name);
            if (p == null) return null;
            if (p.Value.Kind == JsonKind.Null)
            {
                if (allowNull) return PathModel.Null;
                _problems.Add(D.InvalidPath, $"\"{name}\" cannot be null.", p.Value);
                return null;
            }
            if (p.Value is not JsonStringSyntax s) { _problems.Add(D.InvalidPath, $"\"{name}\" must be a JSONPath string such as \"$.field\".", p.Value); return null; }
            return ParsePath(s.Value, s, name, kind);
        }

        private PathModel? ParsePath(string text, JsonValueSyntax at, string field, PathKind kind, int offsetInValue = -1)
        {
            VariableReference? variable = null;
            var pathText = text;
            if (text.StartsWith("$", StringComparison.Ordinal) && text.Length > 1 && text[1] != '.' && text[1] != '[' && text[1] != '$')
            {
                // "$name.rest": a variable, then an ordinary path into its value.
                int end = 1;
                while (end < text.Length && text[end] != '.' && text[end] != '[') end++;
                var name = text.Substring(1, end - 1);
                if (kind == PathKind.ResultPath)
                {
                    _problems.Add(D.InvalidPath, $"\"{field}\" writes into the state output and cannot name a variable (\"{text}\"); assign variables with \"Assign\".", at);
                    return null;
                }
                if (!CheckVariableName(name, at, "reference")) return null;
                variable = Reference(name, at);
                pathText = "$" + text.Substring(end);
            }
            if (!JsonPathCheck.TryCheck(pathText, out var error, out var errorOffset, out var isDefinite, out var isReference, out var parsed))
            {
                _problems.Add(D.InvalidPath, $"\"{field}\": invalid JSONPath \"{text}\": {error}", at);
                return null;
            }
            bool isContext = text.StartsWith("$$", StringComparison.Ordinal);
            if (kind == PathKind.ResultPath && isContext)
            {
                _problems.Add(D.InvalidPath, $"\"{field}\" cannot write into the context object (\"$$\").", at);
                return null;
            }
            if (kind == PathKind.InputReferencePath && isContext)
            {
                _problems.Add(D.InvalidPath, $"\"{field}\" must be a Reference Path into the state input (or a variable); the context object (\"{text}\") is not allowed here.", at);
                return null;
            }
            if (kind != PathKind.AnyPath && !isReference)
            {
                _problems.Add(D.InvalidPath, $"\"{field}\" must be a Reference Path (only '.name', '['name']' and '[index]' steps; no wildcards, filters, slices or unions): \"{text}\".", at);
                return null;
            }
            return new PathModel { Text = text, Parsed = parsed, Variable = variable };
        }

        /// <summary>A payload template field (Parameters, ResultSelector, ItemSelector, Credentials): spec "MUST be a JSON object".</summary>
        private PayloadModel? ParseTemplate(JsonPropertySyntax field)
        {
            if (field.Value is JsonObjectSyntax) return ParsePayload(field.Value, field.Name);
            _problems.Add(D.InvalidStructure, $"\"{field.Name}\" must be a JSON object (a payload template).", field.Value);
            return null;
        }

        /// <summary>Reads a payload template: keys ending in ".$" take a path, context path or intrinsic call.</summary>
        private PayloadModel ParsePayload(JsonValueSyntax node, string field)
        {
            switch (node)
            {
                case JsonObjectSyntax obj:
                    {
                        var fields = ImmutableArray.CreateBuilder<PayloadField>();
                        var keys = new HashSet<string>(StringComparer.Ordinal);
                        foreach (var p in obj.Properties)
                        {
                            if (p.Name.EndsWith(".$", StringComparison.Ordinal) && p.Name.Length > 2)
                            {
                                var key = p.Name.Substring(0, p.Name.Length - 2);
                                if (!keys.Add(key)) { _problems.Add(D.InvalidStructure, $"\"{key}\" and \"{p.Name}\" cannot both appear in one object.", p); continue; }
                                if (p.Value is not JsonStringSyntax s)
                                {
                                    _problems.Add(D.InvalidValue, $"The value of \"{p.Name}\" must be a string holding a path or an intrinsic function call.", p.Value);
                                    continue;
                                }
                                var source = ParseValueSource(s, p.Name);
                                if (source != null) fields.Add(new PayloadField(key, new PayloadDynamic(source, p.Name)));
                            }
                            else
                            {
                                if (!keys.Add(p.Name)) { _problems.Add(D.InvalidStructure, $"\"{p.Name}\" and \"{p.Name}.$\" cannot both appear in one object.", p); continue; }
                                fields.Add(new PayloadField(p.Name, ParsePayload(p.Value, field)));
                            }
                        }
                        return new PayloadObject(new EquatableArray<PayloadField>(fields.ToImmutable()));
                    }
                case JsonArraySyntax arr:
                    {
                        var items = ImmutableArray.CreateBuilder<PayloadModel>(arr.Items.Count);
                        foreach (var item in arr.Items) items.Add(ParsePayload(item, field));
                        return new PayloadArray(new EquatableArray<PayloadModel>(items.MoveToImmutable()));
                    }
                default:
                    if (node is JsonStringSyntax str && (str.Value == "$" || str.Value.StartsWith("$.", StringComparison.Ordinal) || str.Value.StartsWith("$$.", StringComparison.Ordinal) || str.Value.StartsWith("States.", StringComparison.Ordinal) && str.Value.EndsWith(")", StringComparison.Ordinal)))
                        _problems.Add(D.PathWithoutDollarKey, $"\"{str.Value}\" looks like a path or intrinsic call but is passed on as a literal string, because its key does not end in \".$\".", str);
                    return new PayloadLiteral(SyntaxFacts.LiteralOf(node));
            }
        }

        /// <summary>A string value that is a path, a context path, or an intrinsic call (".$" fields, ErrorPath, CausePath).</summary>
        private ValueSource? ParseValueSource(JsonValueSyntax node, string field)
        {
            if (node is not JsonStringSyntax s) { _problems.Add(D.InvalidValue, $"\"{field}\" must be a string.", node); return null; }
            var text = s.Value;
            if (text.StartsWith("$", StringComparison.Ordinal))
            {
                var path = ParsePath(text, s, field, PathKind.AnyPath);
                return path == null ? null : new ValueSource(path, null);
            }
            if (text.StartsWith("States.", StringComparison.Ordinal))
            {
                var call = IntrinsicParser.Parse(text, out var error, out var errorOffset);
                if (call == null) { _problems.Add(D.InvalidIntrinsic, $"\"{field}\": {error}", s); return null; }
                var checkedCall = WithCheckedPaths(call, s, field);
                return checkedCall == null ? null : new ValueSource(null, checkedCall);
            }
            _problems.Add(D.InvalidValue, $"\"{field}\" must hold a JSONPath (starting with '$'), a context path ('$$') or an intrinsic function call ('States.Format(...)'); found \"{text}\".", s);
            return null;
        }

        /// <summary>The call with its path arguments checked and parsed (variables included); null when one is invalid.</summary>
        private IntrinsicCall? WithCheckedPaths(IntrinsicCall call, JsonValueSyntax at, string field)
        {
            bool ok = true;
            var args = ImmutableArray.CreateBuilder<IntrinsicArg>(call.Args.Count);
            foreach (var arg in call.Args)
            {
                var checkedArg = arg;
                if (arg.Call != null)
                {
                    var inner = WithCheckedPaths(arg.Call, at, field);
                    if (inner == null) ok = false;
                    else checkedArg = arg with { Call = inner };
                }
                else if (arg.Path != null)
                {
                    var checkedPath = ParsePath(arg.Path.Text, at, field, PathKind.AnyPath);
                    if (checkedPath == null) ok = false;
                    else checkedArg = arg with { Path = checkedPath };
                }
                args.Add(checkedArg);
            }
            return ok ? call with { Args = new EquatableArray<IntrinsicArg>(args.MoveToImmutable()) } : null;
        }
    }
}
