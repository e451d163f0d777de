using System.Collections.Generic;
using System.Globalization;
using System.Text;
using StatesGen.Generator.Model;
using StatesGen.Generator.Parsing;
using System.Linq;

namespace StatesGen.Generator.Emit
{
    /// <summary>
    /// Turns paths, payload templates, intrinsic calls and Choice rules into C# expressions. Everything that can be
    /// decided at build time is: definite paths become direct property/index access, templates become object
    /// construction, intrinsic arguments are split and typed. Only paths with wildcards or filters stay dynamic.
    /// </summary>
    internal sealed class ExpressionEmitter
    {
        private const string JsonRt = "global::StatesGen.CompilerServices.Json";
        private readonly List<string> _fields;
        private readonly StateMachineModel _machine;

        public ExpressionEmitter(List<string> staticFields, StateMachineModel machine) { _fields = staticFields; _machine = machine; }

        /// <summary>The local holding the JSONata bindings ($states, variables) of the phase being emitted.</summary>
        public string JsonataScope { get; set; } = "states";

        private readonly Dictionary<string, string> _jsonataFields = new Dictionary<string, string>(System.StringComparer.Ordinal);

        /// <summary>The static field holding a parsed JSONata expression (one per distinct text, parsed once per class).</summary>
        public string Jsonata(JsonataModel expression)
        {
            if (_jsonataFields.TryGetValue(expression.Source, out var name)) return name;
            name = Field("global::StatesGen.Jsonata.JsonataExpression", $"global::StatesGen.Jsonata.JsonataExpression.Parse({Literals.String(expression.Source)})",
                Names.Hint(expression.Field) + "Expression");
            _jsonataFields.Add(expression.Source, name);
            return name;
        }

        /// <summary>
        /// One {% %} expression's value in the current phase's scope: a compiled read for a plain path (the scope falls
        /// back to the interpreter when the data holds an array on the way), the interpreter otherwise. A compiled read
        /// copies what it finds, unless <paramref name="readOnly"/>: a value that is only read (a Map's Items) is borrowed.
        /// </summary>
        public string JsonataValue(JsonataModel e, bool readOnly = false)
        {
            var expression = Jsonata(e);
            var field = Literals.String(e.Field);
            if (e.PathNames == null || (e.PathRoot == null && (e.PathVariable == null || _machine.BindingOf(e.PathVariable).Depth < 0)))
                return $"{JsonataScope}.Evaluate({expression}, {field})";
            var (root, names) = PathParts(e);
            return $"{JsonataScope}.{(readOnly ? "Borrow" : "Path")}({expression}, {field}, {root}, {names})";
        }

        /// <summary>
        /// A Choice Condition: a compiled test when the generator could build one (null from the test means "cannot tell
        /// without the interpreter", e.g. an array on the path or a type JSONata would reject), else the interpreter.
        /// </summary>
        public string JsonataCondition(JsonataModel e)
        {
            var interpreted = $"x.JsonataCondition({JsonataScope}.Evaluate({Jsonata(e)}, {Literals.String(e.Field)}))";
            return e.Test == null ? interpreted : $"({Test(e.Test)} ?? {interpreted})";
        }

        /// <summary>The root node and the name steps of a compiled JSONata path ($states member or variable).</summary>
        private (string Root, string Names) PathParts(JsonataModel e)
        {
            var root = e.PathVariable != null ? Variable(e.PathVariable) : $"{JsonataScope}.{char.ToUpperInvariant(e.PathRoot![0])}{e.PathRoot.Substring(1)}";
            var pathNames = e.PathNames!.Value;
            var names = pathNames.Count == 0 ? "global::System.Array.Empty<string>()"
                : Field("string[]", "new string[] { " + string.Join(", ", pathNames.Select(Literals.String)) + " }",
                    Names.Hint(string.Join(" ", pathNames)) + "Names");
            return (root, names);
        }

