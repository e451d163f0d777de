using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace StatesGen.Generator.Model
{
    // How the spec gives values that are computed at run time: JSONPath paths, payload templates, intrinsic calls and
    // JSONata expressions, each parsed and checked at build time.

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

    /// <summary>A JSONPath as written, parsed; <see cref="IsNull"/> for a JSON null in a path field.</summary>
    internal sealed record PathModel
    {
        public static readonly PathModel Null = new PathModel { Text = "null", IsNull = true };
        public string Text { get; init; } = null!;
        public bool IsNull { get; init; }
        /// <summary>A definite path's steps, when it has only name and index steps (null otherwise).</summary>
        public PathSteps? Parsed { get; init; }
        public bool IsContext => Text.StartsWith("$$", System.StringComparison.Ordinal);
        public bool IsRoot => Text == "$";
        /// <summary>For "$name.rest": the variable; <see cref="Parsed"/> is then "$.rest" applied to its value.</summary>
        public VariableReference? Variable { get; init; }
        /// <summary>The JSONPath applied to the root: the text itself, or for a variable "$" and what follows its name.</summary>
        public string Relative => Variable == null ? Text : "$" + Text.Substring(1 + Variable.Name.Length);
    }

    /// <summary>
    /// A definite path's steps: a string for a property name, an int for an array index, and whether it starts at the
    /// context object ($$). Immutable and value-equatable.
    /// </summary>
    internal sealed class PathSteps : System.IEquatable<PathSteps>
    {
        private readonly object[] _items;

        public PathSteps(bool isContext, IEnumerable<object> items) { IsContext = isContext; _items = items.ToArray(); }

        public bool IsContext { get; }

        public IReadOnlyList<object> Items => _items;

        /// <summary>The steps without the last one (the parent of the node the path selects).</summary>
        public PathSteps Parent => new PathSteps(IsContext, _items.Take(_items.Length - 1));

        /// <summary>The path in Jayway's normalized bracket form, as AWS quotes it in error causes: $['a']['b'][0].</summary>
        public string Normalized
        {
            get
            {
                var sb = new StringBuilder(IsContext ? "$$" : "$");
                foreach (var s in _items)
                {
                    if (s is int i) sb.Append('[').Append(i.ToString(CultureInfo.InvariantCulture)).Append(']');
                    else sb.Append("['").Append((string)s).Append("']");
                }
                return sb.ToString();
            }
        }

        public bool Equals(PathSteps? other) => other != null && IsContext == other.IsContext && _items.SequenceEqual(other._items);

        public override bool Equals(object? obj) => Equals(obj as PathSteps);

        public override int GetHashCode()
        {
            int hash = IsContext ? 1 : 0;
            foreach (var item in _items) hash = unchecked(hash * 31 + item.GetHashCode());
            return hash;
        }
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
