using System.Collections.Immutable;
using StatesGen.Generator.Json;
using StatesGen.Generator.Model;

namespace StatesGen.Generator.Parsing
{
    /// <summary>
    /// What the spec keeps of a piece of syntax: spans, typed field values and constants. The only place where JSON
    /// syntax nodes become spec values, so nothing in Model/ knows the syntax tree.
    /// </summary>
    internal static class SyntaxFacts
    {
        /// <summary>Where a value is.</summary>
        public static SourceSpan SpanOf(JsonValueSyntax value) => new SourceSpan(value.Start, value.End - value.Start);

        /// <summary>Where the key of a property (its quoted name) is.</summary>
        public static SourceSpan KeySpanOf(JsonPropertySyntax property) => new SourceSpan(property.NameStart, property.NameEnd - property.NameStart);

        /// <summary>A numeric field as written: its integer and decimal values when the JSON value is a number that fits them.</summary>
        public static NumberField NumberOf(JsonPropertySyntax p)
        {
            long? integer = null;
            decimal? number = null;
            if (p.Value is JsonNumberSyntax n)
            {
                if (n.IsInteger && n.TryGetInt64(out var l)) integer = l;
                if (n.TryGetDecimal(out var d)) number = d;
            }
            return new NumberField(p.Name, integer, number, SpanOf(p.Value));
        }

        /// <summary>A string field as written (its text null when the JSON value is not a string).</summary>
        public static TextField TextOf(JsonPropertySyntax p) => new TextField(p.Name, (p.Value as JsonStringSyntax)?.Value, SpanOf(p.Value));

        /// <summary>The fields of a JSON object in document order, with the spans of their keys and values.</summary>
        public static FieldSet FieldsOf(JsonObjectSyntax obj)
        {
            var fields = ImmutableArray.CreateBuilder<FieldSpan>(obj.Properties.Count);
            foreach (var p in obj.Properties) fields.Add(new FieldSpan(p.Name, KeySpanOf(p), SpanOf(p.Value)));
            return new FieldSet(new EquatableArray<FieldSpan>(fields.MoveToImmutable()));
        }

        /// <summary>A constant JSON value: strings decoded, numbers as written.</summary>
        public static JsonLiteral LiteralOf(JsonValueSyntax syntax)
        {
            switch (syntax)
            {
                case JsonStringSyntax s: return JsonLiteral.String(s.Value);
                case JsonNumberSyntax n: return JsonLiteral.Number(n.Text);
                case JsonArraySyntax a:
                    {
                        var items = ImmutableArray.CreateBuilder<JsonLiteral>(a.Items.Count);
                        foreach (var item in a.Items) items.Add(LiteralOf(item));
                        return JsonLiteral.Array(new EquatableArray<JsonLiteral>(items.MoveToImmutable()));
                    }
                case JsonObjectSyntax o:
                    {
                        var members = ImmutableArray.CreateBuilder<JsonMember>(o.Properties.Count);
                        foreach (var p in o.Properties) members.Add(new JsonMember(p.Name, LiteralOf(p.Value)));
                        return JsonLiteral.Object(new EquatableArray<JsonMember>(members.MoveToImmutable()));
                    }
                default: return JsonLiteral.Constant(syntax.Kind);
            }
        }
    }
}
