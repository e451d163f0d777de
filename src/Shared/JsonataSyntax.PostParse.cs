// The post-parse stage of jsonata-js (src/parser.js, processAST): flattens '.' chains into paths of steps, moves
// predicates into step stages, resolves '@' / '#' tuple bindings and '%' parent slots, and marks tail calls.
#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;

namespace StatesGen.Jsonata
{
    internal sealed partial class JsonataParser
    {
        private sealed class PostParser
        {
            private int _ancestorLabel;
            private int _ancestorIndex;
            private readonly List<JsonataNode> _ancestry = new List<JsonataNode>();

            public JsonataNode Run(Raw expr)
            {
                var result = Process(expr);
                if (result.Kind == JsonataNodeKind.Parent || result.SeekingParent != null)
                    throw JsonataErrors.Create("S0217", result.Position, TypeName(result));
                return result;
            }

            private static string TypeName(JsonataNode node)
            {
                switch (node.Kind)
                {
                    case JsonataNodeKind.Path: return "path";
                    case JsonataNodeKind.Binary: return "binary";
                    case JsonataNodeKind.Negate: case JsonataNodeKind.ArrayConstructor: case JsonataNodeKind.ObjectConstructor: return "unary";
                    case JsonataNodeKind.Name: return "name";
                    case JsonataNodeKind.String: return "string";
                    case JsonataNodeKind.Number: return "number";
                    case JsonataNodeKind.Value: return "value";
                    case JsonataNodeKind.Wildcard: return "wildcard";
                    case JsonataNodeKind.Descendant: return "descendant";
                    case JsonataNodeKind.Parent: return "parent";
                    case JsonataNodeKind.Condition: return "condition";
                    case JsonataNodeKind.Block: return "block";
                    case JsonataNodeKind.Bind: return "bind";
                    case JsonataNodeKind.Regex: return "regex";
                    case JsonataNodeKind.Function: return "function";
                    case JsonataNodeKind.Partial: return "partial";
                    case JsonataNodeKind.Variable: return "variable";
                    case JsonataNodeKind.Lambda: return "lambda";
                    case JsonataNodeKind.Apply: return "apply";
                    case JsonataNodeKind.Transform: return "transform";
                    case JsonataNodeKind.Sort: return "sort";
                    default: return "operator";
                }
            }

            private static JsonataNode Leaf(Raw expr)
            {
                JsonataNode n;
                switch (expr.Type)
                {
                    case "string":
                        n = new JsonataNode(JsonataNodeKind.String, expr.Position) { StringValue = (string)expr.Value! };
                        break;
                    case "number":
                        n = new JsonataNode(JsonataNodeKind.Number, expr.Position) { NumberValue = (double)expr.Value! };
                        break;
                    case "value":
                        n = new JsonataNode(JsonataNodeKind.Value, expr.Position) { IsNull = expr.Value == null, BooleanValue = expr.Value is bool b && b };
                        break;
                    case "wildcard":
                        n = new JsonataNode(JsonataNodeKind.Wildcard, expr.Position);
                        break;
                    case "descendant":
                        n = new JsonataNode(JsonataNodeKind.Descendant, expr.Position);
                        break;
                    case "variable":
                        n = new JsonataNode(JsonataNodeKind.Variable, expr.Position) { Name = (string)expr.Value! };
                        break;
                    case "regex":
                        var re = (JsonataRegexLiteral)expr.Value!;
                        n = new JsonataNode(JsonataNodeKind.Regex, expr.Position) { RegexPattern = re.Pattern, RegexFlags = re.Flags };
                        break;
                    default: // name
                        n = new JsonataNode(JsonataNodeKind.Name, expr.Position) { Name = TokenText(expr.Value) };
                        break;
                }
                n.KeepArray = expr.KeepArray;
                return n;
            }