        private string Test(JsonataTest t)
        {
            const string Scope = "global::StatesGen.CompilerServices.JsonataScope";
            switch (t.Operator)
            {
                case "and": return $"{Scope}.And({Test(t.Left!)}, {Test(t.Right!)})";
                case "or": return $"{Scope}.Or({Test(t.Left!)}, {Test(t.Right!)})";
                case "not": return $"{Scope}.Not({Test(t.Left!)})";
            }
            var p = t.Path!;
            var (root, names) = PathParts(p);
            var literal = Field("global::System.Text.Json.Nodes.JsonNode?", $"global::System.Text.Json.Nodes.JsonNode.Parse({Literals.String(t.LiteralJson!)})",
                "literal" + Names.Suffix(t.LiteralJson!));
            int op = System.Array.IndexOf(new[] { "=", "!=", "<", "<=", ">", ">=" }, t.Operator);
            return $"{Scope}.Compare({root}, {names}, {op.ToString(CultureInfo.InvariantCulture)}, {literal})";
        }

        /// <summary>Whether any emitted expression reads the context object ($$).</summary>
        public bool ReadsContext { get; set; }

        /// <summary>
        /// Declares a static readonly field named after what it holds (<c>s_</c> and <paramref name="hint"/>, numbered
        /// when taken) and returns its name; an identical field already declared is shared instead.
        /// </summary>
        public string Field(string type, string initializer, string hint)
        {
            var declaration = type + " = " + initializer;
            if (_fieldsByDeclaration.TryGetValue(declaration, out var existing)) return existing;
            var name = "s_" + (hint.Length == 0 ? "value" : hint);
            if (!_fieldNames.Add(name))
            {
                int n = 2;
                while (!_fieldNames.Add(name + n.ToString(CultureInfo.InvariantCulture))) n++;
                name += n.ToString(CultureInfo.InvariantCulture);
            }
            _fieldsByDeclaration.Add(declaration, name);
            _fields.Add($"private static readonly {type} {name} = {initializer};");
            return name;
        }

        private readonly Dictionary<string, string> _fieldsByDeclaration = new Dictionary<string, string>(System.StringComparer.Ordinal);
        private readonly HashSet<string> _fieldNames = new HashSet<string>(System.StringComparer.Ordinal) { "s_machine" };

        /// <summary>
        /// Selects a path that must match (InputPath, OutputPath, ".$" fields, *Path fields). A definite path that
        /// matches nothing fails with States.Runtime, as AWS does.
        /// </summary>
        public string Select(PathModel path, string root, ContextSource context, string field)
        {
            if (path.IsRoot) return root;
            ReadsContext |= path.IsContext;
            var source = path.Variable != null ? Variable(path.Variable) : path.IsContext ? context.Expression : root;
            var steps = path.Parsed;
            if (steps != null && steps.Items.Count == 0)
                return path.Variable != null ? $"{JsonRt}.Require({source}, x, {Literals.String(field)}, {Literals.String(path.Text)}, {Literals.String(path.Text)})" : source;
            if (steps != null)
            {
                // Paths on the state input pass their root too, for AWS's "Missing property in path" cause.
                var rootArgument = steps.IsContext || steps.Items.Count < 2 || path.Variable != null ? "" : source + ", ";
                return $"{JsonRt}.Require({Get(steps, source, context)}, {rootArgument}x, {Literals.String(field)}, {Literals.String(path.Text)}, {Literals.String(steps.Normalized)})";
            }
            var compiled = Field("global::StatesGen.CompilerServices.JsonPath", $"global::StatesGen.CompilerServices.JsonPath.Compile({Literals.String(path.Relative)})",
                "path" + Names.Suffix(path.Relative));
            return $"{JsonRt}.Select({compiled}, {source}, x, {Literals.String(field)})";
        }

        /// <summary>Looks a path up without failing: yields Json.Missing when it matches nothing (Choice Is* tests).</summary>
        public string Lookup(PathModel path, string root, ContextSource context)
        {
            if (path.IsRoot) return root;
            ReadsContext |= path.IsContext;
            var source = path.Variable != null ? Variable(path.Variable) : path.IsContext ? context.Expression : root;
            if (path.Parsed is PathSteps steps) return Get(steps, source, context);
            var compiled = Field("global::StatesGen.CompilerServices.JsonPath", $"global::StatesGen.CompilerServices.JsonPath.Compile({Literals.String(path.Relative)})",
                "path" + Names.Suffix(path.Relative));
            return $"{JsonRt}.Lookup({compiled}, {source})";
        }

