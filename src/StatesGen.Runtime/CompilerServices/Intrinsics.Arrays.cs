using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace StatesGen.CompilerServices
{
    public static partial class Intrinsics
    {
        /// <summary>Maximum number of items <c>States.ArrayRange</c> may produce (AWS limit).</summary>
        private const int MaxRangeItems = 1000;

        /// <summary><c>States.Array(items...)</c>: a new array of the arguments, in order.</summary>
        /// <param name="items">The evaluated arguments; none gives an empty array.</param>
        /// <returns>A new JSON array holding copies of the arguments.</returns>
        public static JsonNode? Array(params JsonNode?[] items)
        {
            var result = new JsonArray();
            foreach (JsonNode? item in items ?? global::System.Array.Empty<JsonNode?>())
            {
                result.Add(Clone(item));
            }

            return result;
        }

        /// <summary><c>States.ArrayPartition(array, chunkSize)</c>: the array cut into chunks of <paramref name="chunkSize"/> items, the last one possibly shorter.</summary>
        /// <param name="array">The array to partition.</param>
        /// <param name="chunkSize">A positive number; a fractional size is truncated, as AWS does.</param>
        /// <returns>A new array of arrays.</returns>
        public static JsonNode? ArrayPartition(JsonNode? array, JsonNode? chunkSize)
        {
            const string Function = "States.ArrayPartition";
            JsonArray source = RequireArray(array, Function);
            int size = RequireInt32(chunkSize, Rounding.Truncate, Function);
            if (size <= 0)
            {
                throw InvalidArguments(Function);
            }

            var result = new JsonArray();
            for (long start = 0; start < source.Count; start += size)
            {
                var chunk = new JsonArray();
                long end = Math.Min(start + size, source.Count);
                for (long i = start; i < end; i++)
                {
                    chunk.Add(Clone(source[(int)i]));
                }

                result.Add((JsonNode)chunk);
            }

            return result;
        }

        /// <summary><c>States.ArrayContains(array, value)</c>: whether the array holds a JSON value equal to <paramref name="value"/>.</summary>
        /// <param name="array">The array to search.</param>
        /// <param name="value">The value to look for; objects and arrays compare by content, numbers by value.</param>
        /// <returns>A JSON boolean.</returns>
        public static JsonNode? ArrayContains(JsonNode? array, JsonNode? value)
        {
            JsonArray source = RequireArray(array, "States.ArrayContains");
            foreach (JsonNode? item in source)
            {
                if (JsonValueComparer.Instance.Equals(item, value))
                {
                    return JsonValue.Create(true);
                }
            }

            return JsonValue.Create(false);
        }

        /// <summary><c>States.ArrayRange(start, end, step)</c>: the integers from <paramref name="start"/> to <paramref name="end"/> inclusive, <paramref name="step"/> apart.</summary>
        /// <param name="start">The first number (truncated to an integer).</param>
        /// <param name="end">The bound, included when reached (truncated to an integer).</param>
        /// <param name="step">The increment, not 0; a negative step counts down.</param>
        /// <returns>A new array of at most 1000 integers; empty when the step points away from the end.</returns>
        public static JsonNode? ArrayRange(JsonNode? start, JsonNode? end, JsonNode? step)
        {
            const string Function = "States.ArrayRange";
            long first = RequireInt32(start, Rounding.Truncate, Function);
            long last = RequireInt32(end, Rounding.Truncate, Function);
            long increment = RequireInt32(step, Rounding.Truncate, Function);
            if (increment == 0)
            {
                throw InvalidArguments(Function);
            }

            long count = (increment > 0 ? first <= last : first >= last) ? ((last - first) / increment) + 1 : 0;
            if (count > MaxRangeItems)
            {
                throw InvalidArguments(Function);
            }

            var result = new JsonArray();
            for (long i = 0; i < count; i++)
            {
                result.Add((JsonNode)JsonValue.Create((int)(first + (i * increment))));
            }

            return result;
        }

        /// <summary><c>States.ArrayGetItem(array, index)</c>: the item at a zero-based index.</summary>
        /// <param name="array">The array to read.</param>
        /// <param name="index">A number from 0 to the length minus 1; a fractional index is truncated, as AWS does.</param>
        /// <returns>A copy of the item; JSON null for any index into an empty array (observed AWS behaviour).</returns>
        public static JsonNode? ArrayGetItem(JsonNode? array, JsonNode? index)
        {
            const string Function = "States.ArrayGetItem";
            JsonArray source = RequireArray(array, Function);
            int position = RequireInt32(index, Rounding.Truncate, Function);
            if (source.Count == 0)
            {
                return null;
            }

            if (position < 0 || position >= source.Count)
            {
                throw InvalidArguments(Function);
            }

            return Clone(source[position]);
        }

        /// <summary><c>States.ArrayLength(array)</c>: the number of items.</summary>
        /// <param name="array">The array to measure.</param>
        /// <returns>A JSON integer.</returns>
        public static JsonNode? ArrayLength(JsonNode? array) =>
            JsonValue.Create(RequireArray(array, "States.ArrayLength").Count);

        /// <summary><c>States.ArrayUnique(array)</c>: the array without duplicate values, keeping each value's first occurrence.</summary>
        /// <param name="array">The array to deduplicate; values compare as in <see cref="ArrayContains"/>.</param>
        /// <returns>A new array holding copies of the distinct items, in first-occurrence order.</returns>
        public static JsonNode? ArrayUnique(JsonNode? array)
        {
            JsonArray source = RequireArray(array, "States.ArrayUnique");
            var seen = new HashSet<JsonNode?>(JsonValueComparer.Instance);
            var result = new JsonArray();
            foreach (JsonNode? item in source)
            {
                if (seen.Add(item))
                {
                    result.Add(Clone(item));
                }
            }

            return result;
        }
    }
}
