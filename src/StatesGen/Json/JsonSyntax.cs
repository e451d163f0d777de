using System;
using System.Collections.Generic;
using System.Globalization;

namespace StatesGen.Generator.Json
{
    /// <summary>The kind of a JSON value.</summary>
    internal enum JsonKind { Object, Array, String, Number, True, False, Null }

    /// <summary>
    /// A JSON value that remembers where it came from. The generator reports diagnostics at the exact token, so the
    /// reader keeps spans that System.Text.Json (not loadable next to an analyzer anyway) would throw away.
    /// </summary>
    internal abstract class JsonValueSyntax
    {
        protected JsonValueSyntax(int start, int end) { Start = start; End = end; }

        /// <summary>Offset of the first character of the value.</summary>
        public int Start { get; }

        /// <summary>Offset just past the last character of the value.</summary>
        public int End { get; }

        public abstract JsonKind Kind { get; }

        /// <summary>Canonical JSON text of this value (no insignificant whitespace).</summary>
        public abstract void WriteTo(System.Text.StringBuilder sb);

        public string ToJson()
        {
            var sb = new System.Text.StringBuilder();
            WriteTo(sb);
            return sb.ToString();
        }

        public override string ToString() => ToJson();
    }

    internal sealed class JsonObjectSyntax : JsonValueSyntax
    {
        public JsonObjectSyntax(int start, int end, List<JsonPropertySyntax> properties) : base(start, end) { Properties = properties; }

        public override JsonKind Kind => JsonKind.Object;

        /// <summary>Properties in document order (duplicates are reported by the reader; the first one wins here).</summary>
        public List<JsonPropertySyntax> Properties { get; }

        public JsonPropertySyntax? Find(string name)
        {
            foreach (var p in Properties) if (p.Name == name) return p;
            return null;
        }

        public JsonValueSyntax? this[string name] => Find(name)?.Value;

        public override void WriteTo(System.Text.StringBuilder sb)
        {
            sb.Append('{');
            for (int i = 0; i < Properties.Count; i++)
            {
                if (i > 0) sb.Append(',');
                JsonStringSyntax.WriteQuoted(sb, Properties[i].Name);
                sb.Append(':');
                Properties[i].Value.WriteTo(sb);
            }
            sb.Append('}');
        }
    }

    internal sealed class JsonPropertySyntax
    {
        public JsonPropertySyntax(string name, int nameStart, int nameEnd, JsonValueSyntax value)
        {
            Name = name; NameStart = nameStart; NameEnd = nameEnd; Value = value;
        }

        public string Name { get; }
        public int NameStart { get; }
        public int NameEnd { get; }
        public JsonValueSyntax Value { get; }
    }

    internal sealed class JsonArraySyntax : JsonValueSyntax
    {
        public JsonArraySyntax(int start, int end, List<JsonValueSyntax> items) : base(start, end) { Items = items; }

        public override JsonKind Kind => JsonKind.Array;

        public List<JsonValueSyntax> Items { get; }

        public override void WriteTo(System.Text.StringBuilder sb)
        {
            sb.Append('[');
            for (int i = 0; i < Items.Count; i++)
            {
                if (i > 0) sb.Append(',');
                Items[i].WriteTo(sb);
            }
            sb.Append(']');
        }
    }

    internal sealed class JsonStringSyntax : JsonValueSyntax
    {
        public JsonStringSyntax(int start, int end, string value) : base(start, end) { Value = value; }

        public override JsonKind Kind => JsonKind.String;

        public string Value { get; }

        public override void WriteTo(System.Text.StringBuilder sb) => WriteQuoted(sb, Value);

        /// <summary>The string as JSON text (JSON.stringify's escapes; a lone surrogate as \uXXXX so the text stays valid).</summary>
        public static void WriteQuoted(System.Text.StringBuilder sb, string s) => sb.Append(StatesGen.Jsonata.JsonataErrors.Quote(s));
    }

    internal sealed class JsonNumberSyntax : JsonValueSyntax
    {
        public JsonNumberSyntax(int start, int end, string text) : base(start, end) { Text = text; }

        public override JsonKind Kind => JsonKind.Number;

        /// <summary>The number exactly as written.</summary>
        public string Text { get; }

        public bool IsInteger => Text.IndexOfAny(new[] { '.', 'e', 'E' }) < 0;

        public bool TryGetInt64(out long value) => long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

        public bool TryGetDecimal(out decimal value) => decimal.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

        public double AsDouble => double.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture);

        public override void WriteTo(System.Text.StringBuilder sb) => sb.Append(Text);
    }

    internal sealed class JsonLiteralSyntax : JsonValueSyntax
    {
        private readonly JsonKind _kind;

        public JsonLiteralSyntax(int start, int end, JsonKind kind) : base(start, end) { _kind = kind; }

        public override JsonKind Kind => _kind;

        public override void WriteTo(System.Text.StringBuilder sb)
            => sb.Append(_kind == JsonKind.True ? "true" : _kind == JsonKind.False ? "false" : "null");
    }

    /// <summary>A JSON syntax error at an offset.</summary>
    internal sealed class JsonSyntaxError
    {
        public JsonSyntaxError(string message, int start, int length) { Message = message; Start = start; Length = Math.Max(0, length); }

        public string Message { get; }
        public int Start { get; }
        public int Length { get; }
    }
}
