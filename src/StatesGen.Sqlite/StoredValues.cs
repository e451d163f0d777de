using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using StatesGen.Durability;

namespace StatesGen.Sqlite
{
    /// <summary>
    /// How values are written to the store's columns, and read back with a clear error for anything this store cannot
    /// have written. Times are UTC ticks (100 ns since 0001-01-01, exact), JSON is text (<c>null</c> for a null
    /// node), statuses are AWS's names.
    /// </summary>
    internal static class StoredValues
    {
        // Readable non-ASCII text in the file; nothing here is ever embedded in HTML.
        private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static string Json(JsonNode? node)
        {
            if (node is null) return "null";
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, s_writerOptions)) node.WriteTo(writer);
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        /// <summary>Parses stored JSON; <paramref name="describe"/> names the value when it is not JSON.</summary>
        public static JsonNode? ParseJson(SqliteExecutionStore store, string text, Func<string> describe)
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException e)
            {
                throw store.Damaged($"{describe()} is not valid JSON ({e.Message})", e);
            }
        }

        public static long Ticks(DateTimeOffset time) => time.UtcTicks;

        public static DateTimeOffset Time(SqliteExecutionStore store, long ticks, Func<string> describe)
        {
            if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
                throw store.Damaged($"{describe()} ({ticks}) is not a time");
            return new DateTimeOffset(ticks, TimeSpan.Zero);
        }

        public static string Status(ExecutionStatus status) => status switch
        {
            ExecutionStatus.Running => "RUNNING",
            ExecutionStatus.Succeeded => "SUCCEEDED",
            ExecutionStatus.Failed => "FAILED",
            ExecutionStatus.TimedOut => "TIMED_OUT",
            ExecutionStatus.Aborted => "ABORTED",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not an execution status."),
        };

        public static ExecutionStatus ParseStatus(SqliteExecutionStore store, string text, Func<string> describe) => text switch
        {
            "RUNNING" => ExecutionStatus.Running,
            "SUCCEEDED" => ExecutionStatus.Succeeded,
            "FAILED" => ExecutionStatus.Failed,
            "TIMED_OUT" => ExecutionStatus.TimedOut,
            "ABORTED" => ExecutionStatus.Aborted,
            _ => throw store.Damaged($"{describe()} has the unknown status '{text}'"),
        };

        public static string TokenStatus(TaskTokenStatus status) => status switch
        {
            TaskTokenStatus.Waiting => "WAITING",
            TaskTokenStatus.Succeeded => "SUCCEEDED",
            TaskTokenStatus.Failed => "FAILED",
            TaskTokenStatus.TimedOut => "TIMED_OUT",
            TaskTokenStatus.Closed => "CLOSED",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a task token status."),
        };

        public static TaskTokenStatus ParseTokenStatus(SqliteExecutionStore store, string text, Func<string> describe) => text switch
        {
            "WAITING" => TaskTokenStatus.Waiting,
            "SUCCEEDED" => TaskTokenStatus.Succeeded,
            "FAILED" => TaskTokenStatus.Failed,
            "TIMED_OUT" => TaskTokenStatus.TimedOut,
            "CLOSED" => TaskTokenStatus.Closed,
            _ => throw store.Damaged($"{describe()} has the unknown status '{text}'"),
        };

        /// <summary>The fields of a history event beyond id, previous id, time and type, as one JSON object.</summary>
        public static string EventDetails(ExecutionEvent e)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
            {
                writer.WriteStartObject();
                if (e.StateName is not null) writer.WriteString("stateName", e.StateName);
                if (e.Input is not null) { writer.WritePropertyName("input"); e.Input.WriteTo(writer); }
                if (e.Output is not null) { writer.WritePropertyName("output"); e.Output.WriteTo(writer); }
                if (e.Error is not null) writer.WriteString("error", e.Error);
                if (e.Cause is not null) writer.WriteString("cause", e.Cause);
                if (e.Index is { } index) writer.WriteNumber("index", index);
                if (e.Resource is not null) writer.WriteString("resource", e.Resource);
                if (e.Length is { } length) writer.WriteNumber("length", length);
                if (e.Key is not null) writer.WriteString("key", e.Key);
                if (e.AssignedVariables is { } assigned)
                {
                    writer.WriteStartObject("assignedVariables");
                    foreach (var (name, value) in assigned)
                    {
                        writer.WritePropertyName(name);
                        if (value is null) writer.WriteNullValue(); else value.WriteTo(writer);
                    }
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
            }
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        public static ExecutionEvent Event(SqliteExecutionStore store, long executionId, long id, long previousId, long timestamp, string type, string details)
        {
            string Describe() => $"history event {id} of execution {executionId}";
            var time = Time(store, timestamp, Describe);
            if (ParseJson(store, details, Describe) is not JsonObject o) throw store.Damaged($"the details of {Describe()} are not a JSON object");
            try
            {
                Dictionary<string, JsonNode?>? assigned = null;
                if (Take(o, "assignedVariables") is JsonObject variables)
                {
                    assigned = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
                    foreach (var name in new List<string>(((IDictionary<string, JsonNode?>)variables).Keys)) assigned[name] = Take(variables, name);
                }
                return new ExecutionEvent(id, previousId, time, type)
                {
                    StateName = (string?)o["stateName"],
                    Input = Take(o, "input"),
                    Output = Take(o, "output"),
                    Error = (string?)o["error"],
                    Cause = (string?)o["cause"],
                    Index = (int?)o["index"],
                    Resource = (string?)o["resource"],
                    Length = (int?)o["length"],
                    Key = (string?)o["key"],
                    AssignedVariables = assigned,
                };
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException)
            {
                throw store.Damaged($"the details of {Describe()} have a field of the wrong type ({e.Message})", e);
            }
        }

        // Detaches a property's value from a freshly parsed object, so it can be handed out without a copy.
        private static JsonNode? Take(JsonObject o, string name)
        {
            if (!o.TryGetPropertyValue(name, out var value)) return null;
            o.Remove(name);
            return value;
        }
    }
}
