using System;
using StatesGen.Generator.Json;
using StatesGen.Generator.Model;
using System.Linq;

namespace StatesGen.Generator.Emit
{
    /// <summary>Turns a Choice rule into one C# boolean expression over the state's effective input.</summary>
    internal sealed class ChoiceEmitter
    {
        private const string Rules = "global::StatesGen.CompilerServices.ChoiceRules";
        private const string JsonRt = "global::StatesGen.CompilerServices.Json";
        private readonly ExpressionEmitter _expressions;

        public ChoiceEmitter(ExpressionEmitter expressions) { _expressions = expressions; }

        public string Condition(ChoiceRuleModel rule, string input, ContextSource context)
        {
            switch (rule.Operator)
            {
                case "And": return "(" + string.Join(" && ", rule.Children.Select(c => Condition(c, input, context))) + ")";
                case "Or": return "(" + string.Join(" || ", rule.Children.Select(c => Condition(c, input, context))) + ")";
                case "Not": return rule.Children.Count == 0 ? "false" : "!" + Condition(rule.Children[0], input, context);
            }
            var lookup = _expressions.Lookup(rule.Variable!, input, context);
            var op = rule.Operator;
            if (op.StartsWith("Is", StringComparison.Ordinal))
            {
                // "IsNumeric": false is a real negation: on a missing or null value it is true.
                bool positive = rule.Operand?.Kind != JsonKind.False;
                string test = op == "IsPresent"
                    ? $"{JsonRt}.IsFound({lookup})"
                    : $"{Rules}.{op}({JsonRt}.ValueOf({lookup}), {JsonRt}.IsFound({lookup}))";
                return positive ? test : "!" + test;
            }
            // A comparison whose Variable matches nothing is a runtime error in AWS (States.Runtime).
            var value = $"{JsonRt}.RequireVariable({lookup}, x, {Literals.String(rule.Variable!.Text)})";
            if (rule.OperandPath != null)
            {
                var operand = $"{JsonRt}.RequireVariable({_expressions.Lookup(rule.OperandPath, input, context)}, x, {Literals.String(rule.OperandPath.Text)})";
                return $"{Rules}.{op.Substring(0, op.Length - 4)}({value}, {operand})";
            }
            return $"{Rules}.{op}({value}, {Operand(op, rule.Operand!)})";
        }

        private string Operand(string op, JsonLiteral operand)
        {
            switch (operand.Kind)
            {
                case JsonKind.String when op.StartsWith("Timestamp", StringComparison.Ordinal):
                    return _expressions.Field("global::System.DateTimeOffset", $"global::StatesGen.CompilerServices.Timestamps.Parse({Literals.String(operand.Text!)})",
                        "timestamp" + Names.Suffix(operand.Text!));
                case JsonKind.String: return Literals.String(operand.Text!);
                case JsonKind.Number:
                    return operand.TryGetDecimal(out var d) && operand.Text!.IndexOfAny(new[] { 'e', 'E' }) < 0 ? Literals.Decimal(d) : Literals.Number(operand);
                case JsonKind.True: return "true";
                case JsonKind.False: return "false";
                default: return Literals.Json(operand);
            }
        }
    }
}
