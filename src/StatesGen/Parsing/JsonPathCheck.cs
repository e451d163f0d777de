using System.Collections.Generic;
using StatesGen.Generator.Model;

namespace StatesGen.Generator.Parsing
{
    /// <summary>
    /// Build-time view of a JSONPath: whether it is valid, definite (one node or nothing) and a Reference Path, and,
    /// for definite paths, the steps the emitter turns into direct property and index access.
    /// </summary>
    internal static class JsonPathCheck
    {
        public static bool TryCheck(string text, out string? error, out int errorOffset, out bool isDefinite, out bool isReference, out PathSteps? parsed)
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
        private static PathSteps? StepsOf(JsonPathing.JsonPathExpression expression)
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
            return new PathSteps(expression.IsContextPath, items);
        }
    }
}
