using System;
using System.Text;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatesGen.CompilerServices
{
    /// <summary>
    /// JSON access for generated code: direct property and index steps for paths resolved at build time, a marker for
    /// "matched nothing" (distinct from JSON null), ResultPath merging, and copying nodes into new trees.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Json
    {
        /// <summary>AWS's payload size limit in bytes.</summary>
        public const int PayloadLimit = 262_144;

        /// <summary>Returned by lookups that match nothing. Never stored in a tree; compare by reference.</summary>
        public static readonly JsonNode Missing = JsonValue.Create("\u0000StatesGen.Missing")!;

        /// <summary>A property of an object, or <see cref="Missing"/>.</summary>
        public static JsonNode? Get(JsonNode? node, string name)
            => node is JsonObject o && !ReferenceEquals(node, Missing) && o.TryGetPropertyValue(name, out var value) ? value : Missing;

        /// <summary>An array element, or <see cref="Missing"/>. Negative indexes count from the end, as in Jayway.</summary>
        public static JsonNode? Get(JsonNode? node, int index)
        {
            if (node is not JsonArray a) return Missing;
            if (index < 0) index += a.Count;
            return index >= 0 && index < a.Count ? a[index] : Missing;
        }

        /// <summary>Whether a lookup matched something.</summary>
        public static bool IsFound(JsonNode? node) => !ReferenceEquals(node, Missing);

        /// <summary>The matched value, or null when the lookup matched nothing.</summary>
        public static JsonNode? ValueOf(JsonNode? node) => ReferenceEquals(node, Missing) ? null : node;

        /// <summary>Fails with States.Runtime when a path that must match (InputPath, OutputPath, ".$" fields) matched nothing.</summary>
        public static JsonNode? Require(JsonNode? node, Execution x, string field, string path, string normalizedPath)
        {
            if (!ReferenceEquals(node, Missing)) return node;
            throw x.RuntimeError(PathFailureCause(field, path, normalizedPath));
        }

        /// <summary>
        /// As <see cref="Require(JsonNode?, Execution, string, string, string)"/>, with the root the path starts from,
        /// so the cause can say, as Jayway does, which property along the way was missing.
        /// </summary>
        public static JsonNode? Require(JsonNode? node, JsonNode? root, Execution x, string field, string path, string normalizedPath)
        {
            if (!ReferenceEquals(node, Missing)) return node;
            if (!field.EndsWith(".$", StringComparison.Ordinal) && MissingPrefix(root, path) is { } prefix)
                throw x.RuntimeError($"Invalid path '{path}' : Missing property in path {prefix}");
            throw x.RuntimeError(PathFailureCause(field, path, normalizedPath));
        }

        // The normalized path up to the first missing step, when that step is not the last one (else null).
        private static string? MissingPrefix(JsonNode? root, string path)
        {
            if (!StatesGen.JsonPathing.JsonPathParser.TryParse(path, out var expression, out _, out _) || expression is null) return null;
            var current = root;
            var prefix = new System.Text.StringBuilder("$");
            for (int i = 0; i < expression.Segments.Count; i++)
            {
                var segment = expression.Segments[i];
                if (segment.Kind == StatesGen.JsonPathing.JsonPathSegmentKind.Name)
                {
                    prefix.Append("['").Append(segment.Name).Append("']");
                    current = Get(current, segment.Name!);
                }
                else if (segment.Kind == StatesGen.JsonPathing.JsonPathSegmentKind.Index)
                {
                    prefix.Append('[').Append(segment.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(']');
                    current = Get(current, segment.Index);
                }
                else return null;
                if (ReferenceEquals(current, Missing)) return i < expression.Segments.Count - 1 ? prefix.ToString() : null;
            }
            return null;
        }

        /// <summary>Evaluates a path that has wildcards, filters or other dynamic parts; fails like the other Require overload.</summary>
        public static JsonNode? Select(JsonPath path, JsonNode? root, Execution x, string field)
        {
            if (path.TryEvaluate(root, out var result)) return result;
            throw x.RuntimeError(PathFailureCause(field, path.Text, path.Text));
        }

        /// <summary>Evaluates a dynamic path, yielding <see cref="Missing"/> when it matches nothing.</summary>
        public static JsonNode? Lookup(JsonPath path, JsonNode? root) => path.TryEvaluate(root, out var result) ? result : Missing;

        /// <summary>A Choice Variable must exist for a comparison: AWS fails with States.Runtime otherwise.</summary>
        public static JsonNode? RequireVariable(JsonNode? node, Execution x, string path)
        {
            if (!ReferenceEquals(node, Missing)) return node;
            throw x.RuntimeError($"Invalid path '{path}': The choice state's condition path references an invalid value.");
        }

        private static string PathFailureCause(string field, string path, string normalized)
            => field.EndsWith(".$", StringComparison.Ordinal)
                ? $"The JSONPath '{path}' specified for the field '{field}' could not be found in the input"
                : $"Invalid path '{path}' : No results for path: {normalized}";

        /// <summary>A copy of a node that can be placed into a new tree (a node has at most one parent).</summary>
        public static JsonNode? Copy(JsonNode? node) => node?.DeepClone();

        /// <summary>
        /// Takes a node out of its parent (an input the state drops anyway) so it can join a new tree without a copy.
        /// Generated code moves only nodes that nothing else reads afterwards. Single values are moved too: unlinking
        /// costs about what a copy does, and allocates nothing (Chain50: 28.4 KB to 25.2 KB per execution).
        /// </summary>
        public static JsonNode? Move(JsonNode? node, JsonNode? parent, string name)
        {
            if (node != null && ReferenceEquals(node.Parent, parent)) ((JsonObject)parent!).Remove(name);
            return node;
        }

        /// <summary>As <see cref="Move(JsonNode?, JsonNode?, string)"/> for an array element; a negative index counts from the end.</summary>
        public static JsonNode? Move(JsonNode? node, JsonNode? parent, int index)
        {
            if (node != null && ReferenceEquals(node.Parent, parent) && parent is JsonArray a) a.RemoveAt(index >= 0 ? index : a.Count + index);
            return node;
        }

        /// <summary>The node itself when it has no parent, else a copy: for results that become part of a tree.</summary>
        public static JsonNode? Own(JsonNode? node) => node is null || node.Parent is null ? node : node.DeepClone();

        /// <summary>
        /// An integral JSON number as a long without going through its text: a JsonValue holds whatever .NET type made
        /// it (long from the definition, int from an intrinsic, double from JSONata, a JsonElement when parsed), and
        /// TryGetValue converts only to that type.
        /// </summary>
        public static bool TryGetInt64(JsonNode? node, out long value)
        {
            value = 0;
            if (node is not JsonValue v) return false;
            if (v.TryGetValue(out value)) return true;
            if (v.TryGetValue(out int i)) { value = i; return true; }
            if (v.TryGetValue(out JsonElement e)) return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out value);
            if (v.TryGetValue(out decimal m) && m == decimal.Truncate(m) && m >= long.MinValue && m <= long.MaxValue) { value = (long)m; return true; }
            // JSONata results are doubles: 1.0 is the whole number 1.
            if (v.TryGetValue(out double d) && d == Math.Floor(d) && d >= long.MinValue && d < long.MaxValue) { value = (long)d; return true; }
            return false;
        }

        /// <summary>A string value.</summary>
        public static JsonNode String(string value) => JsonValue.Create(value)!;

        /// <summary>
        /// The text of a JSON string value (its kind checked by the caller). A parsed value holds a JsonElement, which
        /// GetValue&lt;string&gt; would box on every call (its type test runs in shared generic code); it is read directly.
        /// </summary>
        internal static string StringOf(JsonValue value) => value.TryGetValue(out JsonElement element) ? element.GetString()! : value.GetValue<string>();

        /// <summary>A boolean value.</summary>
        public static JsonNode Boolean(bool value) => JsonValue.Create(value);

        /// <summary>An integral number.</summary>
        public static JsonNode Number(long value) => JsonValue.Create(value);

        /// <summary>A decimal number, written with the digits of the definition.</summary>
        public static JsonNode Number(decimal value) => JsonValue.Create(value);

        /// <summary>A number too large or small for decimal.</summary>
        public static JsonNode Number(double value) => JsonValue.Create(value);

        /// <summary>
        /// Applies a ResultPath: places the result at the path inside the raw state input, creating missing
        /// intermediate objects. Fails with States.ResultPathMatchFailure when the input (or a step) is not an object.
        /// The input is changed in place: every execution path owns the node it carries from state to state (the
        /// execution input is copied once at the start, Parallel branches get their own copy, Map iterations copy
        /// their item), so no one else can see the change. A result that is part of the input is copied first.
        /// </summary>
        public static JsonNode? WithResult(JsonNode? input, JsonNode? result, object[] steps, Execution x, string path)
        {
            if (input is not JsonObject && !(input is JsonArray && steps.Length > 0 && steps[0] is int))
                throw x.ResultPathMatchFailure(path, input);
            if (result is not null && (result.Parent is not null || ReferenceEquals(result.Root, input!.Root)))
                result = result.DeepClone();
            JsonNode current = input!;
            for (int i = 0; i < steps.Length; i++)
            {
                bool last = i == steps.Length - 1;
                if (steps[i] is string name)
                {
                    if (current is not JsonObject o) throw x.ResultPathMatchFailure(path, input);
                    if (last) { o[name] = result; break; }
                    if (!o.TryGetPropertyValue(name, out var next) || next is null)
                    {
                        next = new JsonObject();
                        o[name] = next;
                    }
                    current = next;
                }
                else
                {
                    // A negative index counts from the end, as Jayway resolves it (and as reads do, see Get); one outside
                    // the array cannot be written.
                    int index = (int)steps[i];
                    if (current is not JsonArray a) throw x.ResultPathMatchFailure(path, input);
                    if (index < 0) index += a.Count;
                    if (index < 0 || index >= a.Count) throw x.ResultPathMatchFailure(path, input);
                    if (last) { a[index] = result; break; }
                    current = a[index] ?? throw x.ResultPathMatchFailure(path, input);
                }
            }
            return input;
        }

        /// <summary>Forces lazily parsed objects and arrays to materialize, so the tree can be read from several threads.</summary>
        public static JsonNode? Materialize(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var p in o) Materialize(p.Value);
                    break;
                case JsonArray a:
                    foreach (var item in a) Materialize(item);
                    break;
            }
            return node;
        }

        /// <summary>
        /// Whether a node's JSON text is longer than <see cref="PayloadLimit"/> bytes. A walk over the tree first bounds the
        /// size from above without writing anything (a string is at most 6 bytes per UTF-16 unit escaped, plus quotes; a
        /// number at most 40 bytes); only a payload whose bound is over the limit is measured exactly by writing it.
        /// </summary>
        public static bool ExceedsPayloadLimit(JsonNode? node)
        {
            long budget = PayloadLimit;
            return !WithinBound(node, ref budget) && Size(node) > PayloadLimit;
        }

        /// <summary>An upper bound of a node's JSON size in bytes, computed without writing it (see <see cref="ExceedsPayloadLimit"/>).</summary>
        public static long SizeBound(JsonNode? node)
        {
            const long Start = long.MaxValue / 4;
            long budget = Start;
            WithinBound(node, ref budget);
            return Start - budget;
        }

        private static bool WithinBound(JsonNode? node, ref long budget)
        {
            switch (node)
            {
                case null:
                    budget -= 4;
                    break;
                case JsonObject o:
                    budget -= 2 + o.Count;
#if NET9_0_OR_GREATER
                    // By index: enumerating a JsonObject allocates an enumerator per object.
                    for (int i = 0; i < o.Count; i++)
                    {
                        var p = o.GetAt(i);
#else
                    foreach (var p in o)
                    {
#endif
                        budget -= StringBound(p.Key) + 1;
                        if (budget < 0 || !WithinBound(p.Value, ref budget)) return false;
                    }
                    break;
                case JsonArray a:
                    budget -= 2 + a.Count;
                    for (int i = 0; i < a.Count; i++)
                        if (budget < 0 || !WithinBound(a[i], ref budget)) return false;
                    break;
                case JsonValue v:
#if NET9_0_OR_GREATER
                    // TryGetValue<T> is a generic virtual method, looked up at run time on every call: the concrete
                    // type (one compare) picks the one call that answers for the kinds nearly every payload is made of.
                    var type = v.GetType();
                    if (type == s_elementValue)
                    {
                        // A value still backed by the parsed document (most of an execution's input): bound it from its
                        // raw UTF-8 text instead of decoding it. Numbers, true, false and null are written as they were read.
                        v.TryGetValue(out JsonElement element);
                        budget -= RawBound(element);
                        break;
                    }
                    if (type == s_longValue) { budget -= Digits(v.GetValue<long>()); break; }
                    if (type == s_stringValue) { budget -= StringBound(v.GetValue<string>()); break; }
                    if (v.TryGetValue(out JsonElement other))
                    {
                        budget -= RawBound(other);
                        break;
                    }
#endif
                    switch (v.GetValueKind())
                    {
                        case JsonValueKind.String:
                            budget -= v.TryGetValue<string>(out var s) ? StringBound(s) : PayloadLimit + 1;
                            break;
                        case JsonValueKind.Number:
                            // Integers stored as such write their digits; anything else (decimals keep their scale) gets 40.
                            budget -= v.TryGetValue(out long l) ? Digits(l) : v.TryGetValue(out int i) ? Digits(i)
#if !NET9_0_OR_GREATER
                                : v.TryGetValue(out JsonElement e) && e.TryGetInt64(out l) ? Digits(l)
#endif
                                : 40;
                            break;
                        default: budget -= 5; break;
                    }
                    break;
            }
            return budget >= 0;
        }

        // Characters the writer's default encoder leaves alone: printable ASCII except quotes, backslash and the
        // HTML-sensitive ones. Everything else is escaped (\uXXXX: 6 bytes; control characters such as \n fewer).
        private const string Verbatim = " !#$%()*,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~";
        private static readonly System.Buffers.SearchValues<char> s_verbatimChars = System.Buffers.SearchValues.Create(Verbatim);

        private static long StringBound(string s)
        {
            if (s.AsSpan().IndexOfAnyExcept(s_verbatimChars) < 0) return s.Length + 2L;
            long n = 2;
            foreach (char c in s)
                n += s_verbatimChars.Contains(c) ? 1 : 6;
            return n;
        }

#if NET9_0_OR_GREATER
        // System.Text.Json's own (internal) classes for a parsed value, a long and a string.
        private static readonly Type s_elementValue = JsonNode.Parse("0")!.GetType();
        private static readonly Type s_longValue = JsonValue.Create(0L).GetType();
        private static readonly Type s_stringValue = JsonValue.Create("").GetType();

        private static readonly System.Buffers.SearchValues<byte> s_verbatimBytes = System.Buffers.SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(Verbatim));

        // A raw string token (quotes included) whose content needs no escaping is written as read. Otherwise each raw
        // byte becomes at most 6 written bytes: a 2-4 byte UTF-8 sequence one or two \uXXXX escapes, a raw escape
        // (\n, \", \u00e9, ...) at most 6 bytes for its 2 or 6. Numbers, true, false and null are written as read.
        private static long RawBound(JsonElement element)
        {
            var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element);
            if (element.ValueKind != JsonValueKind.String || raw.Length < 2) return raw.Length;
            return raw.Slice(1, raw.Length - 2).IndexOfAnyExcept(s_verbatimBytes) < 0 ? raw.Length : 6L * raw.Length;
        }
