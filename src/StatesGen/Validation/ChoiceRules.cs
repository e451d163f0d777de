using System;
using StatesGen.Generator.Json;
using StatesGen.Generator.Model;
using StatesGen.Generator.Parsing;
using StatesGen.Rfc3339;
using D = StatesGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace StatesGen.Generator.Validation
{
    /// <summary>
    /// JSONPath Choice rules: each comparison's literal operand has the type its operator compares (a string, a number,
    /// true or false, an RFC 3339 timestamp), and a StringMatches pattern escapes only '*' and '\'. The rules' shape
    /// (one operator, Variable, Next where allowed) is read, and checked, by the parser.
    /// </summary>
    internal static class ChoiceRules
    {
        public static void Check(ChoiceState choice, ProblemList problems)
        {
            foreach (var rule in choice.Choices) CheckRule(rule, problems);
        }

        private static void CheckRule(ChoiceRuleModel rule, ProblemList problems)
        {
            foreach (var child in rule.Children) CheckRule(child, problems);
            if (rule.Operand is { } operand) CheckOperand(rule.Operator, operand, rule.OperandAt, problems);
        }

        private static void CheckOperand(string op, JsonLiteral v, SourceSpan at, ProblemList problems)
        {
            string? expected = null;
            if (op.StartsWith("String", StringComparison.Ordinal) && v.Kind != JsonKind.String) expected = "a string";
            else if (op.StartsWith("Numeric", StringComparison.Ordinal) && v.Kind != JsonKind.Number) expected = "a number";
            else if ((op == "BooleanEquals" || op.StartsWith("Is", StringComparison.Ordinal)) && v.Kind != JsonKind.True && v.Kind != JsonKind.False) expected = "true or false";
            else if (op.StartsWith("Timestamp", StringComparison.Ordinal) && !(v.Kind == JsonKind.String && TimestampSyntax.TryParse(v.Text!, out _)))
                expected = "an RFC 3339 timestamp string such as \"2016-03-14T01:59:00Z\"";
            if (expected != null) problems.Add(D.InvalidChoiceRule, $"\"{op}\" must be {expected}.", at);
            else if (op == "StringMatches" && v.Kind == JsonKind.String && Patterns.StringMatchesSyntax.FindOpenEscape(v.Text!) >= 0)
                problems.Add(D.InvalidChoiceRule, "In \"StringMatches\" a backslash may only escape '*' or another backslash.", at);
        }
    }
}
