using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StatesGen.Jsonata;

namespace StatesGen.CompilerServices
{
    public sealed partial class Execution
    {
        // JSONata states. Generated code builds one binding set per evaluation phase of a state ($states plus the
        // workflow variables its expressions read, resolved to slots at build time) and evaluates the expressions
        // parsed once per class. Failures are States.QueryEvaluationError with AWS's cause texts.

        private JsonataEnvironment? _jsonataEnvironment;

        private JsonataEnvironment JsonataEnvironment => _jsonataEnvironment ??= new JsonataEnvironment
        {
            TimeProvider = _shared.Durable == null ? _shared.Options.TimeProvider : new JournalClock(this),
            Random = Random,
            AwsStepFunctions = true,
        };

        /// <summary>The scope of Arguments, Items, Condition ...: $states = { input, context } (context only when read).</summary>
        public JsonataScope JsonataScope(JsonNode? input, JsonNode? context) => Scope.Reset(input, context, null, Json.Missing, Json.Missing);

        /// <summary>The scope of Output and Assign after a Task, Parallel or Map: $states = { input, result, context }.</summary>
        public JsonataScope JsonataScope(JsonNode? input, JsonNode? context, JsonNode? result) => Scope.Reset(input, context, "result", result, Json.Missing);

        /// <summary>The scope of a catcher's Output and Assign: $states = { input, errorOutput, context }.</summary>
        public JsonataScope JsonataErrorScope(JsonNode? input, JsonNode? context, JsonNode? errorOutput) => Scope.Reset(input, context, "errorOutput", Json.Missing, errorOutput);

        // This path's one scope, reused phase after phase (a state's phases and the states of a path run one at a time).
        private JsonataScope Scope => _jsonataScope ??= new JsonataScope(this);

        internal JsonataBindings CreateBindings(JsonNode? input, JsonNode? context, string? extraName, JsonNode? extra)
        {
            var members = new List<KeyValuePair<string, JsonNode?>>(3) { new("input", input) };
            if (extraName != null) members.Add(new(extraName, extra));
            if (context != null) members.Add(new("context", context));
            return new JsonataBindings(JsonataEnvironment).BindObject("states", members);
        }

        /// <summary>Evaluates one {% %} expression; undefined or an evaluation error fails with States.QueryEvaluationError.</summary>
        internal JsonNode? Jsonata(JsonataExpression expression, string field, JsonataBindings bindings)
        {
            JsonataResultKind kind;
            JsonNode? result;
            try
            {
                kind = expression.Evaluate(null, inputIsUndefined: true, bindings, out result);
            }
            catch (JsonataException e)
            {
                throw QueryError($"The JSONata expression '{expression.Source}' specified for the field '{field}' threw an error during evaluation. {e.Code}: {e.Message}");
            }
            if (kind == JsonataResultKind.Value) return result;
            // A function is a value, not nothing, but no JSON one (recorded for Items: map-073).
            if (kind == JsonataResultKind.Function) throw QueryError($"The JSONata expression '{expression.Source}' specified for the field '{field}' returned an unsupported result type.");
            throw QueryError($"The JSONata expression '{expression.Source}' specified for the field '{field}' returned nothing (undefined).");
        }

        /// <summary>
        /// A States.QueryEvaluationError with AWS's cause prefix naming the current state; with history on, the
        /// <c>EvaluationFailed</c> event AWS records for it.
        /// </summary>
        public StatesException QueryError(string message)
        {
            var e = new StatesException(StatesErrors.QueryEvaluationError, $"An error occurred while executing the state '{_stateName}' (entered at the event id #{_enteredEventId.ToString(CultureInfo.InvariantCulture)}). {message}");
            if (_shared.Observed) Record("EvaluationFailed", _stateName, error: e.Error, cause: e.Cause); else Tick();
            return e;
        }

