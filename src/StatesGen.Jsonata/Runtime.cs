using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace StatesGen.Jsonata
{
    /// <summary>An evaluation error before its message is worded (jsonata-js fills position/token on the way up).</summary>
    internal sealed class JError : Exception
    {
        public JError(string code) : base(code) { Code = code; }

        public string Code { get; }
        public int Position = -1;
        public string? Token;
        public object? Value;
        public bool HasValue;
        public object? Value2;
        public string? Index;
        public string? Type;
        public string? Exp;
        public string? Text; // {{{message}}} / {{{functionName}}} inserts
        public string? FunctionName;
        public string? RawMessage; // U1001 variants

        public JError WithValue(object? value) { Value = value; HasValue = true; return this; }

        public JsonataException ToException()
        {
            if (RawMessage != null) return new JsonataException(Code, RawMessage, Position, Token);
            var inserts = new List<string?>();
            if (HasValue) { inserts.Add("value"); inserts.Add(Functions.StringifyForMessage(Value)); }
            if (Value2 != null) { inserts.Add("value2"); inserts.Add(Functions.StringifyForMessage(Value2)); }
            if (Index != null) { inserts.Add("index"); inserts.Add(Index); }
            if (Type != null) { inserts.Add("type"); inserts.Add(JsonataErrors.Quote(Type)); }
            if (Exp != null) { inserts.Add("exp"); inserts.Add(Exp); }
            if (Text != null) { inserts.Add("message"); inserts.Add(Text); }
            if (FunctionName != null) { inserts.Add("functionName"); inserts.Add(FunctionName); }
            return JsonataErrors.Create(Code, Position, Token, inserts.ToArray());
        }
    }

    /// <summary>The state of one evaluation: clock, randomness, guards.</summary>
    internal sealed class Evaluation
    {
        public Evaluation(JsonataEnvironment environment)
        {
            Environment = environment;
            MaxDepth = environment.MaxDepth;
            if (environment.TimeLimit is TimeSpan limit)
            {
                _deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
                _hasDeadline = true;
            }
        }

        public JsonataEnvironment Environment { get; }
        public int Depth;
        public readonly int MaxDepth;
        private readonly long _deadline;
        private readonly bool _hasDeadline;
        private int _tick;
        private DateTimeOffset? _now;

        public bool Aws => Environment.AwsStepFunctions;

        /// <summary>One instant per evaluation, as jsonata-js.</summary>
        public DateTimeOffset Now => _now ??= Environment.TimeProvider.GetUtcNow();

        public void Enter()
        {
            if (++Depth > MaxDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
                throw new JError("U1001") { RawMessage = "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive." };
            if (_hasDeadline && (++_tick & 255) == 0 && Stopwatch.GetTimestamp() > _deadline)
                throw new JError("U1001") { RawMessage = "Expression evaluation timeout: Check for infinite loop" };
        }

        public void CheckTime()
        {
            if (_hasDeadline && Stopwatch.GetTimestamp() > _deadline)
                throw new JError("U1001") { RawMessage = "Expression evaluation timeout: Check for infinite loop" };
        }
    }

    /// <summary>A variable scope.</summary>
    internal sealed class Frame
    {
        private string[]? _names;
        private object?[]? _values;
        private int _count;

        public Frame(Frame? parent, Evaluation evaluation)
        {
            Parent = parent;
            Evaluation = evaluation;
        }

        public Frame(Frame parent) : this(parent, parent.Evaluation) { }

        public Frame? Parent { get; }
        public Evaluation Evaluation { get; }

        public void Bind(string name, object? value)
        {
            for (int i = 0; i < _count; i++)
            {
                if (string.Equals(_names![i], name, StringComparison.Ordinal))
                {
                    _values![i] = value;
                    return;
                }
            }
            if (_names == null)
            {
                _names = new string[4];
                _values = new object?[4];
            }
            else if (_count == _names.Length)
            {
                Array.Resize(ref _names, _count * 2);
                Array.Resize(ref _values, _count * 2);
            }
            _names[_count] = name;
            _values![_count] = value;
            _count++;
        }

        public bool TryLookupLocal(string name, out object? value)
        {
            for (int i = 0; i < _count; i++)
            {
                if (string.Equals(_names![i], name, StringComparison.Ordinal))
                {
                    value = _values![i];
                    return true;
                }
            }
            value = null;
            return false;
        }

        public object? Lookup(string name)
        {
            for (var f = this; f != null; f = f.Parent)
                if (f.TryLookupLocal(name, out var v)) return v;
            return Functions.Lookup(name, Evaluation.Aws);
        }
    }

    /// <summary>A function value.</summary>
    internal abstract class JFunction
    {
        public JsonataSignature? Signature;

        /// <summary>The declared parameter count (jsonata-js getFunctionArity).</summary>
        public abstract int Arity { get; }
    }

    /// <summary>A lambda closure (also tail-call thunks and partially applied lambdas).</summary>
    internal sealed class JLambda : JFunction
    {
        public JLambda(JsonataNode body, List<string> parameters, Frame environment, object? input, bool thunk)
        {
            Body = body;
            Parameters = parameters;
            Environment = environment;
            Input = input;
            Thunk = thunk;
        }

        public JsonataNode Body { get; }
        public List<string> Parameters { get; }
        public Frame Environment { get; }
        public object? Input { get; }
        public bool Thunk { get; }
        public override int Arity => Parameters.Count;
    }

    internal delegate object? BuiltinImpl(Frame env, object?[] args, object? input);

    /// <summary>A library function.</summary>
    internal sealed class JBuiltin : JFunction
    {
        public JBuiltin(string name, string signature, int arity, BuiltinImpl impl)
        {
            Name = name;
            Signature = JsonataSignature.Parse(signature);
            Arity = arity;
            ParameterCount = Signature.Parameters.Count;
            Impl = impl;
        }

        public string Name { get; }
        public override int Arity { get; }
        public int ParameterCount { get; }
        public BuiltinImpl Impl { get; }
    }

    /// <summary>A partially applied library function.</summary>
    internal sealed class JPartialNative : JFunction
    {
        public static readonly object Placeholder = new object();

        public JPartialNative(JFunction target, object?[] bound)
        {
            Target = target;
            Bound = bound;
            int n = 0;
            foreach (var b in bound) if (ReferenceEquals(b, Placeholder)) n++;
            _arity = n;
        }

        private readonly int _arity;
        public JFunction Target { get; }
        public object?[] Bound { get; }
        public override int Arity => _arity;
    }

    /// <summary><c>f ~> g</c> for two functions: x -> g(f(x)).</summary>
    internal sealed class JChain : JFunction
    {
        public JChain(object f, object g) { F = f; G = g; }
        public object F { get; }
        public object G { get; }
        public override int Arity => 1;
    }

    /// <summary>A regex literal as a matcher function.</summary>
    internal sealed class JRegex : JFunction
    {
        public JRegex(Regex regex, string source, int position) { Regex = regex; Source = source; Position = position; }
        public Regex Regex { get; }
        public string Source { get; }
        public int Position { get; }
        public override int Arity => 1;
    }

    /// <summary>A transform expression <c>|pattern|update,delete|</c> as a function.</summary>
    internal sealed class JTransformer : JFunction
    {
        private static readonly JsonataSignature TransformSignature = JsonataSignature.Parse("<(oa):o>");

        public JTransformer(JsonataNode node, Frame environment)
        {
            Node = node;
            Environment = environment;
            Signature = TransformSignature;
        }

        public JsonataNode Node { get; }
        public Frame Environment { get; }
        public override int Arity => 1;
    }

    /// <summary>A function implemented in C# that jsonata-js implements as a plain JS function (e.g. the next() of a match).</summary>
    internal sealed class JNative : JFunction
    {
        public JNative(int arity, Func<object?[], object?> impl) { _arity = arity; Impl = impl; }
        private readonly int _arity;
        public Func<object?[], object?> Impl { get; }
        public override int Arity => _arity;
    }
}
