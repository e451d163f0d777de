using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StatesGen.JsonPathing;

namespace StatesGen.CompilerServices
{
    /// <summary>
    /// Walks a <see cref="JsonPathExpression"/> over <see cref="JsonNode"/>s the way Jayway JsonPath's path tokens do
    /// (com.jayway.jsonpath.internal.path: PropertyPathToken, ArrayIndexToken, ArraySliceToken, WildcardPathToken,
    /// PredicatePathToken, ScanPathToken), with AWS's lenient evaluation: a step that finds nothing is skipped.
    /// </summary>
    /// <remarks>Holds only the compiled regular expressions, read-only after construction, so it is thread-safe.</remarks>
    internal sealed partial class JsonPathEvaluator
    {
        private readonly Dictionary<JsonPathOperand, Regex> _patterns = new();

        public JsonPathEvaluator(JsonPathExpression path) => CompilePatterns(path);

        /// <summary>Evaluates a definite path: the node, or false when any step finds nothing.</summary>
        public static bool TryEvaluateDefinite(JsonPathExpression path, JsonNode? start, out JsonNode? result)
        {
            var segments = path.Segments;
            var node = start;
            for (int i = 0; i < segments.Count; i++)
            {
                var segment = segments[i];
                bool found;
                switch (segment.Kind)
                {
                    case JsonPathSegmentKind.Name:
                        found = TryGetMember(node, segment.Name!, out node);
                        break;
                    case JsonPathSegmentKind.Index:
                        found = TryGetElement(AsArray(node), segment.Index, out node);
                        break;
                    case JsonPathSegmentKind.NameUnion:
                        var obj = AsObject(node);
                        found = obj is not null;
                        node = found ? Merge(obj!, segment.Names) : null;
                        break;
                    default:
                        throw new InvalidOperationException("The path is not definite.");
                }
                if (!found)
                {
                    result = null;
                    return false;
                }
            }
            result = node;
            return true;
        }

        /// <summary>Adds to <paramref name="results"/> what segments <paramref name="index"/>.. select from <paramref name="node"/>.</summary>
        public void Collect(JsonPathExpression path, int index, JsonNode? node, JsonNode? root, List<JsonNode?> results)
        {
            if (index == path.Segments.Count) results.Add(node);
            else if (path.Segments[index].IsDeepScan) Scan(path, index, node, root, results);
            else Apply(path, index, node, root, results);
        }

        private void Apply(JsonPathExpression path, int index, JsonNode? node, JsonNode? root, List<JsonNode?> results)
        {
            var segment = path.Segments[index];
            int next = index + 1;
            JsonNode? value;
            switch (segment.Kind)
            {
                case JsonPathSegmentKind.Name:
                    if (TryGetMember(node, segment.Name!, out value)) Collect(path, next, value, root, results);
                    break;
                case JsonPathSegmentKind.NameUnion:
                    var obj = AsObject(node);
                    if (obj is null) break;
                    if (next == path.Segments.Count) results.Add(Merge(obj, segment.Names));
                    else foreach (var name in segment.Names) if (obj.TryGetPropertyValue(name, out value)) Collect(path, next, value, root, results);
                    break;
                case JsonPathSegmentKind.Index:
                    if (TryGetElement(AsArray(node), segment.Index, out value)) Collect(path, next, value, root, results);
                    break;
                case JsonPathSegmentKind.IndexUnion:
                    var array = AsArray(node);
                    foreach (int i in segment.Indexes) if (TryGetElement(array, i, out value)) Collect(path, next, value, root, results);
                    break;
                case JsonPathSegmentKind.Slice:
                    ApplySlice(path, index, AsArray(node), root, results);
                    break;
                case JsonPathSegmentKind.Wildcard:
                    if (AsObject(node) is { } members) foreach (var member in members) Collect(path, next, member.Value, root, results);
                    else if (AsArray(node) is { } elements) foreach (var element in elements) Collect(path, next, element, root, results);
                    break;
                case JsonPathSegmentKind.Filter:
                    // Jayway's PredicatePathToken tests an object itself and an array's elements.
                    if (AsObject(node) is { } tested) { if (Accept(segment.Filter!, tested, root)) Collect(path, next, tested, root, results); }
                    else if (AsArray(node) is { } candidates)
                    {
                        foreach (var element in candidates) if (Accept(segment.Filter!, element, root)) Collect(path, next, element, root, results);
                    }
                    break;
            }
        }

