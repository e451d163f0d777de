using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json.Nodes;
using StatesGen.JsonPathing;

namespace StatesGen.CompilerServices
{
    /// <summary>
    /// A compiled JSONPath for the paths that generated code cannot turn into direct property access: wildcards,
    /// filters, slices, unions and deep scans. Semantics are those of Jayway JsonPath as AWS Step Functions uses it.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A definite path (names and single indexes only) yields one node or nothing. Any other path yields a new array of
    /// copies of the matches, in document order, empty when nothing matches (AWS-recorded: conformance cases
    /// <c>paths-005</c> to <c>paths-016</c>).
    /// </para>
    /// <para>
    /// Instances are immutable and may be evaluated from many threads at once. Evaluation never modifies the document and
    /// never gives an existing node a new parent.
    /// </para>
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class JsonPath
    {
        private readonly JsonPathExpression _syntax;
        private readonly JsonPathEvaluator _evaluator;

        private JsonPath(JsonPathExpression syntax)
        {
            _syntax = syntax;
            _evaluator = new JsonPathEvaluator(syntax);
            NormalizedText = syntax.NormalizedText;
        }

        /// <summary>Parses a path: <c>$...</c> (input), <c>$$...</c> (context object) or <c>$name...</c> (a variable).</summary>
        /// <param name="path">The path text, for example <c>$.orders[?(@.total &gt; 100)].id</c>.</param>
        /// <returns>The compiled path.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
        /// <exception cref="ArgumentException">The path is not valid; the message gives the reason and the character offset.</exception>
        public static JsonPath Compile(string path)
        {
            ArgumentNullException.ThrowIfNull(path);
            if (!JsonPathParser.TryParse(path, allowVariableRoot: true, out var syntax, out var error, out int offset))
                throw new ArgumentException($"Invalid JSONPath '{path}': {error} (at offset {offset}).", nameof(path));
            return new JsonPath(syntax!);
        }

        /// <summary>The path as written.</summary>
        public string Text => _syntax.Text;

        /// <summary>
        /// The path in Jayway's normalized form (<c>$['a'][0]</c>), as AWS quotes it in <c>States.Runtime</c> causes such as
        /// "No results for path: $['a']".
        /// </summary>
        public string NormalizedText { get; }

        /// <summary>
        /// True when the path selects at most one node (names and single indexes, or a trailing name union, which Jayway
        /// merges into one object); false for wildcards, filters, slices, index or name unions and deep scans.
        /// </summary>
        public bool IsDefinite => _syntax.IsDefinite;

        /// <summary>The parsed syntax, for tests and diagnostics.</summary>
        internal JsonPathExpression Syntax => _syntax;

        /// <summary>Evaluates the path.</summary>
        /// <param name="root">
        /// The document the path's root stands for: the input for <c>$</c>, the context object for <c>$$</c>, the variable's
        /// value for <c>$name</c>. Null stands for JSON <c>null</c>.
        /// </param>
        /// <param name="result">
        /// For a definite path, the selected node itself (null for JSON <c>null</c>), not a copy. For any other path, a new
        /// <see cref="JsonArray"/> holding deep copies of the matches (empty when nothing matches).
        /// </param>
        /// <returns>
        /// False only for a definite path that selects nothing (a missing member, an index out of range, or a step into a
        /// value that is not an object or array); the caller turns that into <c>States.Runtime</c>.
        /// </returns>
        public bool TryEvaluate(JsonNode? root, out JsonNode? result)
        {
            if (_syntax.IsDefinite) return JsonPathEvaluator.TryEvaluateDefinite(_syntax, root, out result);

            var matches = new List<JsonNode?>();
            _evaluator.Collect(_syntax, 0, root, root, matches);
            var array = new JsonArray();
            foreach (var match in matches) array.Add(match?.DeepClone());
            result = array;
            return true;
        }

        /// <summary>Returns <see cref="Text"/>.</summary>
        /// <returns>The path as written.</returns>
        public override string ToString() => Text;
    }
}
