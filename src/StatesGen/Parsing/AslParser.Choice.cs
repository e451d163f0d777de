using System;
using System.Collections.Generic;
using System.Collections.Immutable;
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
            var defaultState = OptionalString(obj, "Default");
            var choices = obj.Find("Choices");
            if (choices == null) { _problems.Add(D.InvalidStructure, "A Choice state needs \"Choices\".", KeyOf(obj, "Type")); return new ChoiceState { Default = defaultState }; }
            if (choices.Value is not JsonArraySyntax arr || arr.Items.Count == 0)
            {
                _problems.Add(D.InvalidChoiceRule, "\"Choices\" must be a non-empty array of rules.", choices.Value);
                return new ChoiceState { Default = defaultState };
            }
            var rules = ImmutableArray.CreateBuilder<ChoiceRuleModel>();
            foreach (var item in arr.Items)
            {
                var rule = ParseRule(item, topLevel: true);
                if (rule != null) rules.Add(rule with { Source = item.ToJson() });
            }
            return new ChoiceState { Default = defaultState, Choices = new EquatableArray<ChoiceRuleModel>(rules.ToImmutable()) };
        }

        private ChoiceRuleModel? ParseRule(JsonValueSyntax node, bool topLevel)
        {
            if (node is not JsonObjectSyntax obj) { _problems.Add(D.InvalidChoiceRule, "A Choice rule must be an object.", node); return null; }
            var rule = new ChoiceRuleModel();
            var next = obj.Find("Next");
            if (topLevel)
            {
                if (next == null) _problems.Add(D.InvalidChoiceRule, "A top-level Choice rule needs \"Next\".", obj);
                else if (next.Value is JsonStringSyntax ns) rule = rule with { Next = ns.Value };
                else _problems.Add(D.InvalidStructure, "\"Next\" must be a string.", next.Value);
            }
            else if (next != null) _problems.Add(D.InvalidChoiceRule, "\"Next\" is only allowed on top-level Choice rules, not inside And, Or or Not.", next);

            if (_stateJsonata)
            {
                if (!topLevel) return rule;
                CheckFields(obj, "a JSONata Choice rule", new[] { "Condition", "Next", "Assign", "Output", "Comment" });
                PayloadModel? condition = null;
                var conditionField = obj.Find("Condition");
                if (conditionField == null) _problems.Add(D.InvalidChoiceRule, "A JSONata Choice rule needs \"Condition\": true, false or a {% %} expression.", obj);
                else if (conditionField.Value.Kind is JsonKind.True or JsonKind.False) condition = new PayloadLiteral(SyntaxFacts.LiteralOf(conditionField.Value));
                else if (conditionField.Value is JsonStringSyntax cs && IsExpressionString(cs.Value)) condition = ParseJsonataTemplate(cs, "Condition");
                else _problems.Add(D.InvalidChoiceRule, "\"Condition\" must be true, false or a {% %} expression.", conditionField.Value);
                var output = obj.Find("Output") is { } ro ? ParseJsonataTemplate(ro.Value, "Output") : null;
                return rule with { Operator = "Condition", Condition = condition, Output = output, Assign = ParseAssign(obj) };
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
            rule = rule with { Operator = op.Name, Assign = topLevel ? ParseAssign(obj) : null };
            var variable = obj.Find("Variable");
            if (op.Name == "And" || op.Name == "Or")
            {
                if (variable != null) _problems.Add(D.InvalidChoiceRule, $"\"Variable\" is not allowed on an \"{op.Name}\" rule.", variable);
                if (op.Value is not JsonArraySyntax arr || arr.Items.Count == 0) { _problems.Add(D.InvalidChoiceRule, $"\"{op.Name}\" must be a non-empty array of rules.", op.Value); return null; }
                var children = ImmutableArray.CreateBuilder<ChoiceRuleModel>();
                foreach (var child in arr.Items) { var r = ParseRule(child, false); if (r != null) children.Add(r); }
                return rule with { Children = new EquatableArray<ChoiceRuleModel>(children.ToImmutable()) };
            }
            if (op.Name == "Not")
            {
                if (variable != null) _problems.Add(D.InvalidChoiceRule, "\"Variable\" is not allowed on a \"Not\" rule.", variable);
                var r = ParseRule(op.Value, false);
                return r == null ? rule : rule with { Children = new EquatableArray<ChoiceRuleModel>(ImmutableArray.Create(r)) };
            }
            if (variable == null) { _problems.Add(D.InvalidChoiceRule, $"The \"{op.Name}\" rule needs \"Variable\".", op); return null; }
            rule = rule with { Variable = OptionalPath(obj, "Variable", PathKind.ReferencePath, false) };
            if (op.Name.EndsWith("Path", StringComparison.Ordinal))
                return rule with { OperandPath = OptionalPath(obj, op.Name, PathKind.ReferencePath, false) };
            return rule with { Operand = SyntaxFacts.LiteralOf(op.Value), OperandAt = SyntaxFacts.SpanOf(op.Value) };
        }
    }
}
