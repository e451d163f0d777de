using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatesGen.CompilerServices
{
    /// <summary>
    /// The intrinsic functions of JSONPath states (<c>States.Format</c>, <c>States.Array</c>, <c>States.MathAdd</c> ...),
    /// called by generated code with already-evaluated arguments. Each method behaves like the AWS Step Functions function
    /// of the same name; invalid arguments throw <see cref="StatesException"/> with
    /// <see cref="StatesErrors.IntrinsicFailure"/> and a cause worded like AWS's (<c>Invalid arguments in States.X</c>).
    /// </summary>
    /// <remarks>
    /// Arguments may belong to other JSON trees and may be read by several threads at once: they are never modified,
    /// and any part of them that ends up in a result is deep-cloned first. Results are new, parentless nodes.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static partial class Intrinsics
    {
        // One place for the error name. Third-party observations of AWS report argument errors as States.Runtime;
        // the project contract (SEMANTICS.md item 19) is States.IntrinsicFailure.
        private const string FailureError = StatesErrors.IntrinsicFailure;

        // How fractional numbers become integers: AWS rounds half up in States.MathAdd (recorded) and truncates
        // towards zero in ArrayRange, ArrayPartition, ArrayGetItem and MathRandom (observed).
        private enum Rounding
        {
            Truncate,
            HalfUp,
        }

        private static StatesException InvalidArguments(string function) =>
            new StatesException(FailureError, "Invalid arguments in " + function);

        private static StatesException Failure(string cause) => new StatesException(FailureError, cause);

        // A C# null and a JsonValue that wraps a JSON null are the same JSON value.
        private static JsonValueKind KindOf(JsonNode? node) => node is null ? JsonValueKind.Null : node.GetValueKind();

        private static JsonNode? Clone(JsonNode? node) => KindOf(node) == JsonValueKind.Null ? null : node!.DeepClone();

        private static bool TryGetString(JsonNode? node, [NotNullWhen(true)] out string? value)
        {
            if (node is JsonValue jsonValue && jsonValue.GetValueKind() == JsonValueKind.String)
            {
                if (jsonValue.TryGetValue(out JsonElement element))
                {
                    value = element.GetString()!;
                    return true;
                }

                if (jsonValue.TryGetValue(out value))
                {
                    return true;
                }

                // Values created from other CLR types (char, Guid, DateTime ...) are JSON strings too.
                using JsonDocument document = JsonDocument.Parse(jsonValue.ToJsonString());
                value = document.RootElement.GetString()!;
                return true;
            }

            value = null;
            return false;
        }

        private static string RequireString(JsonNode? node, string function) =>
            TryGetString(node, out string? value) ? value : throw InvalidArguments(function);

        private static JsonArray RequireArray(JsonNode? node, string function) =>
            node as JsonArray ?? throw InvalidArguments(function);

        // The JSON text of a number: the raw input text, or the shortest round-trip form of a CLR number.
        private static string NumberText(JsonNode number) => number.ToJsonString();

        private static int RequireInt32(JsonNode? node, Rounding rounding, string function)
        {
            long value = RequireInteger(node, rounding, function);
            return value is < int.MinValue or > int.MaxValue ? throw InvalidArguments(function) : (int)value;
        }

        private static long RequireInteger(JsonNode? node, Rounding rounding, string function)
        {
            // Fast path: an integral number needs no rounding and no re-parsing of its text.
            if (Json.TryGetInt64(node, out long direct) && Math.Abs(direct) <= 1_000_000_000_000_000_000L) return direct;
            if (KindOf(node) != JsonValueKind.Number
                || !decimal.TryParse(NumberText(node!), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number)
                || Math.Abs(number) > 1e18m)
            {
                // Not a number, or far outside every integer range AWS accepts.
                throw InvalidArguments(function);
            }

            // Java's Math.round: floor(x + 0.5), so -1.5 becomes -1 (recorded intrinsic-106).
            number = rounding == Rounding.HalfUp ? Math.Floor(number + 0.5m) : Math.Truncate(number);
            return (long)number;
        }
    }
}