#endif

        // An upper bound of the written length of an integer: its digits and sign, and 2 for zero, which a parsed
        // value may hold as "-0" (read as a long by .NET 8's JsonValue, written as read).
        private static int Digits(long value)
        {
            if (value == 0) return 2;
            if (value == long.MinValue) return 20;
            int digits = value < 0 ? 2 : 1;
            for (ulong v = (ulong)Math.Abs(value); v >= 10; v /= 10) digits++;
            return digits;
        }

        /// <summary>The UTF-8 size of a node's JSON text.</summary>
        public static long Size(JsonNode? node)
        {
            if (node is null) return 4;
            using var counter = new CountingStream();
            using (var writer = new Utf8JsonWriter(counter)) node.WriteTo(writer);
            return counter.Length;
        }

        private sealed class CountingStream : System.IO.Stream
        {
            private long _length;
            public override bool CanRead => false;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => _length;
            public override long Position { get => _length; set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override long Seek(long offset, System.IO.SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => _length += count;
            public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
        }

        /// <summary>Groups items for ItemBatcher: <c>{"Items": [...], "BatchInput": ...}</c> per batch.</summary>
        public static JsonArray Batch(JsonArray items, int maxItemsPerBatch, int maxInputBytesPerBatch, JsonNode? batchInput)
        {
            // A batch holds at most maxItemsPerBatch items, and its items' JSON at most maxInputBytesPerBatch bytes;
            // 0 is no limit. An item larger than the byte limit still forms a batch of its own (it cannot be split).
            var batches = new JsonArray();
            JsonArray? batch = null;
            long bytes = 0;
            foreach (var item in items)
            {
                long size = maxInputBytesPerBatch > 0 ? Encoding.UTF8.GetByteCount(Text(item)) : 0;
                if (batch != null && (maxItemsPerBatch > 0 && batch.Count >= maxItemsPerBatch || maxInputBytesPerBatch > 0 && bytes + size > maxInputBytesPerBatch))
                    batch = null;
                if (batch == null)
                {
                    batch = new JsonArray();
                    bytes = 0;
                    var o = new JsonObject { ["Items"] = batch };
                    if (batchInput is not null) o["BatchInput"] = Copy(batchInput);
                    batches.Add((JsonNode)o);
                }
                batch.Add((JsonNode?)Copy(item));
                bytes += size;
            }
            return batches;
        }

        /// <summary>Compact JSON text for error causes.</summary>
        public static string Text(JsonNode? node) => node is null ? "null" : node.ToJsonString();
    }
}
