using System;
using System.Globalization;
using System.Text.Json.Nodes;

namespace StatesGen.CompilerServices
{
    // The context object ($$) as each state sees it.
    public sealed partial class Execution
    {
        /// <summary>The context object (<c>$$</c>) as the current state sees it.</summary>
        public JsonObject Context(int retryCount = 0, string? taskToken = null)
        {
            var context = new JsonObject
            {
                ["Execution"] = new JsonObject
                {
                    ["Id"] = ContextValue(ContextField.ExecutionId),
                    ["Input"] = Json.Copy(_shared.Input),
                    ["Name"] = ContextValue(ContextField.ExecutionName),
                    ["RoleArn"] = ContextValue(ContextField.ExecutionRoleArn),
                    ["StartTime"] = ContextValue(ContextField.ExecutionStartTime),
                    ["RedriveCount"] = ContextValue(ContextField.ExecutionRedriveCount),
                },
                ["StateMachine"] = new JsonObject
                {
                    ["Id"] = ContextValue(ContextField.StateMachineId),
                    ["Name"] = ContextValue(ContextField.StateMachineName),
                },
                ["State"] = new JsonObject
                {
                    ["EnteredTime"] = ContextValue(ContextField.StateEnteredTime),
                    ["Name"] = ContextValue(ContextField.StateName),
                    ["RetryCount"] = retryCount,
                },
            };
            if (taskToken != null) context["Task"] = new JsonObject { ["Token"] = taskToken };
            return TestRun?.Context(context) ?? context;
        }

        /// <summary>One value of the context object, without building the rest of it (compiled <c>$$.State.Name</c> reads).</summary>
        public JsonNode ContextValue(ContextField field) => TestRun?.ContextValue(field) ?? field switch
        {
            ContextField.ExecutionId => Json.String(_shared.Id),
            ContextField.ExecutionName => Json.String(_shared.Name),
            ContextField.ExecutionRoleArn => Json.String("arn:aws:iam::000000000000:role/StatesGenLocal"),
            ContextField.ExecutionStartTime => Json.String(Format(_shared.StartTime)),
            ContextField.ExecutionRedriveCount => Json.Number((long)_shared.RedriveCount),
            ContextField.StateMachineId => Json.String(_shared.StateMachineId),
            ContextField.StateMachineName => Json.String(_shared.Machine.Name),
            ContextField.StateEnteredTime => Json.String(Format(EnteredTime())),
            ContextField.StateName => Json.String(_stateName),
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        /// <summary>The context object inside a Map's ItemSelector, with <c>$$.Map.Item.Index</c> and <c>Value</c>.</summary>
        public JsonObject MapItemContext(int index, JsonNode? item)
        {
            var context = Context();
            context["Map"] = new JsonObject { ["Item"] = new JsonObject { ["Index"] = index, ["Value"] = Json.Copy(item) } };
            return context;
        }

        private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}
