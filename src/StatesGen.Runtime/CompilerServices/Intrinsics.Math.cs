using System;
using System.Globalization;
using System.Text.Json.Nodes;

namespace StatesGen.CompilerServices
{
    public static partial class Intrinsics
    {
        private const string MathRandomFunction = "States.MathRandom";

        /// <summary>
        /// <c>States.MathAdd(a, b)</c>: the sum of two numbers. A non-integer is first rounded half up (1.5 to 2, -1.5 to -1),
        /// as AWS does; operands and sum must fit a 32-bit signed integer.
        /// </summary>
        /// <param name="a">The first number.</param>
        /// <param name="b">The second number.</param>
        /// <returns>A JSON integer.</returns>
        public static JsonNode? MathAdd(JsonNode? a, JsonNode? b)
        {
            const string Function = "States.MathAdd";
            long sum = (long)RequireInt32(a, Rounding.HalfUp, Function) + RequireInt32(b, Rounding.HalfUp, Function);
            return sum is < int.MinValue or > int.MaxValue ? throw InvalidArguments(Function) : JsonValue.Create((int)sum);
        }

        /// <summary><c>States.MathRandom(start, end)</c>: a random integer from <paramref name="start"/> (included) to <paramref name="end"/> (excluded).</summary>
        /// <param name="start">The lower bound, truncated to an integer.</param>
        /// <param name="end">The upper bound, truncated to an integer; must be greater than <paramref name="start"/>.</param>
        /// <param name="random">The random source supplied by the runtime (replaceable in tests).</param>
        /// <returns>A JSON integer.</returns>
        public static JsonNode? MathRandom(JsonNode? start, JsonNode? end, Random random)
        {
            ArgumentNullException.ThrowIfNull(random);
            (int low, int high) = RequireRandomBounds(start, end);
            return JsonValue.Create(random.Next(low, high));
        }

        /// <summary>
        /// <c>States.MathRandom(start, end, seed)</c>: the first integer of the seeded sequence, from <paramref name="start"/>
        /// (included) to <paramref name="end"/> (excluded). The same seed always gives the same number, computed like
        /// Java's <c>new Random(seed).nextInt(end - start) + start</c>, which reproduces the values observed on AWS.
        /// </summary>
        /// <param name="start">The lower bound, truncated to an integer.</param>
        /// <param name="end">The upper bound, truncated to an integer; must be greater than <paramref name="start"/>.</param>
        /// <param name="seed">An integer seed (a fractional seed is truncated).</param>
        /// <returns>A JSON integer.</returns>
        public static JsonNode? MathRandom(JsonNode? start, JsonNode? end, JsonNode? seed)
        {
            (int low, int high) = RequireRandomBounds(start, end);
            var generator = new JavaRandom(RequireInteger(seed, Rounding.Truncate, MathRandomFunction));
            long range = (long)high - low;
            if (range <= int.MaxValue)
            {
                return JsonValue.Create(low + generator.NextInt((int)range));
            }

            // A range wider than int: draw full integers until one falls inside (Java's RandomSupport.boundedNextInt).
            int value;
            do
            {
                value = generator.Next(32);
            }
            while (value < low || value >= high);
            return JsonValue.Create(value);
        }

        /// <summary><c>States.UUID()</c>: a new random version 4 UUID in lowercase hyphenated form.</summary>
        /// <returns>A JSON string.</returns>
        public static JsonNode? UUID() => JsonValue.Create(Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture));

        /// <summary><c>States.UUID()</c> in an execution: recorded when the execution has a store, so a replay sees the same UUID.</summary>
        public static JsonNode? UUID(Execution execution) => JsonValue.Create(execution.NewUuid());

        private static (int Low, int High) RequireRandomBounds(JsonNode? start, JsonNode? end)
        {
            int low = RequireInt32(start, Rounding.Truncate, MathRandomFunction);
            int high = RequireInt32(end, Rounding.Truncate, MathRandomFunction);
            return low < high ? (low, high) : throw InvalidArguments(MathRandomFunction);
        }

        /// <summary>The linear congruential generator of <c>java.util.Random</c>, bit for bit.</summary>
        private sealed class JavaRandom
        {
            private const long Multiplier = 0x5DEECE66DL;
            private const long Mask = (1L << 48) - 1;
            private long _seed;

            public JavaRandom(long seed) => _seed = (seed ^ Multiplier) & Mask;

            public int Next(int bits)
            {
                _seed = ((_seed * Multiplier) + 0xBL) & Mask;
                return (int)((ulong)_seed >> (48 - bits));
            }

            // java.util.Random.nextInt(int bound): rejects the top values that would bias the modulo.
            public int NextInt(int bound)
            {
                int r = Next(31);
                int m = bound - 1;
                if ((bound & m) == 0)
                {
                    return (int)((bound * (long)r) >> 31);
                }

                for (int u = r; u - (r = u % bound) + m < 0; u = Next(31))
                {
                }

                return r;
            }
        }
    }
}
