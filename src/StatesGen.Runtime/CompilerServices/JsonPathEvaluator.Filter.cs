using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StatesGen.JsonPathing;

namespace StatesGen.CompilerServices
{
    // Filter evaluation, after Jayway's filter package (RelationalExpressionNode, EvaluatorFactory, ValueNodes.PathNode).
    // Values never convert: 1 == '1' is false, as in Jayway before 2.5 and as Step Functions' Choice rules behave;
    // numbers compare by value (1 == 1.0). A missing value equals nothing, so != is true for it.
    internal sealed partial class JsonPathEvaluator
    {
        private bool Accept(JsonPathFilter filter, JsonNode? current, JsonNode? root)
        {
            switch (filter.Kind)
            {
                case JsonPathFilterKind.And:
                    foreach (var operand in filter.Operands) if (!Accept(operand, current, root)) return false;
                    return true;
                case JsonPathFilterKind.Or:
                    foreach (var operand in filter.Operands) if (Accept(operand, current, root)) return true;
                    return false;
                case JsonPathFilterKind.Not:
                    return !Accept(filter.Operands[0], current, root);
                case JsonPathFilterKind.Exists:
                    // A member that holds null exists. For an indefinite path Jayway's answer depends on where the walk
                    // stops; "selects something" is the useful reading.
                    var path = filter.Path!;
                    var start = path.Root == JsonPathRoot.Current ? current : root;
                    if (path.IsDefinite) return TryEvaluateDefinite(path, start, out _);
                    var found = new List<JsonNode?>();
                    Collect(path, 0, start, root, found);
                    return found.Count > 0;
                default:
                    var left = Evaluate(filter.Left!, current, root);
                    var right = Evaluate(filter.Right!, current, root);
                    return Compare(filter.Operator, left, right);
            }
        }

        private FilterValue Evaluate(JsonPathOperand operand, JsonNode? current, JsonNode? root)
        {
            switch (operand.Kind)
            {
                case JsonPathOperandKind.Literal:
                    return FilterValue.FromLiteral(operand.Literal!);
                case JsonPathOperandKind.Regex:
                    return FilterValue.FromPattern(_patterns[operand]);
                default:
                    // ValueNodes.PathNode.evaluate: a definite path gives its value or "undefined", any other a list.
                    var path = operand.Path!;
                    var start = path.Root == JsonPathRoot.Current ? current : root;
                    if (path.IsDefinite) return TryEvaluateDefinite(path, start, out var node) ? FilterValue.FromNode(node) : default;
                    var matches = new List<JsonNode?>();
                    Collect(path, 0, start, root, matches);
                    return FilterValue.FromList(matches);
            }
        }

        private static bool Compare(JsonPathOperator op, FilterValue left, FilterValue right)
        {
            switch (op)
            {
                case JsonPathOperator.Equal:
                case JsonPathOperator.StrictEqual:
                    return AreEqual(left, right);
                case JsonPathOperator.NotEqual:
                case JsonPathOperator.StrictNotEqual:
                    return !AreEqual(left, right);
                case JsonPathOperator.Less:
                    return TryOrder(left, right, out int lt) && lt < 0;
                case JsonPathOperator.LessOrEqual:
                    return TryOrder(left, right, out int le) && le <= 0;
                case JsonPathOperator.Greater:
                    return TryOrder(left, right, out int gt) && gt > 0;
                case JsonPathOperator.GreaterOrEqual:
                    return TryOrder(left, right, out int ge) && ge >= 0;
                case JsonPathOperator.Matches:
                    return left.Kind == FilterValueKind.Pattern ? Matches(left.Pattern, right) : Matches(right.Pattern, left);
                case JsonPathOperator.In:
                    return right.Kind == FilterValueKind.Array && ContainsEqual(right, left);
                case JsonPathOperator.NotIn:
                    return !(right.Kind == FilterValueKind.Array && ContainsEqual(right, left));
                case JsonPathOperator.SubsetOf:
                    if (left.Kind != FilterValueKind.Array || right.Kind != FilterValueKind.Array) return false;
                    foreach (var item in left.Items) if (!ContainsEqual(right, item)) return false;
                    return true;
                case JsonPathOperator.AnyOf:
                case JsonPathOperator.NoneOf:
                    if (left.Kind != FilterValueKind.Array || right.Kind != FilterValueKind.Array) return false;
                    bool any = false;
                    foreach (var item in left.Items) if (ContainsEqual(right, item)) { any = true; break; }
                    return op == JsonPathOperator.AnyOf ? any : !any;
                case JsonPathOperator.Size:
                    // Jayway's SizeEvaluator takes the number's intValue(), which truncates.
                    if (right.TryGetNumber(out decimal sizeDecimal, out double sizeDouble) is not { } exact) return false;
                    double size = exact ? (double)Math.Truncate(sizeDecimal) : Math.Truncate(sizeDouble);
                    return left.Kind switch
                    {
                        FilterValueKind.String => left.String.Length == size,
                        FilterValueKind.Array => left.Count == size,
                        _ => false,
                    };
                case JsonPathOperator.Empty:
                    bool wantEmpty = right.Boolean;
                    return left.Kind switch
                    {
                        FilterValueKind.String => (left.String.Length == 0) == wantEmpty,
                        FilterValueKind.Array or FilterValueKind.Object => (left.Count == 0) == wantEmpty,
                        _ => false,
                    };
                case JsonPathOperator.Contains:
                    if (left.Kind == FilterValueKind.String && right.Kind == FilterValueKind.String)
                        return left.String.Contains(right.String, StringComparison.Ordinal);
                    return left.Kind == FilterValueKind.Array && ContainsEqual(left, right);
                default:
                    return false;
            }
        }

