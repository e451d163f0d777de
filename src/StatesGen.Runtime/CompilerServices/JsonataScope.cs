using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json.Nodes;
using StatesGen.CompilerServices.Jsonata;

namespace StatesGen.CompilerServices
{
    /// <summary>
    /// What the JSONata expressions of one evaluation phase of a state see: <c>$states</c> (input, result or error
    /// output, context) and the workflow variables they read. Plain paths compiled by the generator
    /// (<c>$states.input.a.b</c>, <c>$var.a</c>) read the JSON directly through <see cref="Path"/>; the interpreter's
    /// bindings are built only when some expression of the phase needs the interpreter.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class JsonataScope
    {
        private readonly Execution _x;
        private readonly string? _extraName;
        private List<(string Name, int Depth, int Slot)>? _variables;
        private JsonataBindings? _bindings;

        internal JsonataScope(Execution x, JsonNode? input, JsonNode? context, string? extraName, JsonNode? result, JsonNode? errorOutput)
        {
            _x = x;
            Input = input;
            Context = context ?? Json.Missing;
            _extraName = extraName;
            Result = result;
            ErrorOutput = errorOutput;
        }

        /// <summary><c>$states.input</c>.</summary>
        public JsonNode? Input { get; }

        /// <summary><c>$states.result</c>, or <see cref="Json.Missing"/> where there is none.</summary>
        public JsonNode? Result { get; }

        /// <summary><c>$states.errorOutput</c>, or <see cref="Json.Missing"/> outside a catcher.</summary>
        public JsonNode? ErrorOutput { get; }

        /// <summary><c>$states.context</c>, or <see cref="Json.Missing"/> when no expression of the phase reads it.</summary>
        public JsonNode? Context { get; }

        /// <summary>Makes a workflow variable visible as <c>$name</c> (read when the interpreter first needs it).</summary>
        public JsonataScope Bind(string name, int depth, int slot)
        {
            (_variables ??= new List<(string, int, int)>(2)).Add((name, depth, slot));
            return this;
        }

        private JsonataBindings Bindings
        {
            get
            {
                if (_bindings != null) return _bindings;
                var context = ReferenceEquals(Context, Json.Missing) ? null : Context;
                var bindings = _x.CreateBindings(Input, context, _extraName, _extraName == "errorOutput" ? ErrorOutput : Result);
                if (_variables != null)
                {
                    foreach (var (name, depth, slot) in _variables)
                    {
                        // An unassigned variable stays unbound: $name is undefined, as in Step Functions.
                        var value = _x.Variable(depth, slot);
                        if (!ReferenceEquals(value, Json.Missing)) bindings.Bind(name, value);
                    }
                }
                return _bindings = bindings;
            }
        }

        /// <summary>Evaluates an expression with the interpreter (States.QueryEvaluationError when it fails or is undefined).</summary>
        public JsonNode? Evaluate(JsonataExpression expression, string field) => _x.Jsonata(expression, field, Bindings);

        /// <summary>
        /// A compiled plain path: the property chain <paramref name="names"/> from <paramref name="root"/>, copied. A
        /// missing property is undefined, as in JSONata; an array anywhere on the way (where JSONata maps and flattens)
        /// hands the whole expression to the interpreter.
        /// </summary>
        public JsonNode? Path(JsonataExpression expression, string field, JsonNode? root, string[] names)
        {
            var current = root;
            bool found = !ReferenceEquals(current, Json.Missing);
            for (int i = 0; found && i < names.Length; i++)
            {
                if (current is JsonObject o) found = o.TryGetPropertyValue(names[i], out current);
                else if (current is JsonArray) return Evaluate(expression, field);
                else found = false;
            }
            if (!found) return Evaluate(expression, field);
            if (current is JsonArray) return Evaluate(expression, field);
            return current?.DeepClone();
        }
    }
}
