using System;
using System.Collections.Generic;
using System.Linq;
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
        /// <summary>A definite path's steps: string for a property name, int for an array index. Immutable, value-equatable.</summary>
        public sealed class Steps : IEquatable<Steps>
        {
            private readonly object[] _items;

            public Steps(bool isContext, IEnumerable<object> items) { IsContext = isContext; _items = items.ToArray(); }

            public bool IsContext { get; }
            public IReadOnlyList<object> Items => _items;

            /// <summary>The steps without the last one (the parent of the node the path selects).</summary>
            public Steps Parent => new Steps(IsContext, _items.Take(_items.Length - 1));

            public bool Equals(Steps? other) => other != null && IsContext == other.IsContext && _items.SequenceEqual(other._items);

            public override bool Equals(object? obj) => Equals(obj as Steps);

            public override int GetHashCode()
            {
                int hash = IsContext ? 1 : 0;
                foreach (var item in _items) hash = unchecked(hash * 31 + item.GetHashCode());
                return hash;
            }
        }

        public static bool TryCheck(string text, out string? error, out int errorOffset, out bool isDefinite, out bool isReference, out Steps? parsed)
        {
            error = null; errorOffset = 0; parsed = null;
            isDefinite = false; isReference = false;
            if (!JsonPathing.JsonPathParser.TryParse(text, out var expression, out error, out errorOffset)) return false;
            isDefinite = expression!.IsDefinite;
            isReference = expression.IsReferencePath;
            parsed = StepsOf(expression);
            return true;
        }

        /// <summary>The steps of a path made only of names and single indexes; null when it has any other kind of step.</summary>
        private static Steps? StepsOf(JsonPathing.JsonPathExpression expression)
        {
            if (!expression.IsReferencePath) return null;
            var items = new List<object>();
            foreach (var segment in expression.Segments)
            {
                if (segment.IsDeepScan) return null;
                if (segment.Kind == JsonPathing.JsonPathSegmentKind.Name) items.Add(segment.Name!);
                else if (segment.Kind == JsonPathing.JsonPathSegmentKind.Index) items.Add(segment.Index);
                else return null;
            }
            return new Steps(expression.IsContextPath, items);
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
