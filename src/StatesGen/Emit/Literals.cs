using System.Globalization;
using System.Text;
using StatesGen.Generator.Json;
using StatesGen.Generator.Model;

namespace StatesGen.Generator.Emit
{
    /// <summary>C# literals for values taken from a definition. Definition text never becomes code any other way.</summary>
    internal static class Literals
    {
        public static string String(string? value)
        {
            if (value == null) return "null";
            var sb = new StringBuilder(value.Length + 2);
            sb.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    case '\0': sb.Append("\\0"); break;
                    default:
                        if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == '\u0085' || char.IsSurrogate(c) || c >= 0xFFF0)
                            sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            sb.Append('"');
            return sb.ToString();
        }

        /// <summary>Text safe inside a // comment or XML doc line: no line breaks, no comment terminators.</summary>
        public static string Comment(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (var c in text)
                sb.Append(c < 0x20 || c == '\u2028' || c == '\u2029' || c == '\u0085' ? ' ' : c);
            return sb.ToString();
        }

        public static string XmlEscape(string text) => Comment(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

        public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

        public static string Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture) + "m";

        /// <summary>A JsonNode expression that builds the given JSON value.</summary>
        public static string Json(JsonLiteral value)
        {
            switch (value.Kind)
            {
                case JsonKind.String: return "global::StatesGen.CompilerServices.Json.String(" + String(value.Text!) + ")";
                case JsonKind.Number: return Number(value);
                case JsonKind.True: return "global::StatesGen.CompilerServices.Json.Boolean(true)";
                case JsonKind.False: return "global::StatesGen.CompilerServices.Json.Boolean(false)";
                case JsonKind.Array:
                    {
                        if (value.Items.Count == 0) return "new global::System.Text.Json.Nodes.JsonArray()";
                        var sb = new StringBuilder("new global::System.Text.Json.Nodes.JsonArray(");
                        for (int i = 0; i < value.Items.Count; i++) { if (i > 0) sb.Append(", "); sb.Append(Json(value.Items.Items[i])); }
                        return sb.Append(')').ToString();
                    }
                case JsonKind.Object:
                    {
                        if (value.Members.Count == 0) return "new global::System.Text.Json.Nodes.JsonObject()";
                        var sb = new StringBuilder("new global::System.Text.Json.Nodes.JsonObject { ");
                        for (int i = 0; i < value.Members.Count; i++)
                        {
                            if (i > 0) sb.Append(", ");
                            var m = value.Members.Items[i];
                            sb.Append('[').Append(String(m.Name)).Append("] = ").Append(Json(m.Value));
                        }
                        return sb.Append(" }").ToString();
                    }
                default: return "null";
            }
        }

        /// <summary>A JSON number as a JsonNode, keeping integers integral and decimals exact where they fit.</summary>
        public static string Number(JsonLiteral n) => "global::StatesGen.CompilerServices.Json.Number(" + NumberLiteral(n) + ")";

        public static string NumberLiteral(JsonLiteral n)
        {
            if (n.IsInteger && n.TryGetInt64(out var l)) return l.ToString(CultureInfo.InvariantCulture) + "L";
            if (n.TryGetDecimal(out var d) && n.Text!.IndexOfAny(new[] { 'e', 'E' }) < 0) return d.ToString(CultureInfo.InvariantCulture) + "m";
            var dbl = n.AsDouble;
            if (double.IsInfinity(dbl)) return dbl > 0 ? "double.MaxValue" : "double.MinValue";
            return dbl.ToString("R", CultureInfo.InvariantCulture) + "d";
        }
    }
}
