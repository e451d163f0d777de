using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StatesGen.Generator.Parsing
{
    /// <summary>
    /// Build-time view of a JSONPath: whether it is valid, definite (one node or nothing) and a Reference Path, and,
    /// for definite paths, the steps the emitter turns into direct property and index access.
    /// </summary>
    internal static class JsonPathCheck
    {
        /// <summary>A definite path's steps: string for a property name, int for an array index.</summary>
        public sealed class Steps
        {
            public Steps(bool isContext, List<object> items) { IsContext = isContext; Items = items; }
            public bool IsContext { get; }
            public List<object> Items { get; }
        }

        public static bool TryCheck(string text, out string? error, out int errorOffset, out bool isDefinite, out bool isReference, out object? parsed)
        {
            error = null; errorOffset = 0; parsed = null;
            isDefinite = false; isReference = false;
            if (!JsonPathing.JsonPathParser.TryParse(text, out var expression, out error, out errorOffset)) return false;
            isDefinite = expression!.IsDefinite;
            isReference = expression.IsReferencePath;
            parsed = TrySimpleSteps(text);
            return true;
        }

        /// <summary>Splits a path made only of names and indexes; null when it has any other kind of step.</summary>
        public static Steps? TrySimpleSteps(string text)
        {
            int pos;
            bool context = text.StartsWith("$$", System.StringComparison.Ordinal);
            pos = context ? 2 : 1;
            var items = new List<object>();
            while (pos < text.Length)
            {
                var c = text[pos];
                if (c == '.')
                {
                    int start = ++pos;
                    while (pos < text.Length && text[pos] != '.' && text[pos] != '[') pos++;
                    var name = text.Substring(start, pos - start);
                    if (name.Length == 0 || name == "*" || name.IndexOf('(') >= 0) return null;
                    items.Add(name);
                }
                else if (c == '[')
                {
                    int close = text.IndexOf(']', pos);
                    if (close < 0) return null;
                    var inner = text.Substring(pos + 1, close - pos - 1).Trim();
                    if (inner.Length >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[inner.Length - 1] == inner[0])
                    {
                        var body = inner.Substring(1, inner.Length - 2);
                        if (body.IndexOf(inner[0]) >= 0 || body.IndexOf('\\') >= 0) return null;
                        items.Add(body);
                    }
                    else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index)) items.Add(index);
                    else return null;
                    pos = close + 1;
                }
                else return null;
            }
            return new Steps(context, items);
        }

        /// <summary>The path in Jayway's normalized bracket form, as AWS quotes it in error causes: $['a']['b'][0].</summary>
        public static string Normalize(Steps steps)
        {
            var sb = new StringBuilder(steps.IsContext ? "$$" : "$");
            foreach (var s in steps.Items)
            {
                if (s is int i) sb.Append('[').Append(i.ToString(CultureInfo.InvariantCulture)).Append(']');
                else sb.Append("['").Append((string)s).Append("']");
            }
            return sb.ToString();
        }
    }
}
