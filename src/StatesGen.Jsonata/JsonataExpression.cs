using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json.Nodes;

namespace StatesGen.Jsonata
{
    /// <summary>
    /// A parsed JSONata expression (jsonata-js 2.x semantics), evaluated against JSON input. Parse once, evaluate many
    /// times, from any number of threads.
    /// </summary>
    /// <remarks>
    /// Input and binding values are only read, never modified, and may belong to other JSON trees. Results are fresh,
    /// parentless nodes. Errors throw <see cref="JsonataException"/> with jsonata-js's codes.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class JsonataExpression
    {
        private static readonly JsonataEnvironment DefaultEnvironment = new JsonataEnvironment();
        private readonly JsonataNode _ast;

        private JsonataExpression(string source, JsonataNode ast)
        {
            Source = source;
            _ast = ast;
        }

        /// <summary>Parses an expression.</summary>
        /// <param name="expression">The JSONata text.</param>
        /// <returns>The parsed expression.</returns>
        /// <exception cref="JsonataException">A syntax error (codes S01xx to S04xx), positioned as jsonata-js positions it.</exception>
        public static JsonataExpression Parse(string expression)
        {
            ArgumentNullException.ThrowIfNull(expression);
            return new JsonataExpression(expression, JsonataParser.Parse(expression));
        }

        /// <summary>The expression text.</summary>
        public string Source { get; }

        /// <summary>Evaluates against <paramref name="input"/> (C# null is JSON null).</summary>
        /// <param name="input">The input document.</param>
        /// <param name="bindings">Variables, or null.</param>
        /// <param name="result">The result (a fresh parentless tree; null for JSON null).</param>
        /// <returns>False when the result is undefined (or a function).</returns>
        /// <exception cref="JsonataException">An evaluation error.</exception>
        public bool TryEvaluate(JsonNode? input, JsonataBindings? bindings, out JsonNode? result) =>
            TryEvaluate(input, inputIsUndefined: false, bindings, out result);

        /// <summary>Evaluates; with <paramref name="inputIsUndefined"/> there is no input at all (jsonata's undefined).</summary>
        /// <param name="input">The input document (ignored when <paramref name="inputIsUndefined"/>).</param>
        /// <param name="inputIsUndefined">True to evaluate without input.</param>
        /// <param name="bindings">Variables, or null.</param>
        /// <param name="result">The result (a fresh parentless tree; null for JSON null).</param>
        /// <returns>False when the result is undefined (or a function).</returns>
        /// <exception cref="JsonataException">An evaluation error.</exception>
        public bool TryEvaluate(JsonNode? input, bool inputIsUndefined, JsonataBindings? bindings, out JsonNode? result) =>
            Evaluate(input, inputIsUndefined, bindings, out result) == JsonataResultKind.Value;

        /// <summary>
        /// Evaluates and tells what came out: a JSON value, nothing (undefined), or a function, which has no JSON form
        /// (Step Functions words its error differently).
        /// </summary>
        /// <param name="input">The input document (ignored when <paramref name="inputIsUndefined"/>).</param>
        /// <param name="inputIsUndefined">True to evaluate without input.</param>
        /// <param name="bindings">Variables, or null.</param>
        /// <param name="result">The result when it is a <see cref="JsonataResultKind.Value"/> (null for JSON null).</param>
        /// <returns>What the expression gave.</returns>
        /// <exception cref="JsonataException">An evaluation error.</exception>
        public JsonataResultKind Evaluate(JsonNode? input, bool inputIsUndefined, JsonataBindings? bindings, out JsonNode? result)
        {
            var value = EvaluateValue(inputIsUndefined ? null : Values.FromNode(input), bindings);
            if (Values.TryToNode(value, out result)) return JsonataResultKind.Value;
            return value is JFunction ? JsonataResultKind.Function : JsonataResultKind.Undefined;
        }

        internal object? EvaluateValue(object? input, JsonataBindings? bindings)
        {
            var environment = bindings?.Environment ?? DefaultEnvironment;
            var evaluation = new Evaluation(environment);
            var root = new Frame(null, evaluation);
            bindings?.BindInto(root);
            root.Bind("$", input);
            if (input is JList list && !list.Sequence)
            {
                var wrapped = JList.CreateSequence(list);
                wrapped.OuterWrapper = true;
                input = wrapped;
            }
            try
            {
                return Evaluator.Eval(_ast, input, root);
            }
            catch (JError e)
            {
                throw e.ToException();
            }
        }

        /// <summary>The parsed tree (for tests and tools).</summary>
        internal JsonataNode Syntax => _ast;
    }

