using System;
using System.Linq;
using System.Collections.Generic;
using System.Collections.Immutable;
using StatesGen.Generator.Json;
using StatesGen.Generator.Model;
using StatesGen.Jsonata;
using D = StatesGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace StatesGen.Generator.Parsing
{
    /// <summary>
    /// JSONata states: QueryLanguage resolution, "{% %}" strings in templates, and build-time parsing of every
    /// expression (a syntax error is a located SG0012, never a run-time surprise). AWS rules: states take the
    /// machine's QueryLanguage unless they set their own (Parallel branches and Map processors inherit the
    /// machine's, not the parent state's); with JSONata at the top level no state may use JSONPath; an expression
    /// may not be just "$", "$$" or a bare field path at its top level (use $states.input).
    /// </summary>
    internal sealed partial class AslParser
    {
        private bool _machineJsonata;

        /// <summary>JSONata's own functions and the ones Step Functions adds: references to them are not variables.</summary>
        private static readonly HashSet<string> JsonataFunctions = new HashSet<string>(StringComparer.Ordinal)
        {
            "sum", "count", "max", "min", "average", "string", "substring", "substringBefore", "substringAfter", "lowercase",
            "uppercase", "length", "trim", "pad", "match", "contains", "replace", "split", "join", "formatNumber", "formatBase",
            "formatInteger", "parseInteger", "number", "floor", "ceil", "round", "abs", "sqrt", "power", "random", "boolean",
            "not", "map", "zip", "filter", "single", "reduce", "sift", "keys", "lookup", "append", "exists", "spread", "merge",
            "reverse", "each", "error", "assert", "sort", "shuffle", "distinct", "base64encode", "base64decode",
            "encodeUrlComponent", "encodeUrl", "decodeUrlComponent", "decodeUrl", "eval", "toMillis", "fromMillis", "clone",
            "now", "millis", "type",
            // Step Functions: https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
            "partition", "range", "hash", "uuid", "parse",
        };

        /// <summary>Reads the machine's QueryLanguage (before its states).</summary>
        private void ReadMachineQueryLanguage(JsonObjectSyntax obj)
        {
            _machineJsonata = obj.Find("QueryLanguage")?.Value is JsonStringSyntax { Value: "JSONata" };
        }

        /// <summary>The state's QueryLanguage: its own, else the machine's.</summary>
        private bool StateIsJsonata(JsonObjectSyntax obj)
        {
            var p = obj.Find("QueryLanguage");
            if (p?.Value is JsonStringSyntax { Value: "JSONata" }) return true;
            if (p?.Value is JsonStringSyntax { Value: "JSONPath" })
            {
                if (_machineJsonata)
                    _problems.Add(D.InvalidValue, "With \"QueryLanguage\": \"JSONata\" at the top level, no state can use JSONPath (AWS rejects the definition). Remove this QueryLanguage or the top-level one.", p.Value);
                return _machineJsonata;
            }
            return _machineJsonata;
        }

        private static bool IsExpressionString(string value) =>
            value.Length >= 4 && value.StartsWith("{%", StringComparison.Ordinal) && value.EndsWith("%}", StringComparison.Ordinal);

        /// <summary>
        /// A JSONata template (Arguments, Output, Assign values, Items, ItemSelector): any JSON value, where every string
        /// that is exactly "{% expr %}" is an expression; keys are literal (".$" means nothing here).
        /// </summary>
        private PayloadModel? ParseJsonataTemplate(JsonValueSyntax node, string field)
        {
            switch (node)
            {
                case JsonObjectSyntax obj:
                    {
                        var fields = ImmutableArray.CreateBuilder<PayloadField>();
                        foreach (var p in obj.Properties)
                        {
                            var value = ParseJsonataTemplate(p.Value, field + "/" + p.Name);
                            if (value != null) fields.Add(new PayloadField(p.Name, value));
                        }
                        return new PayloadObject(new EquatableArray<PayloadField>(fields.ToImmutable()));
                    }
                case JsonArraySyntax arr:
                    {
                        var items = ImmutableArray.CreateBuilder<PayloadModel>();
                        for (int i = 0; i < arr.Items.Count; i++)
                        {
                            var value = ParseJsonataTemplate(arr.Items[i], field + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                            if (value != null) items.Add(value);
                        }
                        return new PayloadArray(new EquatableArray<PayloadModel>(items.ToImmutable()));
                    }
                case JsonStringSyntax s when IsExpressionString(s.Value):
                    {
                        var expression = ParseJsonata(s, field);
                        return expression == null ? null : new PayloadJsonata(expression);
                    }
                default:
                    return new PayloadLiteral(SyntaxFacts.LiteralOf(node));
            }
        }

        /// <summary>A field that takes a literal of its own kind or a "{% %}" expression (Seconds, TimeoutSeconds, Error...).</summary>
        private JsonataModel? OptionalExpression(JsonObjectSyntax obj, string name)
        {
            var p = obj.Find(name);
            return p?.Value is JsonStringSyntax s && IsExpressionString(s.Value) ? ParseJsonata(s, name) : null;
        }

        /// <summary>Parses "{% expr %}" and checks it the way AWS does when the state machine is created.</summary>
        private JsonataModel? ParseJsonata(JsonStringSyntax s, string field)
        {
            var inner = s.Value.Substring(2, s.Value.Length - 4);
            var source = inner.Trim();
            // The expression's offset in the file, when the JSON string has no escapes (else the whole string is reported).
            bool exact = s.End - s.Start == s.Value.Length + 2;
            int innerStart = s.Start + 3 + (inner.Length - inner.TrimStart().Length);
            JsonataNode tree;
            if (source.Length == 0)
            {
                _problems.Add(D.InvalidJsonata, $"\"{field}\": the JSONata expression between {{% and %}} is empty.", s);
                return null;
            }
            try
            {
                tree = JsonataParser.Parse(source);
            }
            catch (StatesGen.Jsonata.JsonataException e)
            {
                var message = $"\"{field}\": invalid JSONata expression: {e.Code}: {e.Message}";
                if (exact && e.Position >= 0 && e.Position <= source.Length)
                {
                    // jsonata-js reports the position just after the offending token.
                    int tokenLength = e.Token == null || e.Token == "(end)" ? 1 : Math.Max(1, e.Token.Length);
                    int at = Math.Max(0, Math.Min(source.Length - 1, e.Position - tokenLength));
                    _problems.Add(D.InvalidJsonata, message, innerStart + at, 1);
                }
                else _problems.Add(D.InvalidJsonata, message, s);
                return null;
            }
            switch (tree.TopLevelForm)
            {
                case JsonataTopLevelForm.Context:
                case JsonataTopLevelForm.Root:
                    _problems.Add(D.InvalidJsonata, $"\"{field}\": Step Functions does not allow \"$\" or \"$$\" at the top level of a JSONata expression; use $states.input (or $states.context).", s);
                    return null;
                case JsonataTopLevelForm.FieldPath:
                    _problems.Add(D.InvalidJsonata, $"\"{field}\": a bare field name at the top level of a JSONata expression is not allowed by Step Functions; write $states.input.{source} instead.", s);
                    return null;
            }
            bool usesContext = false;
            var variables = ImmutableArray.CreateBuilder<VariableReference>();
            // Names the expression binds itself (:=, lambda parameters, @ and # bindings) are not workflow variables.
            var local = new HashSet<string>(StringComparer.Ordinal);
            foreach (var n in tree.DescendantsAndSelf())
            {
                if (n.Kind == JsonataNodeKind.Bind && n.Lhs?.Name != null) local.Add(n.Lhs.Name);
                if (n.Kind == JsonataNodeKind.Lambda && n.Parameters != null) foreach (var p in n.Parameters) local.Add(p);
                if (n.Focus != null) local.Add(n.Focus);
                if (n.Index != null) local.Add(n.Index);
                if (n.Stages != null) foreach (var st in n.Stages) if (st.IndexVariable != null) local.Add(st.IndexVariable);
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var v in tree.VariableReferences())
            {
                var name = v.Name ?? "";
                if (name == "states")
                {
                    usesContext |= source.IndexOf("context", StringComparison.Ordinal) >= 0 || !StatesAlwaysDotted(source);
                    continue;
                }
                if (name.Length == 0 || name == "$" || local.Contains(name) || !seen.Add(name)) continue;
                int start = exact ? innerStart + v.Position - name.Length - 1 : s.Start;
                int length = exact ? name.Length + 1 : s.End - s.Start;
                if (start < s.Start || start + length > s.End) { start = s.Start; length = s.End - s.Start; }
                // $sum is the function unless some state assigns a variable "sum" in scope (then it shadows it).
                variables.Add(Reference(name, start, length, silent: JsonataFunctions.Contains(name), inJsonata: true));
            }
            var model = new JsonataModel { Source = source, Field = field, Variables = new EquatableArray<VariableReference>(variables.ToImmutable()), UsesContext = usesContext };
            return WithPath(tree, model) with { Test = ClassifyTest(tree, model) };
        }

        private static readonly string[] Comparisons = { "=", "!=", "<", "<=", ">", ">=" };

        /// <summary>Recognizes tests made of path-versus-literal comparisons, and, or and $not(...).</summary>
        private static JsonataTest? ClassifyTest(JsonataNode node, JsonataModel owner)
        {
            if (node.Stages != null || node.Predicates != null || node.Group != null || node.KeepArray) return null;
            if (node.Kind == JsonataNodeKind.Binary && (node.Operator == "and" || node.Operator == "or"))
            {
                var left = ClassifyTest(node.Lhs!, owner);
                var right = left == null ? null : ClassifyTest(node.Rhs!, owner);
                return right == null ? null : new JsonataTest { Operator = node.Operator!, Left = left, Right = right };
            }
            if (node.Kind == JsonataNodeKind.Function && node.Procedure is { Kind: JsonataNodeKind.Variable, Name: "not" } && node.Arguments is { Count: 1 })
            {
                var inner = ClassifyTest(node.Arguments[0], owner);
                return inner == null ? null : new JsonataTest { Operator = "not", Left = inner };
            }
            if (node.Kind == JsonataNodeKind.Binary && Array.IndexOf(Comparisons, node.Operator) >= 0)
            {
                var op = node.Operator!;
                var (pathNode, literalNode) = (node.Lhs!, node.Rhs!);
                if (Literal(pathNode) != null) { (pathNode, literalNode) = (literalNode, pathNode); op = Mirror(op); }
                var literal = Literal(literalNode);
                if (literal == null) return null;
                var path = WithPath(pathNode, new JsonataModel { Source = owner.Source, Field = owner.Field, Variables = owner.Variables });
                if (path.PathNames == null) return null;
                return new JsonataTest { Operator = op, Path = path, LiteralJson = literal };
            }
            return null;
        }

        private static string Mirror(string op) => op switch { "<" => ">", "<=" => ">=", ">" => "<", ">=" => "<=", _ => op };

        /// <summary>A literal's JSON text: string, number, true, false, null; else null.</summary>
        private static string? Literal(JsonataNode node)
        {
            if (node.Stages != null || node.Predicates != null) return null;
            switch (node.Kind)
            {
                case JsonataNodeKind.String:
                    // Only strings JSON can carry as text (a lone surrogate cannot be parsed back): else the interpreter decides.
                    var value = node.StringValue ?? "";
                    for (int i = 0; i < value.Length; i++) if (char.IsSurrogate(value[i])) return null;
                    var sb = new System.Text.StringBuilder();
                    JsonStringSyntax.WriteQuoted(sb, value);
                    return sb.ToString();
                case JsonataNodeKind.Number:
                    return double.IsNaN(node.NumberValue) || double.IsInfinity(node.NumberValue) ? null : node.NumberValue.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                case JsonataNodeKind.Value:
                    return node.IsNull ? "null" : node.BooleanValue ? "true" : "false";
                default:
                    return null;
            }
        }

        /// <summary>Recognizes "$states.input.a.b" and "$var.a" (name steps only) for compiled reads: the model with its path, or as it is.</summary>
        private static JsonataModel WithPath(JsonataNode tree, JsonataModel model)
        {
            List<JsonataNode> steps;
            if (tree.Kind == JsonataNodeKind.Variable) steps = new List<JsonataNode> { tree };
            else if (tree.Kind == JsonataNodeKind.Path && tree.Steps != null && !tree.KeepSingletonArray && tree.Group == null && !tree.Tuple) steps = tree.Steps;
            else return model;
            foreach (var step in steps)
                if (step.Stages != null || step.Predicates != null || step.Group != null || step.Focus != null || step.Index != null || step.Tuple || step.KeepArray || step.Ancestor != null)
                    return model;
            var first = steps[0];
            if (first.Kind != JsonataNodeKind.Variable || string.IsNullOrEmpty(first.Name) || first.Name == "$") return model;
            var names = new List<string>();
            for (int i = 1; i < steps.Count; i++)
            {
                if (steps[i].Kind != JsonataNodeKind.Name || steps[i].Name == null) return model;
                names.Add(steps[i].Name!);
            }
            if (first.Name == "states")
            {
                if (names.Count == 0 || names[0] is not ("input" or "result" or "errorOutput" or "context")) return model;
                return model with { PathRoot = names[0], PathNames = EquatableArray.From(names.Skip(1)) };
            }
            var variable = model.Variables.FirstOrDefault(v => v.Name == first.Name);
            if (variable == null || variable.Silent) return model;
            return model with { PathVariable = variable, PathNames = EquatableArray.From(names) };
        }

        // "$states" followed by "." everywhere: only members are read, so the context is needed only if named.
        private static bool StatesAlwaysDotted(string source)
        {
            for (int i = source.IndexOf("$states", StringComparison.Ordinal); i >= 0; i = source.IndexOf("$states", i + 7, StringComparison.Ordinal))
            {
                int j = i + 7;
                while (j < source.Length && char.IsWhiteSpace(source[j])) j++;
                if (j >= source.Length || source[j] != '.') return false;
            }
            return true;
        }
    }
}