            private JsonataNode Process(Raw expr)
            {
                JsonataNode result;
                switch (expr.Type)
                {
                    case "binary":
                        result = ProcessBinary(expr);
                        break;
                    case "unary":
                        result = ProcessUnary(expr);
                        break;
                    case "function":
                    case "partial":
                        {
                            result = new JsonataNode(expr.Type == "function" ? JsonataNodeKind.Function : JsonataNodeKind.Partial, expr.Position);
                            var args = new List<JsonataNode>();
                            foreach (var arg in expr.Arguments!)
                            {
                                var a = Process(arg);
                                PushAncestry(result, a);
                                args.Add(a);
                            }
                            result.Arguments = args;
                            result.Procedure = Process(expr.Procedure!);
                            break;
                        }
                    case "lambda":
                        {
                            result = new JsonataNode(JsonataNodeKind.Lambda, expr.Position)
                            {
                                Parameters = expr.Arguments!.ConvertAll(a => (string)a.Value!),
                                Signature = expr.Signature,
                            };
                            result.Body = TailCallOptimize(Process(expr.Body!));
                            break;
                        }
                    case "condition":
                        result = new JsonataNode(JsonataNodeKind.Condition, expr.Position);
                        result.Condition = Process(expr.Condition!);
                        PushAncestry(result, result.Condition);
                        result.Then = Process(expr.Then!);
                        PushAncestry(result, result.Then);
                        if (expr.Else != null)
                        {
                            result.Else = Process(expr.Else);
                            PushAncestry(result, result.Else);
                        }
                        break;
                    case "transform":
                        result = new JsonataNode(JsonataNodeKind.Transform, expr.Position);
                        result.Pattern = Process(expr.Pattern!);
                        result.Update = Process(expr.Update!);
                        if (expr.Delete != null) result.Delete = Process(expr.Delete);
                        break;
                    case "block":
                        {
                            result = new JsonataNode(JsonataNodeKind.Block, expr.Position);
                            var list = new List<JsonataNode>();
                            foreach (var item in expr.Expressions!)
                            {
                                var part = Process(item);
                                PushAncestry(result, part);
                                if (part.ConsArray || (part.Kind == JsonataNodeKind.Path && part.Steps![0].ConsArray)) result.ConsArray = true;
                                list.Add(part);
                            }
                            result.Expressions = list;
                            break;
                        }
                    case "name":
                        {
                            var step = Leaf(expr);
                            result = new JsonataNode(JsonataNodeKind.Path, expr.Position) { Steps = new List<JsonataNode> { step } };
                            if (expr.KeepArray) result.KeepSingletonArray = true;
                            break;
                        }
                    case "parent":
                        result = new JsonataNode(JsonataNodeKind.Parent, expr.Position)
                        {
                            Slot = new JsonataSlot("!" + (_ancestorLabel++).ToString(CultureInfo.InvariantCulture), 1, _ancestorIndex++),
                        };
                        _ancestry.Add(result);
                        break;
                    case "string":
                    case "number":
                    case "value":
                    case "wildcard":
                    case "descendant":
                    case "variable":
                    case "regex":
                        result = Leaf(expr);
                        break;
                    case "operator":
                        {
                            string op = (string)expr.Value!;
                            if (op == "and" || op == "or" || op == "in")
                            {
                                expr.Type = "name";
                                result = Process(expr);
                            }
                            else if (op == "?")
                            {
                                result = new JsonataNode(JsonataNodeKind.Placeholder, expr.Position);
                            }
                            else
                            {
                                throw JsonataErrors.Create("S0201", expr.Position, op);
                            }
                            break;
                        }
                    default:
                        if (expr.HasId && expr.Id == "(end)") throw JsonataErrors.Create("S0207", expr.Position, TokenText(expr.Value));
                        throw JsonataErrors.Create("S0206", expr.Position, TokenText(expr.Value));
                }
                if (expr.KeepArray) result.KeepArray = true;
                return result;
            }

            private JsonataNode ProcessUnary(Raw expr)
            {
                JsonataNode result;
                string op = (string)expr.Value!;
                if (op == "[")
                {
                    result = new JsonataNode(JsonataNodeKind.ArrayConstructor, expr.Position);
                    var list = new List<JsonataNode>();
                    foreach (var item in expr.Expressions!)
                    {
                        var value = Process(item);
                        PushAncestry(result, value);
                        list.Add(value);
                    }
                    result.Expressions = list;
                }
                else if (op == "{")
                {
                    result = new JsonataNode(JsonataNodeKind.ObjectConstructor, expr.Position);
                    var pairs = new List<JsonataPair>();
                    foreach (var pair in expr.Pairs!)
                    {
                        var key = Process(pair[0]);
                        PushAncestry(result, key);
                        var value = Process(pair[1]);
                        PushAncestry(result, value);
                        pairs.Add(new JsonataPair(key, value));
                    }
                    result.Pairs = pairs;
                }
                else
                {
                    var operand = Process(expr.Expression!);
                    if (operand.Kind == JsonataNodeKind.Number)
                    {
                        result = operand;
                        result.NumberValue = -result.NumberValue;
                    }
                    else
                    {
                        result = new JsonataNode(JsonataNodeKind.Negate, expr.Position) { Expression = operand };
                        PushAncestry(result, operand);
                    }
                }
                return result;
            }