        // Jayway's ArraySliceToken, quirks included: [a:b] does not resolve a negative b, but negative positions inside the
        // range still count from the end ([-2:-1] is the next-to-last element).
        private void ApplySlice(JsonPathExpression path, int index, JsonArray? array, JsonNode? root, List<JsonNode?> results)
        {
            if (array is null) return;
            var segment = path.Segments[index];
            int length = array.Count, from, to;
            if (segment.SliceEnd is null)
            {
                from = segment.SliceStart!.Value;
                from = Math.Max(0, from < 0 ? length + from : from);
                to = length;
            }
            else if (segment.SliceStart is null)
            {
                to = segment.SliceEnd.Value;
                to = Math.Min(length, to < 0 ? length + to : to);
                from = 0;
            }
            else
            {
                // Positions below -length never hit an element, so start there rather than loop through them.
                from = Math.Max(segment.SliceStart.Value, -length);
                to = Math.Min(length, segment.SliceEnd.Value);
            }
            for (int i = from; i < to; i++)
            {
                if (TryGetElement(array, i, out var value)) Collect(path, index + 1, value, root, results);
            }
        }

        // ScanPathToken.walk: pre-order over the node and all its descendants; each container the next segment can apply to
        // gets it. For an array that matches, a non-final segment is skipped and the rest applied to each element (Jayway's
        // walkArray does exactly that).
        private void Scan(JsonPathExpression path, int index, JsonNode? node, JsonNode? root, List<JsonNode?> results)
        {
            if (AsObject(node) is { } obj)
            {
                if (ScanMatches(path, index, obj, root)) Apply(path, index, obj, root, results);
                foreach (var member in obj) Scan(path, index, member.Value, root, results);
            }
            else if (AsArray(node) is { } array)
            {
                if (ScanMatches(path, index, array, root))
                {
                    if (index == path.Segments.Count - 1) Apply(path, index, array, root, results);
                    else foreach (var element in array) Collect(path, index + 1, element, root, results);
                }
                foreach (var element in array) Scan(path, index, element, root, results);
            }
        }

        private bool ScanMatches(JsonPathExpression path, int index, JsonNode container, JsonNode? root)
        {
            var segment = path.Segments[index];
            switch (segment.Kind)
            {
                case JsonPathSegmentKind.Name:
                    return container is JsonObject named && named.ContainsKey(segment.Name!);
                case JsonPathSegmentKind.NameUnion:
                    if (index < path.Segments.Count - 1) return true;
                    if (container is not JsonObject merged) return false;
                    foreach (var name in segment.Names) if (!merged.ContainsKey(name)) return false;
                    return true;
                case JsonPathSegmentKind.Index:
                case JsonPathSegmentKind.IndexUnion:
                case JsonPathSegmentKind.Slice:
                    return container is JsonArray;
                case JsonPathSegmentKind.Filter:
                    return Accept(segment.Filter!, container, root);
                default:
                    return true;
            }
        }

        private static bool TryGetMember(JsonNode? node, string name, out JsonNode? value)
        {
            value = null;
            return AsObject(node) is { } obj && obj.TryGetPropertyValue(name, out value);
        }

        // Jayway's handleArrayIndex: a negative index counts from the end; anything out of range selects nothing.
        private static bool TryGetElement(JsonArray? array, int index, out JsonNode? value)
        {
            value = null;
            if (array is null) return false;
            long effective = index < 0 ? (long)array.Count + index : index;
            if (effective < 0 || effective >= array.Count) return false;
            value = array[(int)effective];
            return true;
        }

        // A trailing ['a','b'] yields one new object with the members that exist (PathToken.handleObjectProperty).
        private static JsonObject Merge(JsonObject source, IReadOnlyList<string> names)
        {
            var merged = new JsonObject();
            foreach (var name in names)
            {
                if (source.TryGetPropertyValue(name, out var value)) merged[name] = value?.DeepClone();
            }
            return merged;
        }

        /// <summary>The node as an object, also when it is a <see cref="JsonValue"/> wrapping an object element.</summary>
        internal static JsonObject? AsObject(JsonNode? node)
            => node as JsonObject ?? (node is JsonValue value && value.TryGetValue(out JsonElement element) && element.ValueKind == JsonValueKind.Object
                ? JsonObject.Create(element) : null);

        /// <summary>The node as an array, also when it is a <see cref="JsonValue"/> wrapping an array element.</summary>
        internal static JsonArray? AsArray(JsonNode? node)
            => node as JsonArray ?? (node is JsonValue value && value.TryGetValue(out JsonElement element) && element.ValueKind == JsonValueKind.Array
                ? JsonArray.Create(element) : null);

        private void CompilePatterns(JsonPathExpression path)
        {
            foreach (var segment in path.Segments)
            {
                if (segment.Filter is not null) CompilePatterns(segment.Filter);
            }
        }

        private void CompilePatterns(JsonPathFilter filter)
        {
            foreach (var operand in filter.Operands) CompilePatterns(operand);
            if (filter.Path is not null) CompilePatterns(filter.Path);
            foreach (var side in new[] { filter.Left, filter.Right })
            {
                if (side?.Path is not null) CompilePatterns(side.Path);
                if (side?.Kind == JsonPathOperandKind.Regex) _patterns[side] = JsonPathParser.CreateRegex(side.Pattern!, side.Flags!);
            }
        }
    }
}