        /// <summary>A variable's value in its scope (Json.Missing while unassigned); read-only, never attach it.</summary>
        public string Variable(VariableReference v)
            => _machine.BindingOf(v) is { Depth: >= 0 } b ? $"x.Variable({b.Depth.ToString(CultureInfo.InvariantCulture)}, {b.Slot.ToString(CultureInfo.InvariantCulture)})" : $"{JsonRt}.Missing";

        private static string Get(PathSteps steps, string source, ContextSource context)
        {
            var expr = source;
            int first = 0;
            if (steps.IsContext) (expr, first) = ContextMember(steps, context);
            for (int i = first; i < steps.Items.Count; i++)
            {
                var step = steps.Items[i];
                expr = step is int index ? $"{JsonRt}.Get({expr}, {index.ToString(CultureInfo.InvariantCulture)})" : $"{JsonRt}.Get({expr}, {Literals.String((string)step)})";
            }
            return expr;
        }

        /// <summary>
        /// A definite path into the context object, read from the member it names: <c>$$.Execution.Input</c> and
        /// <c>$$.Map.Item.Value</c> in place (a reader copies only what it selects), single values such as
        /// <c>$$.State.Name</c> or <c>$$.Task.Token</c> directly. Only a path that selects a whole group (<c>$$</c>,
        /// <c>$$.Execution</c>) builds the context object. Returns the C# to start from and the steps it consumed.
        /// </summary>
        private static (string Expression, int Consumed) ContextMember(PathSteps steps, ContextSource context)
        {
            var items = steps.Items;
            string? group = items.Count > 0 ? items[0] as string : null;
            string? member = items.Count > 1 ? items[1] as string : null;
            const string Field = "global::StatesGen.CompilerServices.ContextField.";
            switch (group, member)
            {
                case ("Execution", "Input"): return ("x.ExecutionInput", 2);
                case ("Execution", "Id" or "Name" or "RoleArn" or "StartTime" or "RedriveCount"):
                case ("StateMachine", "Id" or "Name"):
                case ("State", "Name" or "EnteredTime"):
                    return ($"x.ContextValue({Field}{group}{member})", 2);
                case ("State", "RetryCount"): return ($"x.StateRetryCount({context.RetryCount})", 2);
                case ("Task", "Token"): return (context.TaskToken == null ? $"{JsonRt}.Missing" : $"{JsonRt}.String({context.TaskToken})", 2);
                case ("Task", _): if (context.TaskToken == null) return ($"{JsonRt}.Missing", 1); break;
                case ("Map", _) when !context.IsMapItem: return ($"{JsonRt}.Missing", 1);
                case ("Map", "Item") when items.Count > 2 && items[2] is "Value": return ("item", 3);
                case ("Map", "Item") when items.Count > 2 && items[2] is "Index": return ($"{JsonRt}.Number((long)index)", 3);
            }
            return (context.Expression, 0);
        }

        /// <summary>InputPath or OutputPath: absent is "$", null gives {}.</summary>
        public string FilterPath(PathModel? path, string value, string field)
        {
            if (path == null || path.IsRoot) return value;
            if (path.IsNull) return "new global::System.Text.Json.Nodes.JsonObject()";
            // A variable's value belongs to the variable: the state data gets its own copy to change.
            if (path.Variable != null) return $"{JsonRt}.Copy({Select(path, value, ContextSource.State(), field)})";
            return Select(path, value, ContextSource.State(), field);
        }

        /// <summary>ResultPath: absent is "$" (the result replaces the input), null discards the result.</summary>
        public string ApplyResultPath(PathModel? path, string rawInput, string result)
        {
            if (path == null || path.IsRoot) return result;
            if (path.IsNull) return rawInput;
            var steps = path.Parsed;
            var sb = new StringBuilder("new object[] { ");
            if (steps != null)
            {
                for (int i = 0; i < steps.Items.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    sb.Append(steps.Items[i] is int n ? n.ToString(CultureInfo.InvariantCulture) : Literals.String((string)steps.Items[i]));
                }
            }
            sb.Append(" }");
            var field = Field("object[]", sb.ToString(), "resultPath" + Names.Suffix(path.Text));
            return $"{JsonRt}.WithResult({rawInput}, {result}, {field}, x, {Literals.String(path.Text)})";
        }

