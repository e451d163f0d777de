using System;
using System.Collections.Generic;
using StatesGen.Generator.Json;
using StatesGen.Generator.Model;
using D = StatesGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace StatesGen.Generator.Parsing
{
    internal sealed partial class AslParser
    {
        private static readonly string[] ComparisonOperators =
        {
            "StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals", "StringMatches",
            "NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals",
            "BooleanEquals",
            "TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals",
            "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp",
        };

        private static bool IsComparison(string name) =>
            Array.IndexOf(ComparisonOperators, name) >= 0 ||
            (name.EndsWith("Path", StringComparison.Ordinal) && name != "StringMatchesPath" && !name.StartsWith("Is", StringComparison.Ordinal) &&
             Array.IndexOf(ComparisonOperators, name.Substring(0, name.Length - 4)) >= 0);

        private ChoiceState ParseChoice(JsonObjectSyntax obj)
        {
            var c = new ChoiceState { Default = OptionalString(obj, "Default") };
            var choices = obj.Find("Choices");
            if (choices == null) { _problems.Add(D.InvalidStructure, "A Choice state needs \"Choices\".", KeyOf(obj, "Type")); return c; }
            if (choices.Value is not JsonArraySyntax arr || arr.Items.Count == 0)
            {
                _problems.Add(D.InvalidChoiceRule, "\"Choices\" must be a non-empty array of rules.", choices.Value);
                return c;
            }
            foreach (var item in arr.Items)
            {
                var rule = ParseRule(item, topLevel: true);
                if (rule != null) rule.Source = item.ToJson();
                if (rule != null) c.Choices.Add(rule);
            }
            return c;
        }

        private ChoiceRuleModel? ParseRule(JsonValueSyntax node, bool topLevel)
        {
            if (node is not JsonObjectSyntax obj) { _problems.Add(D.InvalidChoiceRule, "A Choice rule must be an object.", node); return null; }
            var rule = new ChoiceRuleModel();
            var next = obj.Find("Next");
            if (topLevel)
            {
                if (next == null) _problems.Add(D.InvalidChoiceRule, "A top-level Choice rule needs \"Next\".", obj);
                else if (next.Value is JsonStringSyntax ns) rule.Next = ns.Value;
                else _problems.Add(D.InvalidStructure, "\"Next\" must be a string.", next.Value);
            }
            else if (next != null) _problems.Add(D.InvalidChoiceRule, "\"Next\" is only allowed on top-level Choice rules, not inside And, Or or Not.", next);

            if (_stateJsonata)
            {
                if (!topLevel) return rule;
                CheckFields(obj, "a JSONata Choice rule", new[] { "Condition", "Next", "Assign", "Output", "Comment" });
                rule.Operator = "Condition";
                var condition = obj.Find("Condition");
                if (condition == null) _problems.Add(D.InvalidChoiceRule, "A JSONata Choice rule needs \"Condition\": true, false or a {% %} expression.", obj);
                else if (condition.Value.Kind is JsonKind.True or JsonKind.False) rule.Condition = new PayloadLiteral { Value = JsonLiteral.From(condition.Value) };
                else if (condition.Value is JsonStringSyntax cs && IsExpressionString(cs.Value)) rule.Condition = ParseJsonataTemplate(cs, "Condition");
                else _problems.Add(D.InvalidChoiceRule, "\"Condition\" must be true, false or a {% %} expression.", condition.Value);
                if (obj.Find("Output") is { } ro) rule.Output = ParseJsonataTemplate(ro.Value, "Output");
                rule.Assign = ParseAssign(obj);
                return rule;
            }
            JsonPropertySyntax? op = null;
            foreach (var p in obj.Properties)
            {
                if (p.Name == "Next" || p.Name == "Variable" || p.Name == "Comment") continue;
                if (p.Name == "And" || p.Name == "Or" || p.Name == "Not" || IsComparison(p.Name))
                {
                    if (op != null) { _problems.Add(D.InvalidChoiceRule, $"A Choice rule has exactly one operator; this one has both \"{op.Name}\" and \"{p.Name}\".", p); continue; }
                    op = p;
                }
                else if (p.Name == "Assign" && topLevel) continue;
                else if (p.Name == "Condition" || p.Name == "Output") _problems.Add(D.InvalidChoiceRule, $"\"{p.Name}\" is a JSONata Choice rule field; it needs \"QueryLanguage\": \"JSONata\" on the state or the state machine.", p);
                else _problems.Add(D.InvalidChoiceRule, $"\"{p.Name}\" is not a Choice rule field or comparison operator.", p);
            }
            if (op == null) { _problems.Add(D.InvalidChoiceRule, "The Choice rule has no comparison operator (e.g. \"StringEquals\") and no And, Or or Not.", obj); return null; }
            rule.Operator = op.Name;
            if (topLevel) rule.Assign = ParseAssign(obj);
            var variable = obj.Find("Variable");
            if (op.Name == "And" || op.Name == "Or")
            {
                if (variable != null) _problems.Add(D.InvalidChoiceRule, $"\"Variable\" is not allowed on an \"{op.Name}\" rule.", variable);
                if (op.Value is not JsonArraySyntax arr || arr.Items.Count == 0) { _problems.Add(D.InvalidChoiceRule, $"\"{op.Name}\" must be a non-empty array of rules.", op.Value); return null; }
                foreach (var child in arr.Items) { var r = ParseRule(child, false); if (r != null) rule.Children.Add(r); }
                return rule;
            }
            if (op.Name == "Not")
            {
                if (variable != null) _problems.Add(D.InvalidChoiceRule, "\"Variable\" is not allowed on a \"Not\" rule.", variable);
                var r = ParseRule(op.Value, false);
                if (r != null) rule.Children.Add(r);
                return rule;
            }
            if (variable == null) { _problems.Add(D.InvalidChoiceRule, $"The \"{op.Name}\" rule needs \"Variable\".", op); return null; }
            rule.Variable = OptionalPath(obj, "Variable", PathKind.ReferencePath, false);
            if (op.Name.EndsWith("Path", StringComparison.Ordinal))
            {
                rule.OperandPath = OptionalPath(obj, op.Name, PathKind.ReferencePath, false);
                return rule;
            }
            rule.Operand = JsonLiteral.From(op.Value);
            rule.OperandAt = SourceSpan.Of(op.Value);
            return rule;
        }
    }
}
