using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StatesGen.JsonPathing;

namespace StatesGen.CompilerServices
{
    /// <summary>The type of a value inside a filter. <see cref="Undefined"/> is a path that selected nothing.</summary>
    internal enum FilterValueKind { Undefined, Null, Boolean, Number, String, Array, Object, Pattern }

    /// <summary>
    /// A value a filter compares: a document node, a list of matches of an indefinite path, a literal from the filter
    /// text, or a pattern. Literals are read in place rather than turned into shared <see cref="JsonNode"/>s, so nothing
    /// mutable is shared between threads.
    /// </summary>
    internal readonly struct FilterValue
    {
        // JsonNode (never a JsonValue holding an object or array element), List<JsonNode?>, JsonPathLiteral or Regex.
        private readonly object? _source;

        private FilterValue(FilterValueKind kind, object? source)
        {
            Kind = kind;
            _source = source;
        }

        public FilterValueKind Kind { get; }

        public static FilterValue FromList(List<JsonNode?> matches) => new(FilterValueKind.Array, matches);

        public static FilterValue FromPattern(Regex pattern) => new(FilterValueKind.Pattern, pattern);

        public static FilterValue FromLiteral(JsonPathLiteral literal) => new(literal.Kind switch
        {
            JsonPathLiteralKind.Null => FilterValueKind.Null,
            JsonPathLiteralKind.Boolean => FilterValueKind.Boolean,
            JsonPathLiteralKind.Number => FilterValueKind.Number,
            JsonPathLiteralKind.String => FilterValueKind.String,
            JsonPathLiteralKind.Array => FilterValueKind.Array,
            _ => FilterValueKind.Object,
        }, literal);

        public static FilterValue FromNode(JsonNode? node)
        {
            switch (node)
            {
                case null: return new(FilterValueKind.Null, null);
                case JsonObject: return new(FilterValueKind.Object, node);
                case JsonArray: return new(FilterValueKind.Array, node);
            }
            switch (node.GetValueKind())
            {
                case JsonValueKind.String: return new(FilterValueKind.String, node);
                case JsonValueKind.Number: return new(FilterValueKind.Number, node);
                case JsonValueKind.True:
                case JsonValueKind.False: return new(FilterValueKind.Boolean, node);
                case JsonValueKind.Object: return new(FilterValueKind.Object, JsonPathEvaluator.AsObject(node));
                case JsonValueKind.Array: return new(FilterValueKind.Array, JsonPathEvaluator.AsArray(node));
                default: return new(FilterValueKind.Null, null);
            }
        }

        public Regex Pattern => (Regex)_source!;

        public bool Boolean => _source is JsonPathLiteral literal ? literal.Boolean : ((JsonNode)_source!).GetValue<bool>();

        public string String => _source is JsonPathLiteral literal ? literal.Text! : GetString((JsonValue)_source!);

        /// <summary>Elements of an array, members of an object, characters of a string.</summary>
        public int Count => _source switch
        {
            JsonPathLiteral literal => literal.Kind == JsonPathLiteralKind.Array ? literal.Items.Count : literal.Properties.Count,
            List<JsonNode?> list => list.Count,
            JsonArray array => array.Count,
            JsonObject obj => obj.Count,
            _ => 0,
        };

        public IEnumerable<FilterValue> Items
        {
            get
            {
                switch (_source)
                {
                    case JsonPathLiteral literal: foreach (var item in literal.Items) yield return FromLiteral(item); break;
                    case List<JsonNode?> list: foreach (var item in list) yield return FromNode(item); break;
                    case JsonArray array: foreach (var item in array) yield return FromNode(item); break;
                }
            }
        }

        public IEnumerable<KeyValuePair<string, FilterValue>> Members
        {
            get
            {
                switch (_source)
                {
                    case JsonPathLiteral literal:
                        foreach (var member in literal.Properties) yield return new(member.Key, FromLiteral(member.Value));
                        break;
                    case JsonObject obj:
                        foreach (var member in obj) yield return new(member.Key, FromNode(member.Value));
                        break;
                }
            }
        }

        public bool TryGetMember(string name, out FilterValue value)
        {
            value = default;
            if (_source is JsonObject obj)
            {
                if (!obj.TryGetPropertyValue(name, out var node)) return false;
                value = FromNode(node);
                return true;
            }
            if (_source is JsonPathLiteral literal)
            {
                foreach (var member in literal.Properties)
                {
                    if (member.Key != name) continue;
                    value = FromLiteral(member.Value);
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// Reads a number: true with <paramref name="exact"/> set when it fits a decimal, false with <paramref name="approximate"/>
        /// set when only a double holds it, null when this is not a number.
        /// </summary>
        public bool? TryGetNumber(out decimal exact, out double approximate)
        {
            exact = 0;
            approximate = 0;
            if (Kind != FilterValueKind.Number) return null;
            if (_source is JsonPathLiteral literal) return ParseNumber(literal.Text!, out exact, out approximate);
            var value = (JsonValue)_source!;
            if (value.TryGetValue(out JsonElement element))
            {
                if (element.TryGetDecimal(out exact)) return true;
                return element.TryGetDouble(out approximate) ? false : null;
            }
            // CLR-backed values: the common types directly, any other through their JSON text.
            if (value.TryGetValue(out int i)) { exact = i; return true; }
            if (value.TryGetValue(out long l)) { exact = l; return true; }
            if (value.TryGetValue(out decimal m)) { exact = m; return true; }
            if (value.TryGetValue(out double d))
            {
                if (double.IsFinite(d) && Math.Abs(d) < 7.9e28 && d == (double)(decimal)d) { exact = (decimal)d; return true; }
                approximate = d;
                return false;
            }
            return ParseNumber(value.ToJsonString(), out exact, out approximate);
        }

        /// <summary>What <c>=~</c> matches against: see <see cref="JsonPathEvaluator"/>'s Matches.</summary>
        public string RegexInput => Kind switch
        {
            FilterValueKind.String => String,
            FilterValueKind.Boolean => Boolean ? "true" : "false",
            FilterValueKind.Number => _source is JsonPathLiteral literal ? literal.Text!
                : ((JsonValue)_source!).TryGetValue(out JsonElement element) ? element.GetRawText() : ((JsonValue)_source).ToJsonString(),
            _ => "",
        };

        private static bool? ParseNumber(string text, out decimal exact, out double approximate)
        {
            approximate = 0;
            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out exact)) return true;
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out approximate) && double.IsFinite(approximate) ? false : null;
        }

        private static string GetString(JsonValue value)
        {
            if (value.TryGetValue(out string? text)) return text;
            if (value.TryGetValue(out JsonElement element)) return element.GetString()!;
            // char, Guid, DateTime and other CLR values that serialize as JSON strings.
            using var document = JsonDocument.Parse(value.ToJsonString());
            return document.RootElement.GetString()!;
        }
    }
}