        /// <summary>A Choice rule's Condition must evaluate to a boolean.</summary>
        public bool JsonataCondition(JsonNode? value)
        {
            if (value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return v.GetValue<bool>();
            throw QueryError($"The Condition field must evaluate to a boolean value, but it evaluated to {Json.Text(value)}.");
        }

        /// <summary>Wait Seconds from an expression: a non-negative integer.</summary>
        public long JsonataWaitSeconds(JsonNode? value)
        {
            if (Json.TryGetInt64(value, out var seconds) && seconds >= 0) return seconds;
            throw QueryError($"The Seconds field must evaluate to a non-negative integer, but it evaluated to {Json.Text(value)}.");
        }

        /// <summary>Wait Timestamp from an expression: an RFC 3339 string (AWS's cause, recorded: jsonata-061..065).</summary>
        public DateTimeOffset JsonataTimestamp(JsonNode? value)
        {
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && Timestamps.TryParse(Json.StringOf(v), out var time)) return time;
            throw QueryError($"The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {Describe(value)}");
        }

        /// <summary>TimeoutSeconds, HeartbeatSeconds from an expression: a positive integer.</summary>
        public int JsonataPositiveInteger(JsonNode? value, string field)
        {
            if (Json.TryGetInt64(value, out var n) && n > 0 && n <= int.MaxValue) return (int)n;
            throw QueryError($"The {field} field must evaluate to a positive integer, but it evaluated to {Json.Text(value)}.");
        }

        /// <summary>Map MaxConcurrency from an expression: a non-negative integer (0 = unbounded).</summary>
        public int JsonataMaxConcurrency(JsonNode? value)
        {
            if (Json.TryGetInt64(value, out var n) && n >= 0) return n > int.MaxValue ? int.MaxValue : (int)n;
            throw QueryError($"The MaxConcurrency field must evaluate to a non-negative integer, but it evaluated to {Json.Text(value)}.");
        }

        /// <summary>Map ToleratedFailureCount from an expression.</summary>
        public long JsonataToleratedFailureCount(JsonNode? value)
        {
            if (Json.TryGetInt64(value, out var n) && n >= 0) return n;
            throw QueryError($"The ToleratedFailureCount field must evaluate to a non-negative integer, but it evaluated to {Json.Text(value)}.");
        }

        /// <summary>Map ToleratedFailurePercentage from an expression: 0 to 100.</summary>
        public decimal JsonataToleratedFailurePercentage(JsonNode? value)
        {
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 && d <= 100) return d;
            throw QueryError($"The ToleratedFailurePercentage field must evaluate to a number between 0 and 100, but it evaluated to {Json.Text(value)}.");
        }

        /// <summary>A Fail state's Error or Cause from an expression: a string.</summary>
        public string JsonataString(JsonNode? value, string field)
        {
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String) return Json.StringOf(v);
            throw QueryError($"The {field} field must evaluate to a string, but it evaluated to {Json.Text(value)}.");
        }

        /// <summary>A JSONata Map's items without Items (the state input): an array, else States.QueryEvaluationError (recorded: map-060..064).</summary>
        public JsonArray JsonataItems(JsonNode? value)
        {
            if (value is JsonArray a) return a;
            throw QueryError($"Map state input must be an array but was: {Json.Text(value)}");
        }

        /// <summary>A JSONata Map's items from its Items expression: an array, else States.QueryEvaluationError naming the expression (recorded: map-050..059, map-068..072).</summary>
        public JsonArray JsonataItems(JsonNode? value, string expression)
        {
            if (value is JsonArray a) return a;
            var type = value?.GetValueKind() switch
            {
                null or JsonValueKind.Null => "null",
                JsonValueKind.Number => "number",
                JsonValueKind.String => "string",
                JsonValueKind.True or JsonValueKind.False => "boolean",
                _ => "object",
            };
            throw QueryError($"The JSONata expression '{expression}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '{type}' for value: {Json.Text(value)}");
        }
    }
}
