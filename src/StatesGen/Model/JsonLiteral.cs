using System;
using System.Globalization;
using System.Text;
using StatesGen.Generator.Json;

namespace StatesGen.Generator.Model
{
    /// <summary>
    /// A constant JSON value of the spec (a Pass state's Result, a literal in a payload template, a Choice operand):
    /// immutable and value-equatable, with no tie to the syntax tree it was read from. Strings hold their decoded
    /// value; numbers the text as written (the emitter picks the C# type that holds it exactly).
    /// </summary>
    internal sealed class JsonLiteral : IEquatable<JsonLiteral>
    {
        private JsonLiteral(JsonKind kind, string? text, EquatableArray<JsonLiteral> items, EquatableArray<JsonMember> members)
        {
            Kind = kind;
            Text = text;
            Items = items;
            Members = members;
        }

        public JsonKind Kind { get; }

        /// <summary>A string's value, or a number's text; null otherwise.</summary>
        public string? Text { get; }

        /// <summary>An array's items.</summary>
        public EquatableArray<JsonLiteral> Items { get; }

        /// <summary>An object's members, in document order.</summary>
        public EquatableArray<JsonMember> Members { get; }

        public bool IsInteger => Kind == JsonKind.Number && Text!.IndexOfAny(new[] { '.', 'e', 'E' }) < 0;

        public bool TryGetInt64(out long value) => long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

        public bool TryGetDecimal(out decimal value) => decimal.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

        public double AsDouble => double.Parse(Text!, NumberStyles.Float, CultureInfo.InvariantCulture);

        /// <summary>A string, its value decoded.</summary>
        public static JsonLiteral String(string value) => new JsonLiteral(JsonKind.String, value, default, default);

        /// <summary>A number, its text as written.</summary>
        public static JsonLiteral Number(string text) => new JsonLiteral(JsonKind.Number, text, default, default);

        public static JsonLiteral Array(EquatableArray<JsonLiteral> items) => new JsonLiteral(JsonKind.Array, null, items, default);

        public static JsonLiteral Object(EquatableArray<JsonMember> members) => new JsonLiteral(JsonKind.Object, null, default, members);

        /// <summary>true, false or null.</summary>
        public static JsonLiteral Constant(JsonKind kind) => new JsonLiteral(kind, null, default, default);

        /// <summary>Canonical JSON text (no insignificant whitespace), as the definition would say it.</summary>
        public string ToJson()
        {
            var sb = new StringBuilder();
            WriteTo(sb);
            return sb.ToString();
        }

        private void WriteTo(StringBuilder sb)
        {
            switch (Kind)
            {
                case JsonKind.String: JsonStringSyntax.WriteQuoted(sb, Text!); break;
                case JsonKind.Number: sb.Append(Text); break;
                case JsonKind.True: sb.Append("true"); break;
                case JsonKind.False: sb.Append("false"); break;
                case JsonKind.Null: sb.Append("null"); break;
                case JsonKind.Array:
                    sb.Append('[');
                    for (int i = 0; i < Items.Count; i++) { if (i > 0) sb.Append(','); Items.Items[i].WriteTo(sb); }
                    sb.Append(']');
                    break;
                case JsonKind.Object:
                    sb.Append('{');
                    for (int i = 0; i < Members.Count; i++)
                    {
                        if (i > 0) sb.Append(',');
                        JsonStringSyntax.WriteQuoted(sb, Members.Items[i].Name);
                        sb.Append(':');
                        Members.Items[i].Value.WriteTo(sb);
                    }
                    sb.Append('}');
                    break;
            }
        }

        public bool Equals(JsonLiteral? other) =>
            other != null && Kind == other.Kind && Text == other.Text && Items.Equals(other.Items) && Members.Equals(other.Members);

        public override bool Equals(object? obj) => Equals(obj as JsonLiteral);

        public override int GetHashCode() => unchecked(((int)Kind * 397) ^ (Text?.GetHashCode() ?? 0) ^ Items.GetHashCode() * 31 ^ Members.GetHashCode());

        public override string ToString() => ToJson();
    }

    /// <summary>One member of a <see cref="JsonLiteral"/> object.</summary>
    internal sealed class JsonMember : IEquatable<JsonMember>
    {
        public JsonMember(string name, JsonLiteral value) { Name = name; Value = value; }

        public string Name { get; }
        public JsonLiteral Value { get; }

        public bool Equals(JsonMember? other) => other != null && Name == other.Name && Value.Equals(other.Value);

        public override bool Equals(object? obj) => Equals(obj as JsonMember);

        public override int GetHashCode() => unchecked(Name.GetHashCode() * 31 + Value.GetHashCode());
    }
}