        /// <summary>Builds a payload template; `.$` values are copied so the new tree owns its nodes.</summary>
        public string Payload(PayloadModel payload, string root, ContextSource context)
        {
            switch (payload)
            {
                case PayloadObject o:
                    {
                        if (o.Fields.Count == 0) return "new global::System.Text.Json.Nodes.JsonObject()";
                        var sb = new StringBuilder("new global::System.Text.Json.Nodes.JsonObject { ");
                        for (int i = 0; i < o.Fields.Count; i++)
                        {
                            if (i > 0) sb.Append(", ");
                            sb.Append('[').Append(Literals.String(o.Fields[i].Key)).Append("] = ").Append(Payload(o.Fields[i].Value, root, context));
                        }
                        return sb.Append(" }").ToString();
                    }
                case PayloadArray a:
                    {
                        if (a.Items.Count == 0) return "new global::System.Text.Json.Nodes.JsonArray()";
                        var sb = new StringBuilder("new global::System.Text.Json.Nodes.JsonArray(");
                        for (int i = 0; i < a.Items.Count; i++) { if (i > 0) sb.Append(", "); sb.Append(Payload(a.Items[i], root, context)); }
                        return sb.Append(')').ToString();
                    }
                case PayloadLiteral l: return Literals.Json(l.Value);
                case PayloadJsonata j: return JsonataValue(j.Expression);
                case PayloadDynamic d:
                    if (d.Source.Path == null) return Intrinsic(d.Source.Intrinsic!, root, context, d.FieldName);
                    // A value the state's input will not need again is moved into the new tree instead of copied: taken out of
                    // its parent by key or index (known here), so no search for it.
                    if (Movable != null && Movable.Contains(d) && d.Source.Path.Parsed is PathSteps { Items.Count: > 0 } steps)
                    {
                        var parent = Get(steps.Parent, root, context);
                        var last = steps.Items[steps.Items.Count - 1];
                        var key = last is int index ? index.ToString(CultureInfo.InvariantCulture) : Literals.String((string)last);
                        return $"{JsonRt}.Move({Select(d.Source.Path, root, context, d.FieldName)}, {parent}, {key})";
                    }
                    return $"{JsonRt}.Copy({Select(d.Source.Path, root, context, d.FieldName)})";
                default: return "null";
            }
        }

        /// <summary>The `.$` fields of the template being emitted whose value may be moved out of the input (see <see cref="MovableFields"/>).</summary>
        public HashSet<PayloadDynamic>? Movable { get; set; }

        /// <summary>
        /// The `.$` fields of a template that may take their node out of the state input instead of copying it: used only
        /// where the input is dropped once the template is built (ResultPath "$", no Retry or Catch to run it again), for
        /// definite paths into the input that no later path of the template overlaps (same node, ancestor or descendant).
        /// </summary>
        public static HashSet<PayloadDynamic> MovableFields(PayloadModel template)
        {
            var all = new List<(PayloadDynamic? Field, IReadOnlyList<object> Steps)>();
            bool opaque = false;
            void Walk(PayloadModel p)
            {
                switch (p)
                {
                    case PayloadObject o: foreach (var f in o.Fields) Walk(f.Value); break;
                    case PayloadArray a: foreach (var i in a.Items) Walk(i); break;
                    case PayloadDynamic d when d.Source.Path != null: AddPath(d, d.Source.Path); break;
                    case PayloadDynamic d: AddCall(d.Source.Intrinsic!); break;
                }
            }
            void AddCall(IntrinsicCall call)
            {
                foreach (var arg in call.Args)
                {
                    if (arg.Call != null) AddCall(arg.Call);
                    else if (arg.Path != null) AddPath(null, arg.Path);
                }
            }
            void AddPath(PayloadDynamic? field, PathModel path)
            {
                if (path.IsContext || path.Variable != null) return;
                if (path.IsRoot) { all.Add((field, System.Array.Empty<object>())); return; }
                if (path.Parsed is PathSteps steps) all.Add((field, steps.Items));
                else opaque = true; // a wildcard or filter may read anything
            }
            Walk(template);
            var movable = new HashSet<PayloadDynamic>(ReferenceComparer<PayloadDynamic>.Instance);
            if (opaque) return movable;
            for (int i = 0; i < all.Count; i++)
            {
                if (all[i].Field == null) continue;
                // Reads before this one are done when it is moved (a template is built in the order it is written, and every
                // read copies or converts what it takes); only a later read of the same node, an ancestor or a descendant
                // would miss it.
                bool overlaps = false;
                for (int j = i + 1; j < all.Count && !overlaps; j++)
                    if (IsPrefix(all[i].Steps, all[j].Steps) || IsPrefix(all[j].Steps, all[i].Steps)) overlaps = true;
                if (!overlaps) movable.Add(all[i].Field!);
            }
            return movable;
        }

