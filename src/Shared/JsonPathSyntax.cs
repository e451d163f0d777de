// The JSONPath syntax tree shared by the generator (netstandard2.0) and the runtime (net8.0): each assembly compiles
// its own internal copy of src/Shared/JsonPathSyntax*.cs. Pure data: no System.Text.Json, no records.
#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StatesGen.JsonPathing
{
    /// <summary>What the first token of a path stands for.</summary>
    internal enum JsonPathRoot
    {
        /// <summary><c>$</c>: the state's input (inside a filter: the document being queried).</summary>
        Input,
        /// <summary><c>$$</c>: the context object.</summary>
        Context,
        /// <summary><c>$name</c>: a workflow variable (only when the parser is asked to allow it).</summary>
        Variable,
        /// <summary><c>@</c>: the node a filter is testing (only inside filters).</summary>
        Current,
    }

    /// <summary>The kinds of path segment.</summary>
    internal enum JsonPathSegmentKind
    {
        /// <summary><c>.name</c>, <c>['name']</c>: <see cref="JsonPathSegment.Name"/>.</summary>
        Name,
        /// <summary><c>[n]</c>, negative counting from the end: <see cref="JsonPathSegment.Index"/>.</summary>
        Index,
        /// <summary><c>.*</c>, <c>[*]</c>: every member value of an object or element of an array.</summary>
        Wildcard,
        /// <summary><c>[a:b]</c>, <c>[a:]</c>, <c>[:b]</c>: <see cref="JsonPathSegment.SliceStart"/>, <see cref="JsonPathSegment.SliceEnd"/>.</summary>
        Slice,
        /// <summary><c>['a','b']</c>: <see cref="JsonPathSegment.Names"/>. As the last segment Jayway merges the members into one new object.</summary>
        NameUnion,
        /// <summary><c>[0,2]</c>: <see cref="JsonPathSegment.Indexes"/>.</summary>
        IndexUnion,
        /// <summary><c>[?(...)]</c>: <see cref="JsonPathSegment.Filter"/>.</summary>
        Filter,
    }

    /// <summary>A parsed JSONPath: a root and a list of segments. Equality is by <see cref="Text"/>, which determines everything else.</summary>
    internal sealed class JsonPathExpression : IEquatable<JsonPathExpression>
    {
        internal JsonPathExpression(string text, int offset, JsonPathRoot root, string? variableName, IReadOnlyList<JsonPathSegment> segments)
        {
            Text = text;
            Offset = offset;
            Root = root;
            VariableName = variableName;
            Segments = segments;
            bool definite = true, reference = true;
            for (int i = 0; i < segments.Count; i++)
            {
                var s = segments[i];
                bool simple = !s.IsDeepScan && (s.Kind == JsonPathSegmentKind.Name || s.Kind == JsonPathSegmentKind.Index);
                reference &= simple;
                // Jayway (PropertyPathToken.isTokenDefinite): a trailing ['a','b'] merges into one object, so it is definite.
                definite &= simple || (!s.IsDeepScan && s.Kind == JsonPathSegmentKind.NameUnion && i == segments.Count - 1);
            }
            IsDefinite = definite;
            IsReferencePath = reference && root != JsonPathRoot.Current;
        }

        /// <summary>The path as written (for a path inside a filter: that operand's text).</summary>
        public string Text { get; }

        /// <summary>Where <see cref="Text"/> starts in the string given to the parser.</summary>
        public int Offset { get; }

        /// <summary>What the path starts from.</summary>
        public JsonPathRoot Root { get; }

        /// <summary>True for <c>$$</c> paths, which select from the context object.</summary>
        public bool IsContextPath => Root == JsonPathRoot.Context;

        /// <summary>The variable's name (without <c>$</c>) when <see cref="Root"/> is <see cref="JsonPathRoot.Variable"/>.</summary>
        public string? VariableName { get; }

        /// <summary>The segments after the root, in order.</summary>
        public IReadOnlyList<JsonPathSegment> Segments { get; }

        /// <summary>
        /// True when the path yields one node or nothing: only non-deep <see cref="JsonPathSegmentKind.Name"/> and
        /// <see cref="JsonPathSegmentKind.Index"/> segments, except that the last may be a <see cref="JsonPathSegmentKind.NameUnion"/>,
        /// which yields a new object holding the named members that exist.
        /// </summary>
        public bool IsDefinite { get; }

        /// <summary>
        /// True for a States Language Reference Path: only names and single indexes, no wildcard, filter, slice, union or deep
        /// scan. The root may be <c>$</c>, <c>$$</c> or a variable; callers check <see cref="Root"/> where that matters.
        /// </summary>
        public bool IsReferencePath { get; }

        /// <summary>
        /// The path in Jayway's normalized form, the way AWS quotes it in error causes ("No results for path: $['a'][0]"):
        /// names as <c>['name']</c>, filters as <c>[?]</c>, deep scans as <c>..</c>.
        /// </summary>
        public string NormalizedText
        {
            get
            {
                var sb = new StringBuilder();
                sb.Append(Root switch { JsonPathRoot.Context => "$$", JsonPathRoot.Variable => "$" + VariableName, JsonPathRoot.Current => "@", _ => "$" });
                foreach (var s in Segments) s.AppendNormalized(sb);
                return sb.ToString();
            }
        }

        /// <inheritdoc/>
        public bool Equals(JsonPathExpression? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

        /// <inheritdoc/>
        public override bool Equals(object? obj) => Equals(obj as JsonPathExpression);

        /// <inheritdoc/>
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

        /// <inheritdoc/>
        public override string ToString() => Text;
    }

    /// <summary>One step of a path. Which members are set depends on <see cref="Kind"/>.</summary>
    internal sealed class JsonPathSegment
    {
        private static readonly string[] NoNames = new string[0];
        private static readonly int[] NoIndexes = new int[0];

        private JsonPathSegment(JsonPathSegmentKind kind, bool isDeepScan, int offset, int length)
        {
            Kind = kind;
            IsDeepScan = isDeepScan;
            Offset = offset;
            Length = length;
        }

        /// <summary>What the segment selects.</summary>
        public JsonPathSegmentKind Kind { get; }

        /// <summary>True when written after <c>..</c>: applied to the node and every descendant, in document order.</summary>
        public bool IsDeepScan { get; }

        /// <summary>Offset of the segment's first character (<c>.</c>, <c>..</c> or <c>[</c>) in the parsed string.</summary>
        public int Offset { get; }

        /// <summary>Number of characters of the segment, including its leading <c>.</c>/<c>..</c>.</summary>
        public int Length { get; }

        /// <summary>The member name of a <see cref="JsonPathSegmentKind.Name"/> segment, else null.</summary>
        public string? Name { get; private set; }

        /// <summary>The index of an <see cref="JsonPathSegmentKind.Index"/> segment (negative counts from the end).</summary>
        public int Index { get; private set; }

        /// <summary>The names of a <see cref="JsonPathSegmentKind.NameUnion"/> segment, else empty.</summary>
        public IReadOnlyList<string> Names { get; private set; } = NoNames;

        /// <summary>The indexes of an <see cref="JsonPathSegmentKind.IndexUnion"/> segment, else empty.</summary>
        public IReadOnlyList<int> Indexes { get; private set; } = NoIndexes;

        /// <summary>The start of a <see cref="JsonPathSegmentKind.Slice"/>, null when omitted.</summary>
        public int? SliceStart { get; private set; }

        /// <summary>The (exclusive) end of a <see cref="JsonPathSegmentKind.Slice"/>, null when omitted.</summary>
        public int? SliceEnd { get; private set; }

        /// <summary>The condition of a <see cref="JsonPathSegmentKind.Filter"/> segment, else null.</summary>
        public JsonPathFilter? Filter { get; private set; }

        internal static JsonPathSegment ForName(string name, bool deep, int offset, int length) => new(JsonPathSegmentKind.Name, deep, offset, length) { Name = name };
        internal static JsonPathSegment ForIndex(int index, bool deep, int offset, int length) => new(JsonPathSegmentKind.Index, deep, offset, length) { Index = index };
        internal static JsonPathSegment ForWildcard(bool deep, int offset, int length) => new(JsonPathSegmentKind.Wildcard, deep, offset, length);
        internal static JsonPathSegment ForSlice(int? start, int? end, bool deep, int offset, int length) => new(JsonPathSegmentKind.Slice, deep, offset, length) { SliceStart = start, SliceEnd = end };
        internal static JsonPathSegment ForNames(string[] names, bool deep, int offset, int length) => new(JsonPathSegmentKind.NameUnion, deep, offset, length) { Names = names };
        internal static JsonPathSegment ForIndexes(int[] indexes, bool deep, int offset, int length) => new(JsonPathSegmentKind.IndexUnion, deep, offset, length) { Indexes = indexes };
        internal static JsonPathSegment ForFilter(JsonPathFilter filter, bool deep, int offset, int length) => new(JsonPathSegmentKind.Filter, deep, offset, length) { Filter = filter };

        internal void AppendNormalized(StringBuilder sb)
        {
            if (IsDeepScan) sb.Append("..");
            switch (Kind)
            {
                case JsonPathSegmentKind.Name: sb.Append("['").Append(Name).Append("']"); break;
                case JsonPathSegmentKind.Index: sb.Append('[').Append(Index.ToString(CultureInfo.InvariantCulture)).Append(']'); break;
                case JsonPathSegmentKind.Wildcard: sb.Append("[*]"); break;
                case JsonPathSegmentKind.Filter: sb.Append("[?]"); break;
                case JsonPathSegmentKind.NameUnion: sb.Append("['").Append(string.Join("','", Names)).Append("']"); break;
                case JsonPathSegmentKind.IndexUnion:
                    sb.Append('[');
                    for (int i = 0; i < Indexes.Count; i++) sb.Append(i == 0 ? "" : ",").Append(Indexes[i].ToString(CultureInfo.InvariantCulture));
                    sb.Append(']');
                    break;
                case JsonPathSegmentKind.Slice:
                    sb.Append('[').Append(SliceStart?.ToString(CultureInfo.InvariantCulture)).Append(':')
                      .Append(SliceEnd?.ToString(CultureInfo.InvariantCulture)).Append(']');
                    break;
            }
        }
    }

    /// <summary>The kinds of filter expression node.</summary>
    internal enum JsonPathFilterKind
    {
        /// <summary><c>a &amp;&amp; b &amp;&amp; ...</c>: <see cref="JsonPathFilter.Operands"/>.</summary>
        And,
        /// <summary><c>a || b || ...</c>: <see cref="JsonPathFilter.Operands"/>.</summary>
        Or,
        /// <summary><c>!a</c>: the single element of <see cref="JsonPathFilter.Operands"/>.</summary>
        Not,
        /// <summary><c>@.x</c> alone: true when <see cref="JsonPathFilter.Path"/> selects something (even null).</summary>
        Exists,
        /// <summary><see cref="JsonPathFilter.Left"/> <see cref="JsonPathFilter.Operator"/> <see cref="JsonPathFilter.Right"/>.</summary>
        Comparison,
    }

    /// <summary>Filter operators (Jayway's RelationalOperator, minus those only its Java API can reach).</summary>
    internal enum JsonPathOperator
    {
        /// <summary><c>==</c>: same type and value; numbers by value.</summary>
        Equal,
        /// <summary><c>!=</c>: not <see cref="Equal"/> (so true when either side is missing).</summary>
        NotEqual,
        /// <summary><c>===</c>: type-safe equality (the same as <see cref="Equal"/> here, which never converts).</summary>
        StrictEqual,
        /// <summary><c>!==</c>: not <see cref="StrictEqual"/>.</summary>
        StrictNotEqual,
        /// <summary><c>&lt;</c>: two numbers or two strings (ordinal).</summary>
        Less,
        /// <summary><c>&lt;=</c>.</summary>
        LessOrEqual,
        /// <summary><c>&gt;</c>.</summary>
        Greater,
        /// <summary><c>&gt;=</c>.</summary>
        GreaterOrEqual,
        /// <summary><c>=~</c>: the whole string matches a /pattern/flags (one side must be a pattern).</summary>
        Matches,
        /// <summary><c>in</c>: the left value is an element of the right array.</summary>
        In,
        /// <summary><c>nin</c>: not <see cref="In"/>.</summary>
        NotIn,
        /// <summary><c>subsetof</c>: every element of the left array is in the right array.</summary>
        SubsetOf,
        /// <summary><c>anyof</c>: the arrays share an element.</summary>
        AnyOf,
        /// <summary><c>noneof</c>: the arrays share no element.</summary>
        NoneOf,
        /// <summary><c>size</c>: the left string or array has the right number of characters or elements.</summary>
        Size,
        /// <summary><c>empty</c>: the left string, array or object is empty (right: true) or not (right: false).</summary>
        Empty,
        /// <summary><c>contains</c>: the left string contains the right string, or the left array contains the right value.</summary>
        Contains,
    }

    /// <summary>A node of a filter expression. Which members are set depends on <see cref="Kind"/>.</summary>
    internal sealed class JsonPathFilter
    {
        private static readonly JsonPathFilter[] NoOperands = new JsonPathFilter[0];

        private JsonPathFilter(JsonPathFilterKind kind, int offset) { Kind = kind; Offset = offset; }

        /// <summary>What the node tests.</summary>
        public JsonPathFilterKind Kind { get; }

        /// <summary>Offset of the node's first character in the parsed string.</summary>
        public int Offset { get; }

        /// <summary>The operands of <see cref="JsonPathFilterKind.And"/>, <see cref="JsonPathFilterKind.Or"/> and <see cref="JsonPathFilterKind.Not"/>.</summary>
        public IReadOnlyList<JsonPathFilter> Operands { get; private set; } = NoOperands;

        /// <summary>The path tested by <see cref="JsonPathFilterKind.Exists"/>.</summary>
        public JsonPathExpression? Path { get; private set; }

        /// <summary>The left operand of a <see cref="JsonPathFilterKind.Comparison"/>.</summary>
        public JsonPathOperand? Left { get; private set; }

        /// <summary>The operator of a <see cref="JsonPathFilterKind.Comparison"/>.</summary>
        public JsonPathOperator Operator { get; private set; }

        /// <summary>The right operand of a <see cref="JsonPathFilterKind.Comparison"/>.</summary>
        public JsonPathOperand? Right { get; private set; }

        internal static JsonPathFilter Logical(JsonPathFilterKind kind, JsonPathFilter[] operands, int offset) => new(kind, offset) { Operands = operands };
        internal static JsonPathFilter Exists(JsonPathExpression path, int offset) => new(JsonPathFilterKind.Exists, offset) { Path = path };
        internal static JsonPathFilter Comparison(JsonPathOperand left, JsonPathOperator op, JsonPathOperand right, int offset)
            => new(JsonPathFilterKind.Comparison, offset) { Left = left, Operator = op, Right = right };
    }

    /// <summary>The kinds of comparison operand.</summary>
    internal enum JsonPathOperandKind
    {
        /// <summary>A path from <c>@</c> or <c>$</c>: <see cref="JsonPathOperand.Path"/>.</summary>
        Path,
        /// <summary>A JSON literal: <see cref="JsonPathOperand.Literal"/>.</summary>
        Literal,
        /// <summary>A regular expression: <see cref="JsonPathOperand.Pattern"/> and <see cref="JsonPathOperand.Flags"/>.</summary>
        Regex,
    }

    /// <summary>One side of a comparison.</summary>
    internal sealed class JsonPathOperand
    {
        private JsonPathOperand(JsonPathOperandKind kind, int offset) { Kind = kind; Offset = offset; }

        /// <summary>What the operand is.</summary>
        public JsonPathOperandKind Kind { get; }

        /// <summary>Offset of the operand's first character in the parsed string.</summary>
        public int Offset { get; }

        /// <summary>The path of a <see cref="JsonPathOperandKind.Path"/> operand.</summary>
        public JsonPathExpression? Path { get; private set; }

        /// <summary>The value of a <see cref="JsonPathOperandKind.Literal"/> operand.</summary>
        public JsonPathLiteral? Literal { get; private set; }

        /// <summary>The pattern between the slashes of a <see cref="JsonPathOperandKind.Regex"/> operand, as written.</summary>
        public string? Pattern { get; private set; }

        /// <summary>The flags after the closing slash (subset of <c>dixmsuU</c>, Java's Pattern flags), possibly empty.</summary>
        public string? Flags { get; private set; }

        internal static JsonPathOperand ForPath(JsonPathExpression path, int offset) => new(JsonPathOperandKind.Path, offset) { Path = path };
        internal static JsonPathOperand ForLiteral(JsonPathLiteral literal, int offset) => new(JsonPathOperandKind.Literal, offset) { Literal = literal };
        internal static JsonPathOperand ForRegex(string pattern, string flags, int offset) => new(JsonPathOperandKind.Regex, offset) { Pattern = pattern, Flags = flags };
    }

    /// <summary>The kinds of literal value.</summary>
    internal enum JsonPathLiteralKind { Null, Boolean, Number, String, Array, Object }

    /// <summary>A JSON value written inside a filter. Which members are set depends on <see cref="Kind"/>.</summary>
    internal sealed class JsonPathLiteral
    {
        private static readonly JsonPathLiteral[] NoItems = new JsonPathLiteral[0];
        private static readonly KeyValuePair<string, JsonPathLiteral>[] NoProperties = new KeyValuePair<string, JsonPathLiteral>[0];

        private JsonPathLiteral(JsonPathLiteralKind kind) { Kind = kind; }

        /// <summary>The literal's type.</summary>
        public JsonPathLiteralKind Kind { get; }

        /// <summary>The value of a <see cref="JsonPathLiteralKind.Boolean"/>.</summary>
        public bool Boolean { get; private set; }

        /// <summary>The unescaped value of a <see cref="JsonPathLiteralKind.String"/>, or the text of a <see cref="JsonPathLiteralKind.Number"/> (invariant, JSON grammar).</summary>
        public string? Text { get; private set; }

        /// <summary>The elements of an <see cref="JsonPathLiteralKind.Array"/>.</summary>
        public IReadOnlyList<JsonPathLiteral> Items { get; private set; } = NoItems;

        /// <summary>The members of an <see cref="JsonPathLiteralKind.Object"/>, in written order.</summary>
        public IReadOnlyList<KeyValuePair<string, JsonPathLiteral>> Properties { get; private set; } = NoProperties;

        internal static readonly JsonPathLiteral Null = new(JsonPathLiteralKind.Null);
        internal static readonly JsonPathLiteral True = new(JsonPathLiteralKind.Boolean) { Boolean = true };
        internal static readonly JsonPathLiteral False = new(JsonPathLiteralKind.Boolean) { Boolean = false };
        internal static JsonPathLiteral ForNumber(string text) => new(JsonPathLiteralKind.Number) { Text = text };
        internal static JsonPathLiteral ForString(string value) => new(JsonPathLiteralKind.String) { Text = value };
        internal static JsonPathLiteral ForArray(JsonPathLiteral[] items) => new(JsonPathLiteralKind.Array) { Items = items };
        internal static JsonPathLiteral ForObject(KeyValuePair<string, JsonPathLiteral>[] properties) => new(JsonPathLiteralKind.Object) { Properties = properties };
    }
}