        private static bool ContainsEqual(FilterValue array, FilterValue value)
        {
            foreach (var item in array.Items) if (AreEqual(item, value)) return true;
            return false;
        }

        /// <summary>Same type and same value; numbers by value, strings ordinally, arrays in order, objects in any order.</summary>
        internal static bool AreEqual(FilterValue a, FilterValue b)
        {
            if (a.Kind != b.Kind || a.Kind == FilterValueKind.Undefined || a.Kind == FilterValueKind.Pattern) return false;
            switch (a.Kind)
            {
                case FilterValueKind.Null:
                    return true;
                case FilterValueKind.Boolean:
                    return a.Boolean == b.Boolean;
                case FilterValueKind.String:
                    return string.Equals(a.String, b.String, StringComparison.Ordinal);
                case FilterValueKind.Number:
                    return TryOrder(a, b, out int order) && order == 0;
                case FilterValueKind.Array:
                    if (a.Count != b.Count) return false;
                    using (var left = a.Items.GetEnumerator())
                    using (var right = b.Items.GetEnumerator())
                    {
                        while (left.MoveNext() && right.MoveNext()) if (!AreEqual(left.Current, right.Current)) return false;
                    }
                    return true;
                default:
                    if (a.Count != b.Count) return false;
                    foreach (var member in a.Members)
                    {
                        if (!b.TryGetMember(member.Key, out var other) || !AreEqual(member.Value, other)) return false;
                    }
                    return true;
            }
        }

        // Two numbers by value (decimal when both fit, else double) or two strings ordinally, like Java's compareTo.
        private static bool TryOrder(FilterValue a, FilterValue b, out int order)
        {
            order = 0;
            if (a.Kind == FilterValueKind.String && b.Kind == FilterValueKind.String)
            {
                order = string.CompareOrdinal(a.String, b.String);
                return true;
            }
            if (a.Kind != FilterValueKind.Number || b.Kind != FilterValueKind.Number) return false;
            if (a.TryGetNumber(out decimal ad, out double ax) is not { } aExact || b.TryGetNumber(out decimal bd, out double bx) is not { } bExact)
                return false;
            if (aExact && bExact)
            {
                order = ad.CompareTo(bd);
                return true;
            }
            double x = aExact ? (double)ad : ax, y = bExact ? (double)bd : bx;
            if (double.IsNaN(x) || double.IsNaN(y)) return false;
            order = x.CompareTo(y);
            return true;
        }

        // RegexpEvaluator: strings match as themselves, numbers as their text, booleans as true/false, anything else as "";
        // against an array, any element may match.
        private static bool Matches(Regex pattern, FilterValue value)
        {
            if (value.Kind != FilterValueKind.Array) return pattern.IsMatch(value.RegexInput);
            foreach (var item in value.Items) if (pattern.IsMatch(item.RegexInput)) return true;
            return false;
        }
    }
}
