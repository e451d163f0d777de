using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatesGen.CompilerServices
{
    // The run-time checks AWS makes of values read from paths and expressions, and the errors it raises then.
    public sealed partial class Execution
    {
        /// <summary>A States.Runtime error with AWS's cause prefix naming the current state.</summary>
        public StatesException RuntimeError(string message) =>
            new(StatesErrors.Runtime, $"An error occurred while executing the state '{_stateName}' (entered at the event id #{_enteredEventId.ToString(CultureInfo.InvariantCulture)}). {message}");

        /// <summary>States.NoChoiceMatched for a Choice state with no matching rule and no Default.</summary>
        public StatesException NoChoiceMatched() =>
            new(StatesErrors.NoChoiceMatched, $"No Matches! The Choice state '{_stateName}' matched no rule and has no Default.");

        /// <summary>States.ResultPathMatchFailure when ResultPath cannot be applied to the input.</summary>
        public StatesException ResultPathMatchFailure(string path, JsonNode? input) =>
            new(StatesErrors.ResultPathMatchFailure, $"Unable to apply ResultPath \"{path}\" to input \"{Json.Text(input)}\" in state '{_stateName}'.");

        /// <summary>The error a Fail state raises.</summary>
        public StatesException Fail(string? error, string? cause) => new(error, cause, allowMissingError: true);

        /// <summary>ErrorPath and CausePath must give strings.</summary>
        public string RequireString(JsonNode? value, string field)
        {
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String) return Json.StringOf(v);
            throw RuntimeError($"The {field} field must reference a string value, but it referenced {Json.Text(value)}.");
        }

        /// <summary>SecondsPath must give a non-negative integer.</summary>
        public long RequireWaitSeconds(JsonNode? value, string path)
        {
            if (!Json.IsFound(value)) throw RuntimeError($"The SecondsPath parameter does not reference an input value: {path}");
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
            {
                // AWS's wording (recorded: wait-007, wait-009, wait-010).
                long? whole = v.TryGetValue<long>(out var l) ? l
                    : decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m == decimal.Truncate(m) && Math.Abs(m) <= long.MaxValue ? (long)m
                    : null;
                if (whole is { } seconds)
                {
                    if (seconds >= 0) return seconds;
                    throw RuntimeError($"The SecondsPath parameter references a negative value: {path} == {Json.Text(value)}");
                }
                throw RuntimeError($"The SecondsPath parameter cannot be parsed as a long value: {path} == {Json.Text(value)}");
            }
            throw RuntimeError($"The SecondsPath parameter references an invalid value: {Json.Text(value)}. It must be a non-negative integer: {path}");
        }

        /// <summary>TimestampPath must give an RFC 3339 timestamp.</summary>
        public DateTimeOffset RequireTimestamp(JsonNode? value, string path)
        {
            if (!Json.IsFound(value)) throw RuntimeError($"The TimestampPath parameter does not reference an input value: {path}");
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && Timestamps.TryParse(Json.StringOf(v), out var t)) return t;
            throw RuntimeError($"The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {path} == {Describe(value)}");
        }

        /// <summary>TimeoutSecondsPath and HeartbeatSecondsPath must give positive integers.</summary>
        public int RequirePositiveInteger(JsonNode? value, string field, string path)
        {
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l) && l > 0 && l <= 99_999_999) return (int)l;
            if (value is JsonValue d && d.GetValueKind() == JsonValueKind.Number && decimal.TryParse(d.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m > 0 && m == decimal.Truncate(m) && m <= 99_999_999)
                return (int)m;
            throw RuntimeError($"The {field} field refers to value {Json.Text(value)} which is not a valid positive integer: {path}");
        }

        /// <summary>ItemsPath must select an array.</summary>
        public JsonArray RequireItems(JsonNode? value)
        {
            if (value is JsonArray a) return a;
            throw RuntimeError($"Map state input must be an array but was: {Json.Text(value)}");
        }

        // AWS also takes an integer written as a JSON string ("1") in these fields (recorded: assign-025, assign-026).
        private static bool TryInteger(JsonNode? value, out long result) =>
            Json.TryGetInt64(value, out result)
            || value is JsonValue v && v.GetValueKind() == JsonValueKind.String
               && long.TryParse(v.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);

        /// <summary>MaxConcurrencyPath must give a non-negative integer (a number, or a string holding one).</summary>
        public int RequireMaxConcurrency(JsonNode? value, string path)
        {
            if (TryInteger(value, out var l) && l >= 0)
                return l > int.MaxValue ? int.MaxValue : (int)l;
            throw RuntimeError($"The MaxConcurrencyPath field refers to value \"{Describe(value)}\" which is not a valid integer: {path}");
        }

        /// <summary>MaxItemsPerBatchPath and MaxInputBytesPerBatchPath must give positive integers.</summary>
        public int RequireBatchLimit(JsonNode? value, string field, string path)
        {
            if (TryInteger(value, out var l) && l > 0) return l > int.MaxValue ? int.MaxValue : (int)l;
            throw RuntimeError($"The {field} field refers to value \"{Describe(value)}\" which is not a valid positive integer: {path}");
        }

        /// <summary>ToleratedFailureCountPath must give a non-negative integer.</summary>
        public long RequireToleratedFailureCount(JsonNode? value, string path)
        {
            if (TryInteger(value, out var l))
            {
                if (l < 0) throw RuntimeError("ToleratedFailureCount cannot be negative.");
                return l;
            }
            throw RuntimeError($"The ToleratedFailureCountPath field refers to value \"{Describe(value)}\" which is not a valid integer: {path}");
        }

        /// <summary>ToleratedFailurePercentagePath must give a number from 0 to 100.</summary>
        public decimal RequireToleratedFailurePercentage(JsonNode? value, string path)
        {
            if (value is JsonValue v && v.GetValueKind() is JsonValueKind.Number or JsonValueKind.String
                && decimal.TryParse(v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                if (d < 0 || d > 100) throw RuntimeError("ToleratedFailurePercentage must be between 0 and 100.");
                return d;
            }
            throw RuntimeError($"The ToleratedFailurePercentagePath field refers to value \"{Describe(value)}\" which is not a valid float: {path}");
        }

        private static string Describe(JsonNode? value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : Json.Text(value);
    }
}
