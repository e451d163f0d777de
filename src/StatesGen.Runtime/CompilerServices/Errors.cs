using System;
using System.ComponentModel;
using System.Text.Json.Nodes;

namespace StatesGen.CompilerServices
{
    /// <summary>Error-name matching for Retry and Catch, as AWS Step Functions does it. Used by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Errors
    {
        /// <summary>
        /// Whether a Catch may handle the error at all: States.Runtime is terminal in AWS, whatever a catcher names
        /// (recorded: a catcher on ["States.Runtime"] does not catch it).
        /// </summary>
        public static bool IsCatchable(StatesException e) => !string.Equals(e.Error, StatesErrors.Runtime, StringComparison.Ordinal);

        /// <summary>Whether a retrier or catcher may handle the named error: anything but States.Runtime.</summary>
        public static bool IsRecoverable(string? error) => !string.Equals(error, StatesErrors.Runtime, StringComparison.Ordinal);

        /// <summary>
        /// Whether <paramref name="error"/> matches an ErrorEquals list: by exact name, States.ALL for anything
        /// recoverable, States.TaskFailed for anything but States.Timeout.
        /// </summary>
        public static bool Matches(string? error, string[] errorEquals)
        {
            error ??= "";
            if (string.Equals(error, StatesErrors.Runtime, StringComparison.Ordinal)) return false;
            foreach (var name in errorEquals)
            {
                if (string.Equals(name, error, StringComparison.Ordinal)) return true;
                // Recorded on AWS: States.ALL catches States.DataLimitExceeded from a task result (errors-007/009),
                // although the developer guide says otherwise.
                if (string.Equals(name, StatesErrors.All, StringComparison.Ordinal)) return true;
                // AWS: "States.TaskFailed: a wildcard that matches any known error name except for States.Timeout".
                if (string.Equals(name, StatesErrors.TaskFailed, StringComparison.Ordinal) && !string.Equals(error, StatesErrors.Timeout, StringComparison.Ordinal))
                    return true;
            }
            return false;
        }

        /// <summary>The error output a catcher passes on: <c>{"Error": ..., "Cause": ...}</c>.</summary>
        public static JsonNode ToOutput(StatesException e)
        {
            var o = new JsonObject { ["Error"] = e.Error };
            // AWS writes an absent cause as "" in error output (recorded for States.Timeout).
            o["Cause"] = e.Cause ?? "";
            return o;
        }
    }
}