            private JsonataNode ProcessBinary(Raw expr)
            {
                JsonataNode result;
                string op = (string)expr.Value!;
                switch (op)
                {
                    case ".":
                        {
                            var lstep = Process(expr.Lhs!);
                            if (lstep.Kind == JsonataNodeKind.Path) result = lstep;
                            else result = new JsonataNode(JsonataNodeKind.Path, lstep.Position) { Steps = new List<JsonataNode> { lstep } };
                            if (lstep.Kind == JsonataNodeKind.Parent) result.SeekingParent = new List<JsonataSlot> { lstep.Slot! };
                            var rest = Process(expr.Rhs!);
                            if (rest.Kind == JsonataNodeKind.Path)
                            {
                                result.Steps!.AddRange(rest.Steps!);
                            }
                            else
                            {
                                if (rest.Predicates != null)
                                {
                                    rest.Stages = rest.Predicates;
                                    rest.Predicates = null;
                                }
                                result.Steps!.Add(rest);
                            }
                            foreach (var step in result.Steps!)
                            {
                                if (step.Kind == JsonataNodeKind.Number || step.Kind == JsonataNodeKind.Value)
                                {
                                    string v = step.Kind == JsonataNodeKind.Number ? JsonataNumberText.Format(step.NumberValue)
                                        : step.IsNull ? "null" : step.BooleanValue ? "true" : "false";
                                    throw JsonataErrors.Create("S0213", step.Position, null, "value", v);
                                }
                                if (step.Kind == JsonataNodeKind.String)
                                {
                                    step.Kind = JsonataNodeKind.Name;
                                    step.Name = step.StringValue;
                                }
                            }
                            foreach (var step in result.Steps)
                                if (step.KeepArray) { result.KeepSingletonArray = true; break; }
                            var first = result.Steps[0];
                            if (first.Kind == JsonataNodeKind.ArrayConstructor) first.ConsArray = true;
                            var last = result.Steps[result.Steps.Count - 1];
                            if (last.Kind == JsonataNodeKind.ArrayConstructor) last.ConsArray = true;
                            ResolveAncestry(result);
                            break;
                        }
                    case "[":
                        {
                            result = Process(expr.Lhs!);
                            var step = result;
                            bool stages = false;
                            if (result.Kind == JsonataNodeKind.Path)
                            {
                                step = result.Steps![result.Steps.Count - 1];
                                stages = true;
                            }
                            if (step.Group != null) throw JsonataErrors.Create("S0209", expr.Position, null);
                            var predicate = Process(expr.Rhs!);
                            if (predicate.SeekingParent != null)
                            {
                                foreach (var slot in predicate.SeekingParent)
                                {
                                    if (slot.Level == 1) SeekParent(step, slot);
                                    else slot.Level--;
                                }
                                PushAncestry(step, predicate);
                            }
                            var stage = new JsonataStage(predicate, null, expr.Position);
                            if (stages) (step.Stages ??= new List<JsonataStage>()).Add(stage);
                            else (step.Predicates ??= new List<JsonataStage>()).Add(stage);
                            break;
                        }
                    case "{":
                        {
                            result = Process(expr.Lhs!);
                            if (result.Group != null) throw JsonataErrors.Create("S0210", expr.Position, null);
                            var pairs = new List<JsonataPair>();
                            foreach (var pair in expr.Pairs!) pairs.Add(new JsonataPair(Process(pair[0]), Process(pair[1])));
                            result.Group = new JsonataGroup(pairs, expr.Position);
                            break;
                        }
                    case "^":
                        {
                            result = Process(expr.Lhs!);
                            if (result.Kind != JsonataNodeKind.Path)
                                result = new JsonataNode(JsonataNodeKind.Path, result.Position) { Steps = new List<JsonataNode> { result } };
                            var sortStep = new JsonataNode(JsonataNodeKind.Sort, expr.Position);
                            var terms = new List<JsonataSortTerm>();
                            foreach (var term in expr.Terms!)
                            {
                                var e = Process(term.Value);
                                PushAncestry(sortStep, e);
                                terms.Add(new JsonataSortTerm(term.Key, e));
                            }
                            sortStep.SortTerms = terms;
                            result.Steps!.Add(sortStep);
                            ResolveAncestry(result);
                            break;
                        }
                    case ":=":
                        result = new JsonataNode(JsonataNodeKind.Bind, expr.Position);
                        result.Lhs = Process(expr.Lhs!);
                        result.Rhs = Process(expr.Rhs!);
                        PushAncestry(result, result.Rhs);
                        break;
                    case "@":
                        {
                            result = Process(expr.Lhs!);
                            var step = result;
                            if (result.Kind == JsonataNodeKind.Path) step = result.Steps![result.Steps.Count - 1];
                            if (step.Stages != null || step.Predicates != null) throw JsonataErrors.Create("S0215", expr.Position, null);
                            if (step.Kind == JsonataNodeKind.Sort) throw JsonataErrors.Create("S0216", expr.Position, null);
                            if (expr.KeepArray) step.KeepArray = true;
                            step.Focus = (string)expr.Rhs!.Value!;
                            step.Tuple = true;
                            break;
                        }
                    case "#":
                        {
                            result = Process(expr.Lhs!);
                            var step = result;
                            if (result.Kind == JsonataNodeKind.Path)
                            {
                                step = result.Steps![result.Steps.Count - 1];
                            }
                            else
                            {
                                result = new JsonataNode(JsonataNodeKind.Path, result.Position) { Steps = new List<JsonataNode> { step } };
                                if (step.Predicates != null)
                                {
                                    step.Stages = step.Predicates;
                                    step.Predicates = null;
                                }
                            }
                            string name = (string)expr.Rhs!.Value!;
                            if (step.Stages == null) step.Index = name;
                            else step.Stages.Add(new JsonataStage(null, name, expr.Position));
                            step.Tuple = true;
                            break;
                        }
                    case "~>":
                        result = new JsonataNode(JsonataNodeKind.Apply, expr.Position);
                        result.Lhs = Process(expr.Lhs!);
                        result.Rhs = Process(expr.Rhs!);
                        result.KeepArray = result.Lhs.KeepArray || result.Rhs.KeepArray;
                        break;
                    default:
                        result = new JsonataNode(JsonataNodeKind.Binary, expr.Position) { Operator = op };
                        result.Lhs = Process(expr.Lhs!);
                        result.Rhs = Process(expr.Rhs!);
                        PushAncestry(result, result.Lhs);
                        PushAncestry(result, result.Rhs);
                        break;
                }
                return result;
            }