        private static bool IsPrefix(IReadOnlyList<object> a, IReadOnlyList<object> b)
        {
            if (a.Count > b.Count) return false;
            for (int i = 0; i < a.Count; i++) if (!Equals(a[i], b[i])) return false;
            return true;
        }

        /// <summary>Whether a template reads the context object, so the emitter only builds it when needed.</summary>
        public static bool UsesContext(PayloadModel? payload)
        {
            switch (payload)
            {
                case PayloadObject o: foreach (var f in o.Fields) if (UsesContext(f.Value)) return true; return false;
                case PayloadArray a: foreach (var i in a.Items) if (UsesContext(i)) return true; return false;
                case PayloadDynamic d: return d.Source.Path != null ? d.Source.Path.IsContext : UsesContext(d.Source.Intrinsic!);
                default: return false;
            }
        }

        public static bool UsesContext(IntrinsicCall call)
        {
            foreach (var a in call.Args)
                if ((a.Path != null && a.Path.IsContext) || (a.Call != null && UsesContext(a.Call))) return true;
            return false;
        }

        public string Intrinsic(IntrinsicCall call, string root, ContextSource context, string field)
        {
            var name = call.Name.Substring("States.".Length);
            var args = new List<string>();
            if (name == "Format" && call.Args[0].StringValue != null && call.Args[0].LiteralJson != null)
            {
                var parts = IntrinsicParser.SplitFormat(call.Args[0].LiteralJson!);
                var sb = new StringBuilder("new string[] { ");
                for (int i = 0; i < parts.Count; i++) { if (i > 0) sb.Append(", "); sb.Append(Literals.String(parts[i])); }
                args.Add(Field("string[]", sb.Append(" }").ToString(), "format" + Names.Suffix(call.Args[0].StringValue!)));
                for (int i = 1; i < call.Args.Count; i++) args.Add(Argument(call.Args[i], root, context, field));
                return $"global::StatesGen.CompilerServices.Intrinsics.FormatParsed({string.Join(", ", args)})";
            }
            foreach (var a in call.Args) args.Add(Argument(a, root, context, field));
            if (name == "MathRandom" && call.Args.Count == 2) args.Add("x.Random");
            if (name == "UUID") args.Add("x");
            return $"global::StatesGen.CompilerServices.Intrinsics.{name}({string.Join(", ", args)})";
        }

        private string Argument(IntrinsicArg a, string root, ContextSource context, string field)
        {
            if (a.Call != null) return Intrinsic(a.Call, root, context, field);
            if (a.Path != null) return Select(a.Path, root, context, field);
            // Intrinsics never change or attach their arguments, so a literal is built once per class, not per call.
            const string Node = "global::System.Text.Json.Nodes.JsonNode";
            if (a.StringValue != null) return Field(Node, $"{JsonRt}.String({Literals.String(a.StringValue)})", "string" + Names.Suffix(a.StringValue));
            if (a.IsNumber) return Field(Node, $"{JsonRt}.Number({NumberLiteral(a.LiteralJson!)})", "number" + Names.Suffix(a.LiteralJson!));
            return a.LiteralJson switch
            {
                "true" => Field(Node, $"{JsonRt}.Boolean(true)", "true"),
                "false" => Field(Node, $"{JsonRt}.Boolean(false)", "false"),
                _ => "(global::System.Text.Json.Nodes.JsonNode?)null",
            };
        }

        private static string NumberLiteral(string text)
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l.ToString(CultureInfo.InvariantCulture) + "L";
            if (text.IndexOfAny(new[] { 'e', 'E' }) < 0 && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d.ToString(CultureInfo.InvariantCulture) + "m";
            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture) + "d";
        }
    }
}
