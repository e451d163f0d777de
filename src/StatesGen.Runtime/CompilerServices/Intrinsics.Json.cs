using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatesGen.CompilerServices
{
    public static partial class Intrinsics
    {
        // Jackson, which AWS's runtime is written against, accepts documents this deep; System.Text.Json stops at 64.
        private static readonly JsonDocumentOptions StringToJsonOptions = new JsonDocumentOptions { MaxDepth = 1000 };

        /// <summary><c>States.StringToJson(text)</c>: the JSON value a string holds.</summary>
        /// <param name="text">A string of JSON text; an empty or whitespace-only string gives null, as on AWS.</param>
        /// <returns>The parsed value, as new nodes; a repeated object key keeps its last value.</returns>
        public static JsonNode? StringToJson(JsonNode? text)
        {
            const string Function = "States.StringToJson";
            string input = RequireString(text, Function);
            if (input.AsSpan().Trim(" \t\r\n").IsEmpty)
            {
                return null;
            }

            try
            {
                using JsonDocument document = JsonDocument.Parse(input, StringToJsonOptions);
                return FromElement(document.RootElement);
            }
            catch (JsonException)
            {
                throw InvalidArguments(Function);
            }
        }

        /// <summary><c>States.JsonToString(value)</c>: the compact JSON text of a value, as AWS writes it (non-ASCII characters unescaped).</summary>
        /// <param name="value">Any JSON value; null gives <c>"null"</c>.</param>
        /// <returns>A JSON string.</returns>
        public static JsonNode? JsonToString(JsonNode? value)
        {
            var builder = new StringBuilder();
            AppendJson(builder, value);
            return JsonValue.Create(builder.ToString());
        }

        /// <summary>
        /// <c>States.JsonMerge(left, right, deep)</c>: a shallow merge of two objects, where a key of <paramref name="right"/>
        /// replaces the same key of <paramref name="left"/> (nested objects are not merged).
        /// </summary>
        /// <param name="left">The first object.</param>
        /// <param name="right">The second object, whose values win.</param>
        /// <param name="deep">Must not be <c>true</c>: AWS supports only shallow merging.</param>
        /// <returns>A new object: the keys of <paramref name="left"/> in their order, then the new keys of <paramref name="right"/>.</returns>
        public static JsonNode? JsonMerge(JsonNode? left, JsonNode? right, JsonNode? deep)
        {
            const string Function = "States.JsonMerge";
            if (left is not JsonObject first || right is not JsonObject second)
            {
                throw InvalidArguments(Function);
            }

            // Only true is refused: AWS treats any other third argument as a shallow merge (observed).
            if (KindOf(deep) == JsonValueKind.True)
            {
                throw InvalidArguments(Function);
            }

            var result = new JsonObject();
            foreach (KeyValuePair<string, JsonNode?> property in first)
            {
                result[property.Key] = Clone(property.Value);
            }

            foreach (KeyValuePair<string, JsonNode?> property in second)
            {
                result[property.Key] = Clone(property.Value);
            }

            return result;
        }

        private static JsonNode? FromElement(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var obj = new JsonObject();
                    foreach (JsonProperty property in element.EnumerateObject())
                    {
                        obj[property.Name] = FromElement(property.Value);
                    }

                    return obj;
                case JsonValueKind.Array:
                    var array = new JsonArray();
                    foreach (JsonElement item in element.EnumerateArray())
                    {
                        array.Add(FromElement(item));
                    }

                    return array;
                case JsonValueKind.String:
                    return JsonValue.Create(element.GetString());
                case JsonValueKind.Number:
                    // Integers are written canonically ("-0" becomes 0, recorded intrinsic-079); others keep their text.
                    string raw = element.GetRawText();
                    return raw.IndexOfAny(new[] { '.', 'e', 'E' }) < 0
                        && long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer)
                        ? JsonValue.Create(integer)
                        : JsonValue.Create(element.Clone());
                case JsonValueKind.True:
                    return JsonValue.Create(true);
                case JsonValueKind.False:
                    return JsonValue.Create(false);
                default:
                    return null;
            }
        }

        private static void AppendJson(StringBuilder builder, JsonNode? value)
        {
            switch (value)
            {
                case JsonObject obj:
                    builder.Append('{');
                    string separator = string.Empty;
                    foreach (KeyValuePair<string, JsonNode?> property in obj)
                    {
                        builder.Append(separator);
                        AppendJsonString(builder, property.Key);
                        builder.Append(':');
                        AppendJson(builder, property.Value);
                        separator = ",";
                    }

                    builder.Append('}');
                    break;
                case JsonArray array:
                    builder.Append('[');
                    for (int i = 0; i < array.Count; i++)
                    {
                        builder.Append(i == 0 ? string.Empty : ",");
                        AppendJson(builder, array[i]);
                    }

                    builder.Append(']');
                    break;
                default:
                    switch (KindOf(value))
                    {
                        case JsonValueKind.String:
                            TryGetString(value, out string? text);
                            AppendJsonString(builder, text!);
                            break;
                        case JsonValueKind.Number:
                            builder.Append(NumberText(value!));
                            break;
                        case JsonValueKind.True:
                            builder.Append("true");
                            break;
                        case JsonValueKind.False:
                            builder.Append("false");
                            break;
                        default:
                            builder.Append("null");
                            break;
                    }

                    break;
            }
        }

        // Escapes only what JSON requires, like Jackson: no \u escapes for non-ASCII, HTML characters or emoji.
        private static void AppendJsonString(StringBuilder builder, string text)
        {
            builder.Append('"');
            foreach (char c in text)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case '\b': builder.Append("\\b"); break;
                    case '\f': builder.Append("\\f"); break;
                    default:
                        if (c < ' ')
                        {
                            builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            builder.Append('"');
        }

        /// <summary>Equality of JSON values: numbers by value (1 equals 1.0), objects by content whatever the key order.</summary>
        private sealed class JsonValueComparer : IEqualityComparer<JsonNode?>
        {
            public static readonly JsonValueComparer Instance = new JsonValueComparer();

            public bool Equals(JsonNode? x, JsonNode? y)
            {
                JsonValueKind kind = KindOf(x);
                if (kind != KindOf(y))
                {
                    return false;
                }

                switch (kind)
                {
                    case JsonValueKind.Object:
                        var left = (JsonObject)x!;
                        var right = (JsonObject)y!;
                        if (left.Count != right.Count)
                        {
                            return false;
                        }

                        foreach (KeyValuePair<string, JsonNode?> property in left)
                        {
                            if (!right.TryGetPropertyValue(property.Key, out JsonNode? other) || !Equals(property.Value, other))
                            {
                                return false;
                            }
                        }

                        return true;
                    case JsonValueKind.Array:
                        var first = (JsonArray)x!;
                        var second = (JsonArray)y!;
                        if (first.Count != second.Count)
                        {
                            return false;
                        }

                        for (int i = 0; i < first.Count; i++)
                        {
                            if (!Equals(first[i], second[i]))
                            {
                                return false;
                            }
                        }

                        return true;
                    case JsonValueKind.String:
                        TryGetString(x, out string? a);
                        TryGetString(y, out string? b);
                        return string.Equals(a, b, StringComparison.Ordinal);
                    case JsonValueKind.Number:
                        return CanonicalNumber(NumberText(x!)) == CanonicalNumber(NumberText(y!));
                    default:
                        return true;
                }
            }

            public int GetHashCode(JsonNode? node)
            {
                switch (KindOf(node))
                {
                    case JsonValueKind.Object:
                        // Order-insensitive, like Equals.
                        int sum = 0;
                        foreach (KeyValuePair<string, JsonNode?> property in (JsonObject)node!)
                        {
                            sum += HashCode.Combine(StringComparer.Ordinal.GetHashCode(property.Key), GetHashCode(property.Value));
                        }

                        return sum;
                    case JsonValueKind.Array:
                        var hash = new HashCode();
                        foreach (JsonNode? item in (JsonArray)node!)
                        {
                            hash.Add(GetHashCode(item));
                        }

                        return hash.ToHashCode();
                    case JsonValueKind.String:
                        TryGetString(node, out string? text);
                        return StringComparer.Ordinal.GetHashCode(text!);
                    case JsonValueKind.Number:
                        return StringComparer.Ordinal.GetHashCode(CanonicalNumber(NumberText(node!)));
                    default:
                        return (int)KindOf(node);
                }
            }

            // The exact decimal value of a JSON number as "digits e exponent", without leading or trailing zeros,
            // so that 1, 1.0, 10e-1 and 0.1E1 all give "1e0".
            private static string CanonicalNumber(string text)
            {
                var digits = new StringBuilder(text.Length);
                bool negative = text.StartsWith('-');
                long exponent = 0;
                bool inFraction = false;
                for (int i = negative ? 1 : 0; i < text.Length; i++)
                {
                    char c = text[i];
                    if (c is >= '0' and <= '9')
                    {
                        digits.Append(c);
                        exponent -= inFraction ? 1 : 0;
                    }
                    else if (c == '.')
                    {
                        inFraction = true;
                    }
                    else if (c is 'e' or 'E')
                    {
                        if (!long.TryParse(text.AsSpan(i + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long power))
                        {
                            return text;
                        }

                        exponent += power;
                        break;
                    }
                }

                string significant = digits.ToString().TrimStart('0');
                if (significant.Length == 0)
                {
                    return "0";
                }

                string trimmed = significant.TrimEnd('0');
                exponent += significant.Length - trimmed.Length;
                return (negative ? "-" : string.Empty) + trimmed + "e" + exponent.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