    /// <summary>The variables of one evaluation (<c>$name</c>), and the environment it runs in. Cheap to build.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class JsonataBindings
    {
        private readonly List<KeyValuePair<string, Func<object?>>> _values = new List<KeyValuePair<string, Func<object?>>>();

        /// <summary>Creates bindings for an evaluation in <paramref name="environment"/> (defaults: system clock, shared random).</summary>
        /// <param name="environment">Time and randomness sources and limits, or null for the defaults.</param>
        public JsonataBindings(JsonataEnvironment? environment = null)
        {
            Environment = environment;
        }

        internal JsonataEnvironment? Environment { get; }

        /// <summary>Binds <c>$name</c> to a JSON value (C# null is JSON null). The node may have a parent; it is never modified.</summary>
        /// <param name="name">The variable name without <c>$</c>.</param>
        /// <param name="value">The value.</param>
        /// <returns>This instance.</returns>
        public JsonataBindings Bind(string name, JsonNode? value)
        {
            ArgumentNullException.ThrowIfNull(name);
            _values.Add(new KeyValuePair<string, Func<object?>>(name, () => Values.FromNode(value)));
            return this;
        }

        /// <summary>Binds <c>$name</c> to an object made of <paramref name="members"/> (key order kept; values may have parents).</summary>
        /// <param name="name">The variable name without <c>$</c>.</param>
        /// <param name="members">The object's members.</param>
        /// <returns>This instance.</returns>
        public JsonataBindings BindObject(string name, IEnumerable<KeyValuePair<string, JsonNode?>> members)
        {
            ArgumentNullException.ThrowIfNull(name);
            ArgumentNullException.ThrowIfNull(members);
            _values.Add(new KeyValuePair<string, Func<object?>>(name, () =>
            {
                var map = new JMap();
                foreach (var kv in members) map[kv.Key] = Values.FromNode(kv.Value);
                return map;
            }));
            return this;
        }

        /// <summary>Binds <c>$name</c> to undefined (as if unbound, but shadowing outer bindings).</summary>
        /// <param name="name">The variable name without <c>$</c>.</param>
        /// <returns>This instance.</returns>
        public JsonataBindings BindUndefined(string name)
        {
            ArgumentNullException.ThrowIfNull(name);
            _values.Add(new KeyValuePair<string, Func<object?>>(name, () => null));
            return this;
        }

        internal void BindInto(Frame frame)
        {
            foreach (var kv in _values) frame.Bind(kv.Key, kv.Value());
        }
    }

    /// <summary>Where an evaluation runs: its clock, its randomness, AWS Step Functions' function set and its limits.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class JsonataEnvironment
    {
        /// <summary>The clock of <c>$now()</c> and <c>$millis()</c> (one instant per evaluation, as jsonata-js).</summary>
        public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

        /// <summary>The source of <c>$random()</c>, <c>$shuffle()</c> and AWS's <c>$uuid()</c>.</summary>
        public Random Random { get; init; } = Random.Shared;

        /// <summary>True: AWS Step Functions' additions (<c>$partition</c>, <c>$range</c>, <c>$hash</c>, <c>$random(seed)</c>,
        /// <c>$uuid</c>, <c>$parse</c>) and removals (<c>$eval</c>).</summary>
        public bool AwsStepFunctions { get; init; }

        /// <summary>The deepest evaluation nesting allowed before error U1001 (stack overflow); the thread's stack is guarded too.</summary>
        public int MaxDepth { get; init; } = 10_000;

        /// <summary>An optional time limit for one evaluation (error U1001, "Expression evaluation timeout").</summary>
        public TimeSpan? TimeLimit { get; init; }
    }

    /// <summary>What a JSONata expression gave: see <see cref="JsonataExpression.Evaluate"/>.</summary>
    public enum JsonataResultKind
    {
        /// <summary>A JSON value (possibly null).</summary>
        Value,
        /// <summary>Nothing: jsonata's undefined.</summary>
        Undefined,
        /// <summary>A function, which has no JSON form.</summary>
        Function,
    }
}