            private static JsonataNode TailCallOptimize(JsonataNode expr)
            {
                if (expr.Kind == JsonataNodeKind.Function && expr.Predicates == null)
                {
                    return new JsonataNode(JsonataNodeKind.Lambda, expr.Position)
                    {
                        Thunk = true,
                        Parameters = new List<string>(),
                        Body = expr,
                    };
                }
                if (expr.Kind == JsonataNodeKind.Condition)
                {
                    expr.Then = TailCallOptimize(expr.Then!);
                    if (expr.Else != null) expr.Else = TailCallOptimize(expr.Else);
                }
                else if (expr.Kind == JsonataNodeKind.Block)
                {
                    int length = expr.Expressions!.Count;
                    if (length > 0) expr.Expressions[length - 1] = TailCallOptimize(expr.Expressions[length - 1]);
                }
                return expr;
            }

            private JsonataSlot SeekParent(JsonataNode node, JsonataSlot slot)
            {
                switch (node.Kind)
                {
                    case JsonataNodeKind.Name:
                    case JsonataNodeKind.Wildcard:
                        slot.Level--;
                        if (slot.Level == 0)
                        {
                            if (node.Ancestor == null)
                            {
                                node.Ancestor = slot;
                            }
                            else
                            {
                                _ancestry[slot.Index].Slot!.Label = node.Ancestor.Label;
                                node.Ancestor = slot;
                            }
                            node.Tuple = true;
                        }
                        break;
                    case JsonataNodeKind.Parent:
                        slot.Level++;
                        break;
                    case JsonataNodeKind.Block:
                        if (node.Expressions!.Count > 0)
                        {
                            node.Tuple = true;
                            slot = SeekParent(node.Expressions[node.Expressions.Count - 1], slot);
                        }
                        break;
                    case JsonataNodeKind.Path:
                        {
                            node.Tuple = true;
                            int index = node.Steps!.Count - 1;
                            slot = SeekParent(node.Steps[index--], slot);
                            while (slot.Level > 0 && index >= 0) slot = SeekParent(node.Steps[index--], slot);
                            break;
                        }
                    default:
                        throw JsonataErrors.Create("S0217", node.Position, TypeName(node));
                }
                return slot;
            }

            private static void PushAncestry(JsonataNode result, JsonataNode value)
            {
                if (value.SeekingParent != null || value.Kind == JsonataNodeKind.Parent)
                {
                    var slots = value.SeekingParent ?? new List<JsonataSlot>();
                    if (value.Kind == JsonataNodeKind.Parent) slots.Add(value.Slot!);
                    if (result.SeekingParent == null) result.SeekingParent = slots;
                    else result.SeekingParent.AddRange(slots);
                }
            }

            private void ResolveAncestry(JsonataNode path)
            {
                var steps = path.Steps!;
                var laststep = steps[steps.Count - 1];
                var slots = laststep.SeekingParent ?? new List<JsonataSlot>();
                if (laststep.Kind == JsonataNodeKind.Parent) slots.Add(laststep.Slot!);
                for (int s = 0; s < slots.Count; s++)
                {
                    var slot = slots[s];
                    int index = steps.Count - 2;
                    while (slot.Level > 0)
                    {
                        if (index < 0)
                        {
                            (path.SeekingParent ??= new List<JsonataSlot>()).Add(slot);
                            break;
                        }
                        var step = steps[index--];
                        while (index >= 0 && step.Focus != null && steps[index].Focus != null) step = steps[index--];
                        slot = SeekParent(step, slot);
                    }
                }
            }
        }
    }
}
