using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace StatesGen.Jsonata
{
    internal static partial class Evaluator
    {
        private static string? ProcedureName(JsonataNode procedure) =>
            procedure.Kind == JsonataNodeKind.Path ? procedure.Steps![0].Name : procedure.Name;

        private static object? EvalFunction(JsonataNode expr, object? input, Frame env, bool applyTo, object? context)
        {
            var proc = Eval(expr.Procedure!, input, env);
            if (proc == null && expr.Procedure!.Kind == JsonataNodeKind.Path && expr.Procedure.Steps![0].Name is string n
                && env.Lookup(n) != null)
                throw new JError("T1005") { Position = expr.Position, Token = n };

            var argNodes = expr.Arguments!;
            var args = new object?[argNodes.Count + (applyTo ? 1 : 0)];
            int k = 0;
            if (applyTo) args[k++] = context;
            for (int jj = 0; jj < argNodes.Count; jj++) args[k++] = Eval(argNodes[jj], input, env);

            // An exception filter annotates without catching: rethrowing from thousands of nested catch blocks
            // would exhaust the stack when a runaway recursion is stopped.
            try
            {
                return Apply(proc, args, input, env);
            }
            catch (JError e) when (Annotate(e, expr.Position, ProcedureName(expr.Procedure!)))
            {
                throw;
            }
        }

        private static bool Annotate(JError e, int position, string? token)
        {
            if (e.Position < 0) e.Position = position;
            e.Token ??= token;
            return false;
        }

        private static bool Override(JError e, int position, string token)
        {
            e.Position = position;
            e.Token = token;
            return false;
        }

        /// <summary>Applies a function, running the tail-call trampoline.</summary>
        public static object? Apply(object? proc, object?[] args, object? input, Frame env)
        {
            var result = ApplyInner(proc, args, input, env);
            while (result is JLambda { Thunk: true } thunk)
            {
                var call = thunk.Body;
                var next = Eval(call.Procedure!, thunk.Input, thunk.Environment);
                var argNodes = call.Arguments!;
                var evaluated = new object?[argNodes.Count];
                for (int ii = 0; ii < argNodes.Count; ii++) evaluated[ii] = Eval(argNodes[ii], thunk.Input, thunk.Environment);
                try
                {
                    result = ApplyInner(next, evaluated, input, env);
                }
                catch (JError e) when (Annotate(e, call.Position, ProcedureName(call.Procedure!)))
                {
                    throw;
                }
            }
            return result;
        }

        private static object? ApplyInner(object? proc, object?[] args, object? input, Frame env)
        {
            var validated = args;
            if (proc is JFunction f && f.Signature != null) validated = Signatures.Validate(f.Signature, args, input);
            switch (proc)
            {
                case JLambda lambda:
                    return ApplyProcedure(lambda, validated);
                case JBuiltin builtin:
                    return builtin.Impl(env, validated, input);
                case JPartialNative partial:
                    {
                        var full = new object?[Math.Max(partial.Bound.Length, ((partial.Target as JBuiltin)?.ParameterCount) ?? 0)];
                        int a = 0;
                        for (int i = 0; i < full.Length; i++)
                        {
                            if (i < partial.Bound.Length && ReferenceEquals(partial.Bound[i], JPartialNative.Placeholder))
                                full[i] = a < validated.Length ? validated[a++] : null;
                            else
                                full[i] = i < partial.Bound.Length ? partial.Bound[i] : null;
                        }
                        if (partial.Target is JBuiltin b) return b.Impl(env, TrimTrailing(full, b), input);
                        return Apply(partial.Target, full, input, env);
                    }
                case JChain chain:
                    {
                        var x = validated.Length > 0 ? validated[0] : null;
                        var fx = Apply(chain.F, new[] { x }, input, env);
                        return Apply(chain.G, new[] { fx }, input, env);
                    }
                case JRegex regex:
                    return Functions.RegexMatch(regex, validated.Length > 0 ? validated[0] as string : null, validated.Length > 1 && validated[1] is double d ? (int)d : 0);
                case JTransformer transformer:
                    return ApplyTransform(transformer, validated.Length > 0 ? validated[0] : null, env);
                case JNative native:
                    return native.Impl(validated);
                default:
                    throw new JError("T1006");
            }
        }

        private static object?[] TrimTrailing(object?[] full, JBuiltin b)
        {
            // A native partial passes all its declared parameters; trailing missing ones stay undefined.
            _ = b;
            int n = full.Length;
            while (n > 0 && full[n - 1] == null) n--;
            if (n == full.Length) return full;
            var t = new object?[n];
            Array.Copy(full, t, n);
            return t;
        }

        private static object? ApplyProcedure(JLambda proc, object?[] args)
        {
            var env = new Frame(proc.Environment);
            var ps = proc.Parameters;
            for (int i = 0; i < ps.Count; i++) env.Bind(ps[i], i < args.Length ? args[i] : null);
            return Eval(proc.Body, proc.Input, env);
        }

        private static object? EvalPartial(JsonataNode expr, object? input, Frame env)
        {
            var argNodes = expr.Arguments!;
            var args = new object?[argNodes.Count];
            for (int ii = 0; ii < argNodes.Count; ii++)
                args[ii] = argNodes[ii].Kind == JsonataNodeKind.Placeholder ? JPartialNative.Placeholder : Eval(argNodes[ii], input, env);
            var proc = Eval(expr.Procedure!, input, env);
            if (proc == null && expr.Procedure!.Kind == JsonataNodeKind.Path && expr.Procedure.Steps![0].Name is string n
                && env.Lookup(n) != null)
                throw new JError("T1007") { Position = expr.Position, Token = n };
            switch (proc)
            {
                case JLambda lambda:
                    {
                        var frame = new Frame(lambda.Environment);
                        var unbound = new List<string>();
                        for (int i = 0; i < lambda.Parameters.Count; i++)
                        {
                            var arg = i < args.Length ? args[i] : null;
                            if (ReferenceEquals(arg, JPartialNative.Placeholder)) unbound.Add(lambda.Parameters[i]);
                            else frame.Bind(lambda.Parameters[i], arg);
                        }
                        return new JLambda(lambda.Body, unbound, frame, lambda.Input, false);
                    }
                case JFunction f:
                    return new JPartialNative(f, args);
                default:
                    throw new JError("T1008") { Position = expr.Position, Token = ProcedureName(expr.Procedure!) };
            }
        }

        private static object? EvalApply(JsonataNode expr, object? input, Frame env)
        {
            var lhs = Eval(expr.Lhs!, input, env);
            if (expr.Rhs!.Kind == JsonataNodeKind.Function) return EvalFunction(expr.Rhs, input, env, true, lhs);
            var func = Eval(expr.Rhs, input, env);
            if (func is not JFunction) throw new JError("T2006") { Position = expr.Position }.WithValue(func);
            if (lhs is JFunction) return new JChain(lhs, func);
            return Apply(func, new[] { lhs }, null, env);
        }

        private static JList EvalSort(JsonataNode expr, JList input, Frame env)
        {
            bool isTupleSort = input.TupleStream;
            var terms = expr.SortTerms!;
            bool Greater(object? a, object? b)
            {
                int comp = 0;
                for (int index = 0; comp == 0 && index < terms.Count; index++)
                {
                    var term = terms[index];
                    object? context = a;
                    var env1 = env;
                    if (isTupleSort && a is JTuple ta) { context = ta.Context; env1 = FrameFromTuple(env, ta); }
                    var aa = Eval(term.Expression, context, env1);
                    context = b;
                    env1 = env;
                    if (isTupleSort && b is JTuple tb) { context = tb.Context; env1 = FrameFromTuple(env, tb); }
                    var bb = Eval(term.Expression, context, env1);
                    if (aa == null)
                    {
                        comp = bb == null ? 0 : 1;
                        continue;
                    }
                    if (bb == null)
                    {
                        comp = -1;
                        continue;
                    }
                    if (!(aa is string || aa is double) || !(bb is string || bb is double))
                        throw new JError("T2008") { Position = expr.Position }.WithValue(!(aa is string || aa is double) ? aa : bb);
                    if (aa.GetType() != bb.GetType())
                        throw new JError("T2007") { Position = expr.Position, Value2 = bb }.WithValue(aa);
                    int c = aa is double da ? da.CompareTo((double)bb) : string.CompareOrdinal((string)aa, (string)bb);
                    if (aa is double x && x == (double)bb) c = 0;
                    if (c == 0) continue;
                    comp = c < 0 ? -1 : 1;
                    if (term.Descending) comp = -comp;
                }
                return comp == 1;
            }
            if (input.Count <= 1) return input;
            return Functions.MergeSort(input, Greater);
        }

        private static object? ApplyTransform(JTransformer transformer, object? obj, Frame callEnv)
        {
            _ = callEnv;
            if (obj == null) return null;
            var expr = transformer.Node;
            var environment = transformer.Environment;
            var cloneFunction = environment.Lookup("clone");
            if (cloneFunction is not JFunction) throw new JError("T2013") { Position = expr.Position };
            var result = Apply(cloneFunction, new[] { obj }, null, environment);
            var matches = Eval(expr.Pattern!, result, environment);
            if (matches != null)
            {
                JList matchList = matches as JList ?? new JList { matches };
                foreach (var match in matchList)
                {
                    var update = Eval(expr.Update!, match, environment);
                    if (update != null)
                    {
                        if (update is not JMap updateMap)
                            throw new JError("T2011") { Position = expr.Update!.Position }.WithValue(update);
                        if (match is JMap target)
                            foreach (var kv in updateMap.Entries) target[kv.Key] = kv.Value;
                    }
                    if (expr.Delete != null)
                    {
                        var deletions = Eval(expr.Delete, match, environment);
                        if (deletions != null)
                        {
                            var val = deletions;
                            JList delList = deletions as JList ?? new JList { deletions };
                            foreach (var d in delList)
                                if (d is not string)
                                    throw new JError("T2012") { Position = expr.Delete.Position }.WithValue(val);
                            if (match is JMap target)
                                foreach (var d in delList) target.Remove((string)d!);
                        }
                    }
                }
            }
            return result;
        }
    }
}
