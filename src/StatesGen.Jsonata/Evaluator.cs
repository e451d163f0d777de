using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace StatesGen.Jsonata
{
    /// <summary>
    /// Walks a parsed tree with jsonata-js's semantics (src/jsonata.js): sequences and singleton unwrapping, tuple streams
    /// for <c>@</c>/<c>#</c>/<c>%</c>, eager argument evaluation, and a trampoline for tail calls.
    /// </summary>
    internal static partial class Evaluator
    {
        public static object? Eval(JsonataNode expr, object? input, Frame env)
        {
            var ev = env.Evaluation;
            ev.Enter();
            object? result;
            switch (expr.Kind)
            {
                case JsonataNodeKind.Path: result = EvalPath(expr, input, env); break;
                case JsonataNodeKind.Binary: result = EvalBinary(expr, input, env); break;
                case JsonataNodeKind.Negate: result = EvalNegate(expr, input, env); break;
                case JsonataNodeKind.ArrayConstructor: result = EvalArray(expr, input, env); break;
                case JsonataNodeKind.ObjectConstructor: result = EvalGroup(expr.Pairs!, expr.Position, input, env); break;
                case JsonataNodeKind.Name: result = Functions.LookupField(input, expr.Name!); break;
                case JsonataNodeKind.String: result = expr.StringValue; break;
                case JsonataNodeKind.Number: result = Values.Number(expr.NumberValue); break;
                case JsonataNodeKind.Value: result = expr.IsNull ? JNull.Value : Values.Bool(expr.BooleanValue); break;
                case JsonataNodeKind.Wildcard: result = EvalWildcard(input); break;
                case JsonataNodeKind.Descendant: result = EvalDescendants(input); break;
                case JsonataNodeKind.Parent: result = env.Lookup(expr.Slot!.Label); break;
                case JsonataNodeKind.Condition:
                    {
                        var condition = Eval(expr.Condition!, input, env);
                        if (Functions.IsTruthy(condition)) result = Eval(expr.Then!, input, env);
                        else result = expr.Else != null ? Eval(expr.Else, input, env) : null;
                        break;
                    }
                case JsonataNodeKind.Block:
                    {
                        var frame = new Frame(env);
                        result = null;
                        var list = expr.Expressions!;
                        for (int i = 0; i < list.Count; i++) result = Eval(list[i], input, frame);
                        break;
                    }
                case JsonataNodeKind.Bind:
                    result = Eval(expr.Rhs!, input, env);
                    env.Bind(expr.Lhs!.Name!, result);
                    break;
                case JsonataNodeKind.Regex: result = EvalRegex(expr); break;
                case JsonataNodeKind.Function: result = EvalFunction(expr, input, env, false, null); break;
                case JsonataNodeKind.Variable:
                    if (expr.Name!.Length == 0) result = input is JList { OuterWrapper: true } ow ? ow[0] : input;
                    else result = env.Lookup(expr.Name);
                    break;
                case JsonataNodeKind.Lambda:
                    result = new JLambda(expr.Body!, expr.Parameters!, env, input, expr.Thunk) { Signature = expr.Signature };
                    break;
                case JsonataNodeKind.Partial: result = EvalPartial(expr, input, env); break;
                case JsonataNodeKind.Apply: result = EvalApply(expr, input, env); break;
                case JsonataNodeKind.Transform: result = new JTransformer(expr, env); break;
                default: result = null; break;
            }

            if (expr.Predicates != null)
            {
                var preds = expr.Predicates;
                for (int i = 0; i < preds.Count; i++) result = EvalFilter(preds[i].Expression!, result, env);
            }

            if (expr.Kind != JsonataNodeKind.Path && expr.Group != null)
                result = EvalGroup(expr.Group.Pairs, expr.Group.Position, result, env);

            if (result is JList seq && seq.Sequence && !seq.TupleStream)
            {
                if (expr.KeepArray) seq.KeepSingleton = true;
                if (seq.Count == 0) result = null;
                else if (seq.Count == 1) result = seq.KeepSingleton ? seq : seq[0];
            }

            ev.Depth--;
            return result;
        }

        private static object? EvalPath(JsonataNode expr, object? input, Frame env)
        {
            var steps = expr.Steps!;
            JList? inputSequence;
            if (input is JList inputList && steps[0].Kind != JsonataNodeKind.Variable) inputSequence = inputList;
            else inputSequence = JList.CreateSequence(input);

            JList? resultSequence = null;
            bool isTupleStream = false;
            JList? tupleBindings = null;

            for (int ii = 0; ii < steps.Count; ii++)
            {
                var step = steps[ii];
                if (step.Tuple) isTupleStream = true;

                if (ii == 0 && step.ConsArray)
                {
                    var r = Eval(step, inputSequence, env);
                    resultSequence = r as JList ?? (r == null ? null : JList.CreateSequence(r));
                }
                else if (isTupleStream)
                {
                    tupleBindings = EvalTupleStep(step, inputSequence, tupleBindings, env);
                }
                else
                {
                    resultSequence = EvalStep(step, inputSequence!, env, ii == steps.Count - 1);
                }

                if (!isTupleStream && (resultSequence == null || resultSequence.Count == 0)) break;

                if (step.Focus == null) inputSequence = resultSequence;
            }

            if (isTupleStream)
            {
                if (expr.Tuple)
                {
                    resultSequence = tupleBindings;
                }
                else
                {
                    resultSequence = JList.CreateSequence();
                    if (tupleBindings != null)
                        foreach (var t in tupleBindings) resultSequence.Add(((JTuple)t!).Context);
                }
            }

            if (expr.KeepSingletonArray && resultSequence != null)
            {
                if (resultSequence.Cons && !resultSequence.Sequence) resultSequence = JList.CreateSequence(resultSequence);
                resultSequence.KeepSingleton = true;
            }

            if (expr.Group != null)
                return EvalGroup(expr.Group.Pairs, expr.Group.Position, isTupleStream ? tupleBindings : resultSequence, env);

            return resultSequence;
        }

        private static Frame FrameFromTuple(Frame env, JTuple tuple)
        {
            var frame = new Frame(env);
            foreach (var kv in tuple) frame.Bind(kv.Key, kv.Value);
            return frame;
        }

        private static JList EvalStep(JsonataNode step, JList input, Frame env, bool lastStep)
        {
            if (step.Kind == JsonataNodeKind.Sort)
            {
                var sorted = EvalSort(step, input, env);
                if (step.Stages != null) sorted = EvalStages(step.Stages, sorted, env);
                return sorted;
            }

            if (input.Count == 1)
            {
                // The common case (one context item): no intermediate list.
                var single = EvalStepItem(step, input[0], env);
                if (single is JList sl)
                {
                    if (lastStep && !sl.Sequence) return sl;
                    if (!sl.Cons)
                    {
                        // Always a new sequence: sl may be shared (a variable's value) and sequences get flagged later.
                        var copy = JList.CreateSequence();
                        copy.AddRange(sl);
                        return copy;
                    }
                }
                var one = JList.CreateSequence();
                if (single != null) one.Add(single);
                return one;
            }

            var result = JList.CreateSequence();
            for (int ii = 0; ii < input.Count; ii++)
            {
                var res = EvalStepItem(step, input[ii], env);
                if (res != null) result.Add(res);
            }

            if (lastStep && result.Count == 1 && result[0] is JList only && !only.Sequence) return only;

            var resultSequence = JList.CreateSequence();
            foreach (var res in result)
            {
                if (res is JList l && !l.Cons) resultSequence.AddRange(l);
                else resultSequence.Add(res);
            }
            return resultSequence;
        }

        private static object? EvalStepItem(JsonataNode step, object? item, Frame env)
        {
            var res = Eval(step, item, env);
            if (step.Stages != null)
            {
                var stages = step.Stages;
                for (int ss = 0; ss < stages.Count; ss++)
                    if (stages[ss].Expression != null) res = EvalFilter(stages[ss].Expression!, res, env);
            }
            return res;
        }

        private static JList EvalStages(List<JsonataStage> stages, JList input, Frame env)
        {
            var result = input;
            foreach (var stage in stages)
            {
                if (stage.Expression != null)
                {
                    result = EvalFilter(stage.Expression, result, env);
                }
                else
                {
                    for (int ee = 0; ee < result.Count; ee++)
                        if (result[ee] is JTuple tuple) tuple[stage.IndexVariable!] = Values.Number(ee);
                }
            }
            return result;
        }

        private static JList EvalTupleStep(JsonataNode step, JList? input, JList? tupleBindings, Frame env)
        {
            JList result;
            if (step.Kind == JsonataNodeKind.Sort)
            {
                if (tupleBindings != null)
                {
                    result = EvalSort(step, tupleBindings, env);
                }
                else
                {
                    var sorted = EvalSort(step, input ?? JList.CreateSequence(), env);
                    result = JList.CreateSequence();
                    result.TupleStream = true;
                    for (int ss = 0; ss < sorted.Count; ss++)
                    {
                        var tuple = new JTuple { ["@"] = sorted[ss] };
                        if (step.Index != null) tuple[step.Index] = Values.Number(ss);
                        result.Add(tuple);
                    }
                }
                if (step.Stages != null) result = EvalStages(step.Stages, result, env);
                return result;
            }

            result = JList.CreateSequence();
            result.TupleStream = true;
            if (tupleBindings == null)
            {
                tupleBindings = new JList();
                if (input != null)
                    foreach (var item in input) tupleBindings.Add(new JTuple { ["@"] = item });
            }

            for (int ee = 0; ee < tupleBindings.Count; ee++)
            {
                var tb = (JTuple)tupleBindings[ee]!;
                var stepEnv = FrameFromTuple(env, tb);
                var res = Eval(step, tb.Context, stepEnv);
                if (res == null) continue;
                JList resList = res as JList ?? new JList { res };
                for (int bb = 0; bb < resList.Count; bb++)
                {
                    var tuple = new JTuple(tb);
                    if (resList.TupleStream)
                    {
                        foreach (var kv in (JTuple)resList[bb]!) tuple[kv.Key] = kv.Value;
                    }
                    else
                    {
                        if (step.Focus != null)
                        {
                            tuple[step.Focus] = resList[bb];
                            tuple["@"] = tb.Context;
                        }
                        else
                        {
                            tuple["@"] = resList[bb];
                        }
                        if (step.Index != null) tuple[step.Index] = Values.Number(bb);
                        if (step.Ancestor != null) tuple[step.Ancestor.Label] = tb.Context;
                    }
                    result.Add(tuple);
                }
            }

            if (step.Stages != null) result = EvalStages(step.Stages, result, env);
            return result;
        }

        private static JList EvalFilter(JsonataNode predicate, object? input, Frame env)
        {
            var results = JList.CreateSequence();
            if (input is JList { TupleStream: true }) results.TupleStream = true;
            JList inputList = input as JList ?? JList.CreateSequence(input);
            if (predicate.Kind == JsonataNodeKind.Number)
            {
                int index = (int)Math.Max(Math.Min(Math.Floor(predicate.NumberValue), int.MaxValue), int.MinValue);
                if (index < 0) index = inputList.Count + index;
                var item = index >= 0 && index < inputList.Count ? inputList[index] : null;
                if (item != null)
                {
                    if (item is JList itemList) results = itemList;
                    else results.Add(item);
                }
                return results;
            }
            for (int index = 0; index < inputList.Count; index++)
            {
                var item = inputList[index];
                var context = item;
                var env2 = env;
                if (inputList.TupleStream && item is JTuple tuple)
                {
                    context = tuple.Context;
                    env2 = FrameFromTuple(env, tuple);
                }
                var res = Eval(predicate, context, env2);
                if (Functions.IsNumeric(res))
                {
                    int ii = FloorIndex((double)res!, inputList.Count);
                    if (ii == index) results.Add(item);
                }
                else if (res is JList resList && resList.Count > 0 && Functions.IsArrayOfNumbers(resList))
                {
                    foreach (var ires in resList)
                    {
                        int ii = FloorIndex((double)ires!, inputList.Count);
                        if (ii == index) results.Add(item);
                    }
                }
                else if (res is JList { Count: 0 })
                {
                    // an empty array of numbers selects nothing
                }
                else if (Functions.IsTruthy(res))
                {
                    results.Add(item);
                }
            }
            return results;
        }

        private static int FloorIndex(double d, int count)
        {
            double f = Math.Floor(d);
            if (f < 0) f = count + f;
            if (f > int.MaxValue || f < int.MinValue) return -1;
            return (int)f;
        }

        private static object? EvalBinary(JsonataNode expr, object? input, Frame env)
        {
            var lhs = Eval(expr.Lhs!, input, env);
            string op = expr.Operator!;
            if (op == "and")
            {
                return Values.Bool(Functions.Boolize(lhs) && Functions.Boolize(Eval(expr.Rhs!, input, env)));
            }
            if (op == "or")
            {
                return Values.Bool(Functions.Boolize(lhs) || Functions.Boolize(Eval(expr.Rhs!, input, env)));
            }
            var rhs = Eval(expr.Rhs!, input, env);
            try
            {
                switch (op)
                {
                    case "+":
                    case "-":
                    case "*":
                    case "/":
                    case "%":
                        {
                            if (lhs != null && !Functions.IsNumeric(lhs)) throw new JError("T2001").WithValue(lhs);
                            if (rhs != null && !Functions.IsNumeric(rhs)) throw new JError("T2002").WithValue(rhs);
                            if (lhs == null || rhs == null) return null;
                            double l = (double)lhs, r = (double)rhs;
                            switch (op)
                            {
                                case "+": return Values.Number(l + r);
                                case "-": return Values.Number(l - r);
                                case "*": return Values.Number(l * r);
                                case "/": return Values.Number(l / r);
                                default: return Values.Number(l % r);
                            }
                        }
                    case "=":
                        if (lhs == null || rhs == null) return Values.False;
                        return Values.Bool(Functions.DeepEquals(lhs, rhs));
                    case "!=":
                        if (lhs == null || rhs == null) return Values.False;
                        return Values.Bool(!Functions.DeepEquals(lhs, rhs));
                    case "<":
                    case "<=":
                    case ">":
                    case ">=":
                        return Compare(lhs, rhs, op);
                    case "&":
                        {
                            string ls = lhs == null ? "" : Functions.StringOf(lhs, false)!;
                            string rs = rhs == null ? "" : Functions.StringOf(rhs, false)!;
                            return ls + rs;
                        }
                    case "..":
                        return Range(lhs, rhs);
                    case "in":
                        {
                            if (lhs == null || rhs == null) return Values.False;
                            if (rhs is JList rl)
                            {
                                foreach (var item in rl)
                                    if (Functions.StrictEquals(item, lhs)) return Values.True;
                                return Values.False;
                            }
                            return Values.Bool(Functions.StrictEquals(rhs, lhs));
                        }
                    default:
                        return null;
                }
            }
            catch (JError e) when (Override(e, expr.Position, op))
            {
                throw;
            }
        }

        private static object? Compare(object? lhs, object? rhs, string op)
        {
            bool lcomparable = lhs == null || lhs is string || lhs is double;
            bool rcomparable = rhs == null || rhs is string || rhs is double;
            if (!lcomparable || !rcomparable)
                throw new JError("T2010").WithValue(!(lhs is string || lhs is double) ? lhs : rhs);
            if (lhs == null || rhs == null) return null;
            if (lhs.GetType() != rhs.GetType())
                throw new JError("T2009") { Value2 = rhs }.WithValue(lhs);
            int c;
            if (lhs is double dl)
            {
                double dr = (double)rhs;
                switch (op)
                {
                    case "<": return Values.Bool(dl < dr);
                    case "<=": return Values.Bool(dl <= dr);
                    case ">": return Values.Bool(dl > dr);
                    default: return Values.Bool(dl >= dr);
                }
            }
            c = string.CompareOrdinal((string)lhs, (string)rhs);
            switch (op)
            {
                case "<": return Values.Bool(c < 0);
                case "<=": return Values.Bool(c <= 0);
                case ">": return Values.Bool(c > 0);
                default: return Values.Bool(c >= 0);
            }
        }

        private static object? Range(object? lhs, object? rhs)
        {
            if (lhs != null && !(lhs is double l0 && l0 == Math.Floor(l0) && !double.IsInfinity(l0))) throw new JError("T2003").WithValue(lhs);
            if (rhs != null && !(rhs is double r0 && r0 == Math.Floor(r0) && !double.IsInfinity(r0))) throw new JError("T2004").WithValue(rhs);
            if (lhs == null || rhs == null) return null;
            double l = (double)lhs, r = (double)rhs;
            if (l > r) return null;
            double size = r - l + 1;
            if (size > 1e7) throw new JError("D2014").WithValue(size);
            var result = new JList((int)size) { Sequence = true };
            for (double item = l; item <= r; item++) result.Add(Values.Number(item));
            return result;
        }

        private static object? EvalNegate(JsonataNode expr, object? input, Frame env)
        {
            var result = Eval(expr.Expression!, input, env);
            if (result == null) return null;
            if (Functions.IsNumeric(result)) return Values.Number(-(double)result);
            throw new JError("D1002") { Position = expr.Position, Token = "-" }.WithValue(result);
        }

        private static object? EvalArray(JsonataNode expr, object? input, Frame env)
        {
            var result = new JList();
            foreach (var item in expr.Expressions!)
            {
                var value = Eval(item, input, env);
                if (value == null) continue;
                if (item.Kind == JsonataNodeKind.ArrayConstructor) result.Add(value);
                else if (value is JList vl) result.AddRange(vl);
                else result.Add(value);
            }
            if (expr.ConsArray) result.Cons = true;
            return result;
        }

        private sealed class GroupEntry
        {
            public object? Data;
            public int ExprIndex;
        }

        private static object? EvalGroup(List<JsonataPair> pairs, int position, object? input, Frame env)
        {
            var result = new JMap();
            var groups = new Dictionary<string, GroupEntry>(StringComparer.Ordinal);
            var order = new List<string>();
            bool reduce = input is JList { TupleStream: true };
            JList inputList = input as JList ?? JList.CreateSequence(input);
            if (inputList.Count == 0 && !reduce) inputList = JList.CreateSequence(null);

            for (int itemIndex = 0; itemIndex < inputList.Count; itemIndex++)
            {
                var item = inputList[itemIndex];
                var env2 = reduce ? FrameFromTuple(env, (JTuple)item!) : env;
                for (int pairIndex = 0; pairIndex < pairs.Count; pairIndex++)
                {
                    var key = Eval(pairs[pairIndex].Key, reduce ? ((JTuple)item!).Context : item, env2);
                    if (key != null && key is not string)
                        throw new JError("T1003") { Position = position }.WithValue(key);
                    if (key == null) continue;
                    var k = (string)key;
                    if (groups.TryGetValue(k, out var entry))
                    {
                        if (entry.ExprIndex != pairIndex)
                            throw new JError("D1009") { Position = position }.WithValue(k);
                        entry.Data = Functions.Append(entry.Data, item);
                    }
                    else
                    {
                        groups[k] = new GroupEntry { Data = item, ExprIndex = pairIndex };
                        order.Add(k);
                    }
                }
            }

            foreach (var key in order)
            {
                var entry = groups[key];
                var context = entry.Data;
                var env3 = env;
                if (reduce)
                {
                    var tuple = ReduceTupleStream(entry.Data);
                    context = tuple.Context;
                    tuple.Remove("@");
                    env3 = FrameFromTuple(env, tuple);
                }
                var value = Eval(pairs[entry.ExprIndex].Value, context, env3);
                if (value != null) result[key] = value;
            }
            return result;
        }

        private static JTuple ReduceTupleStream(object? tupleStream)
        {
            if (tupleStream is JTuple single) return new JTuple(single);
            var list = (JList)tupleStream!;
            var result = new JTuple((JTuple)list[0]!);
            for (int ii = 1; ii < list.Count; ii++)
            {
                foreach (var kv in (JTuple)list[ii]!)
                {
                    result.TryGetValue(kv.Key, out var existing);
                    result[kv.Key] = Functions.Append(existing, kv.Value);
                }
            }
            return result;
        }

        private static object? EvalWildcard(object? input)
        {
            object? results = JList.CreateSequence();
            if (input is JList { OuterWrapper: true } ow && ow.Count > 0) input = ow[0];
            IEnumerable<object?>? members = input is JMap map ? EntryValues(map) : input is JList arr ? arr : null;
            if (members != null)
            {
                foreach (var member in members)
                {
                    var value = member;
                    if (value is JList vl)
                    {
                        results = Functions.Append(results, Flatten(vl, null));
                    }
                    else
                    {
                        ((JList)results!).Add(value);
                    }
                }
            }
            return results;
        }

        private static IEnumerable<object?> EntryValues(JMap map)
        {
            foreach (var kv in map.Entries) yield return kv.Value;
        }

        internal static JList Flatten(object? arg, JList? flattened)
        {
            flattened ??= new JList();
            if (arg is JList l)
                foreach (var item in l) Flatten(item, flattened);
            else
                flattened.Add(arg);
            return flattened;
        }

        private static object? EvalDescendants(object? input)
        {
            if (input == null) return null;
            var resultSequence = JList.CreateSequence();
            RecurseDescendants(input, resultSequence);
            return resultSequence.Count == 1 ? resultSequence[0] : resultSequence;
        }

        private static void RecurseDescendants(object? input, JList results)
        {
            if (input is JList l)
            {
                foreach (var member in l) RecurseDescendants(member, results);
                return;
            }
            results.Add(input);
            if (input is JMap map)
                foreach (var kv in map.Entries) RecurseDescendants(kv.Value, results);
        }

        private static object? EvalRegex(JsonataNode expr)
        {
            if (expr.RuntimeCache is JRegex cached) return cached;
            var regex = JsRegex.Create(expr.RegexPattern!, expr.RegexFlags!);
            var fn = new JRegex(regex, expr.RegexPattern!, expr.Position);
            expr.RuntimeCache = fn;
            return fn;
        }
    }
}
