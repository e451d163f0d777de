using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json.Nodes;
using StatesGen.Jsonata;

namespace StatesGen.CompilerServices
{
    /// <summary>
    /// What the JSONata expressions of one evaluation phase of a state see: <c>$states</c> (input, result or error
    /// output, context) and the workflow variables they read. Plain paths compiled by the generator
    /// (<c>$states.input.a.b</c>, <c>$var.a</c>) read the JSON directly through <see cref="Path"/>; the interpreter's
    /// bindings are built only when some expression of the phase needs the interpreter.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class JsonataScope
    {
        private readonly Execution _x;
        private string? _extraName;
        private List<(string Name, int Depth, int Slot)>? _variables;
        private JsonataBindings? _bindings;

        internal JsonataScope(Execution x) { _x = x; }

        /// <summary>
        /// Makes this the scope of a new phase. One execution path evaluates one phase at a time (Map iterations and
        /// Parallel branches have paths of their own), so each path keeps one scope and reuses it.
        /// </summary>
        internal JsonataScope Reset(JsonNode? input, JsonNode? context, string? extraName, JsonNode? result, JsonNode? errorOutput)
        {
            Input = input;
            Context = context ?? Json.Missing;
            _extraName = extraName;
            Result = result;
            ErrorOutput = errorOutput;
            _variables?.Clear();
            _bindings = null;
            return this;
        }

        /// <summary><c>$states.input</c>.</summary>
        public JsonNode? Input { get; private set; }

        /// <summary><c>$states.result</c>, or <see cref="Json.Missing"/> where there is none.</summary>
        public JsonNode? Result { get; private set; }

        /// <summary><c>$states.errorOutput</c>, or <see cref="Json.Missing"/> outside a catcher.</summary>
        public JsonNode? ErrorOutput { get; private set; }

        /// <summary><c>$states.context</c>, or <see cref="Json.Missing"/> when no expression of the phase reads it.</summary>
        public JsonNode? Context { get; private set; }

        /// <summary>Makes a workflow variable visible as <c>$name</c> (read when the interpreter first needs it).</summary>
        public JsonataScope Bind(string name, int depth, int slot)
        {
            (_variables ??= new List<(string, int, int)>(2)).Add((name, depth, slot));
            return this;
        }

        private JsonataBindings Bindings
        {
            get
            {
                if (_bindings != null) return _bindings;
                var context = ReferenceEquals(Context, Json.Missing) ? null : Context;
                var bindings = _x.CreateBindings(Input, context, _extraName, _extraName == "errorOutput" ? ErrorOutput : Result);
                if (_variables != null)
                {
                    foreach (var (name, depth, slot) in _variables)
                    {
                        // An unassigned variable stays unbound: $name is undefined, as in Step Functions.
                        var value = _x.Variable(depth, slot);
                        if (!ReferenceEquals(value, Json.Missing)) bindings.Bind(name, value);
                    }
                }
                return _bindings = bindings;
            }
        }

        /// <summary>Evaluates an expression with the interpreter (States.QueryEvaluationError when it fails or is undefined).</summary>
        public JsonNode? Evaluate(JsonataExpression expression, string field) => _x.Jsonata(expression, field, Bindings);

        /// <summary>
        /// A compiled comparison of a plain path with a literal (op: 0 =, 1 !=, 2 &lt;, 3 &lt;=, 4 &gt;, 5 &gt;=) with JSONata's
        /// rules: an undefined side makes = and != false (and an ordering undefined); = and != compare strings, numbers,
        /// booleans and null.
        /// Null when only the interpreter can tell: an array on the path (JSONata maps over it), an object or array
        /// value, or an ordering of different types (which JSONata rejects with an error).
        /// </summary>
        public static bool? Compare(JsonNode? root, string[] names, int op, JsonNode? literal)
        {
            // An undefined side: = and != are false; an ordering is undefined, which only the interpreter reports properly.
            bool? undefined = op <= 1 ? false : null;
            var current = root;
            if (ReferenceEquals(current, Json.Missing)) return undefined;
            for (int i = 0; i < names.Length; i++)
            {
                if (current is JsonObject o) { if (!o.TryGetPropertyValue(names[i], out current)) return undefined; }
                else if (current is JsonArray) return null;
                else return undefined;
            }
            if (current is JsonObject or JsonArray) return null;
            var left = current?.GetValueKind() ?? System.Text.Json.JsonValueKind.Null;
            var right = literal?.GetValueKind() ?? System.Text.Json.JsonValueKind.Null;
            if (op <= 1)
            {
                bool equal;
                if (left == System.Text.Json.JsonValueKind.Number && right == System.Text.Json.JsonValueKind.Number)
                    equal = Number(current!) == Number(literal!);
                else if (left == System.Text.Json.JsonValueKind.String && right == System.Text.Json.JsonValueKind.String)
                    equal = string.Equals(Json.StringOf((JsonValue)current!), Json.StringOf((JsonValue)literal!), System.StringComparison.Ordinal);
                else equal = left == right && left is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False or System.Text.Json.JsonValueKind.Null;
                return op == 0 ? equal : !equal;
            }
            int order;
            if (left == System.Text.Json.JsonValueKind.Number && right == System.Text.Json.JsonValueKind.Number)
                order = Number(current!).CompareTo(Number(literal!));
            else if (left == System.Text.Json.JsonValueKind.String && right == System.Text.Json.JsonValueKind.String)
                order = string.CompareOrdinal(Json.StringOf((JsonValue)current!), Json.StringOf((JsonValue)literal!));
            else return null;
            return op switch { 2 => order < 0, 3 => order <= 0, 4 => order > 0, _ => order >= 0 };
        }

        private static bool HasArrays(JsonArray array)
        {
            for (int i = 0; i < array.Count; i++) if (array[i] is JsonArray) return true;
            return false;
        }

        // JSONata numbers are doubles; a JsonValue may hold any .NET numeric type or a JsonElement.
        private static double Number(JsonNode node)
        {
            var v = (JsonValue)node;
            if (v.TryGetValue(out double d)) return d;
            if (v.TryGetValue(out long l)) return l;
            if (v.TryGetValue(out int i)) return i;
            if (v.TryGetValue(out decimal m)) return (double)m;
            if (v.TryGetValue(out System.Text.Json.JsonElement e)) return e.GetDouble();
            return double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>Three-valued and: false wins, unknown otherwise stays unknown.</summary>
        public static bool? And(bool? left, bool? right) => left == false || right == false ? false : left == true && right == true ? true : null;

        /// <summary>Three-valued or: true wins, unknown otherwise stays unknown.</summary>
        public static bool? Or(bool? left, bool? right) => left == true || right == true ? true : left == false && right == false ? false : null;

        /// <summary>$not of a test.</summary>
        public static bool? Not(bool? value) => value == null ? null : !value.Value;

        /// <summary>
        /// A compiled plain path: the property chain <paramref name="names"/> from <paramref name="root"/>, copied. A
        /// missing property is undefined, as in JSONata; an array anywhere on the way (where JSONata maps and flattens)
        /// hands the whole expression to the interpreter.
        /// </summary>
        public JsonNode? Path(JsonataExpression expression, string field, JsonNode? root, string[] names)
            => TryFind(root, names, out var value) ? value?.DeepClone() : Evaluate(expression, field);

        /// <summary>
        /// As <see cref="Path"/>, but the node itself when the path finds it, not a copy: for a value that is only read,
        /// such as a Map's Items (whose iterations copy an item before they change it).
        /// </summary>
        public JsonNode? Borrow(JsonataExpression expression, string field, JsonNode? root, string[] names)
            => TryFind(root, names, out var value) ? value : Evaluate(expression, field);

        // Follows a compiled path; false when only the interpreter can tell (undefined, or an array JSONata would map over).
        private static bool TryFind(JsonNode? root, string[] names, out JsonNode? value)
        {
            value = root;
            if (ReferenceEquals(value, Json.Missing)) return false;
            for (int i = 0; i < names.Length; i++)
            {
                if (value is JsonObject o) { if (!o.TryGetPropertyValue(names[i], out value)) return false; }
                else return false; // an array on the way (JSONata maps over it), or a value without properties (undefined)
            }
            // A path flattens an array it ends on into its result: the same array, unless it is empty (undefined), has
            // one item (JSONata's singleton rule gives the item) or holds arrays (flattened one level).
            return value is not JsonArray array || (array.Count >= 2 && !HasArrays(array));
        }
    }
}
