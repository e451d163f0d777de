// The RFC 3339 timestamp grammar of Step Functions, shared by the generator (netstandard2.0: literal Timestamp fields
// and Choice operands are checked at build time) and the runtime (TimestampPath, Choice operands read at run time):
// what builds is exactly what runs. Each assembly compiles its own internal copy.
#nullable enable
using System;

namespace StatesGen.Rfc3339
{
    /// <summary>
    /// Step Functions' timestamps (Choice <c>Timestamp*</c>/<c>IsTimestamp</c>, Wait <c>Timestamp</c>/<c>TimestampPath</c>):
    /// RFC 3339 date-times such as <c>2016-03-14T01:59:00Z</c>.
    /// </summary>
    /// <remarks>
    /// Accepted: <c>YYYY-MM-DDTHH:MM:SS</c>, optionally followed by <c>.</c> and 1 to 9 fraction digits, then <c>Z</c> or
    /// an offset <c>+HH:MM</c>/<c>-HH:MM</c> of at most 18 hours. The <c>T</c> and <c>Z</c> must be uppercase and the offset
    /// is required (AWS developer guide, Choice state: "An uppercase T must separate the date and time portions", "An
    /// uppercase Z must denote that a numeric time zone offset isn't present"). Days must exist in their month
    /// (2016-02-31 is not a date) and second 60 (a leap second) is rejected, as java.time's ISO_OFFSET_DATE_TIME, which
    /// AWS's messages name, does. Fractions finer than 100 ns are truncated, because <see cref="DateTimeOffset"/> cannot
    /// hold them. Offsets beyond ±14:00, which <see cref="DateTimeOffset"/> cannot hold, give the same instant in UTC.
    /// </remarks>
    internal static class TimestampSyntax
    {
        // 18 hours is java.time.ZoneOffset's limit: AWS's messages ("ISO-8601 extended offset date-time") point at
        // java.time's ISO_OFFSET_DATE_TIME, which rejects anything wider.
        private const int MaxOffsetMinutes = 18 * 60;
        private const int MaxFractionDigits = 9;

        /// <summary>Parses an RFC 3339 timestamp as Step Functions accepts it.</summary>
        /// <param name="text">The text, e.g. <c>2012-10-09T19:00:55Z</c> or <c>2012-10-09T20:00:55.5+01:00</c>.</param>
        /// <param name="value">The parsed instant, or <c>default</c> when the text is not a timestamp.</param>
        /// <returns><see langword="true"/> when <paramref name="text"/> is a valid timestamp.</returns>
        public static bool TryParse(string? text, out DateTimeOffset value)
        {
            value = default;
            if (text is null || text.Length < 20)
            {
                return false;
            }

            // Fixed-width part: YYYY-MM-DDTHH:MM:SS (19 characters).
            if (!TryDigits(text, 0, 4, out int year) || text[4] != '-'
                || !TryDigits(text, 5, 2, out int month) || text[7] != '-'
                || !TryDigits(text, 8, 2, out int day) || text[10] != 'T'
                || !TryDigits(text, 11, 2, out int hour) || text[13] != ':'
                || !TryDigits(text, 14, 2, out int minute) || text[16] != ':'
                || !TryDigits(text, 17, 2, out int second))
            {
                return false;
            }

            // Year 0 is valid RFC 3339 but outside DateTimeOffset; second 60 (leap second) is rejected as java.time does.
            if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
                || hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }

            int position = 19;
            long fractionTicks = 0;
            if (text[position] == '.')
            {
                position++;
                int start = position;
                while (position < text.Length && IsAsciiDigit(text[position]))
                {
                    position++;
                }

                int digits = position - start;
                if (digits == 0 || digits > MaxFractionDigits)
                {
                    return false;
                }

                // Ticks are 100 ns: the first 7 digits, padded; digits 8 and 9 are below the resolution.
                for (int i = 0; i < 7; i++)
                {
                    fractionTicks = (fractionTicks * 10) + (i < digits ? text[start + i] - '0' : 0);
                }
            }

            if (!TryParseOffset(text, position, out int offsetMinutes))
            {
                return false;
            }

            long localTicks = new DateTime(year, month, day, hour, minute, second).Ticks + fractionTicks;
            long utcTicks = localTicks - (offsetMinutes * TimeSpan.TicksPerMinute);
            if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
            {
                return false;
            }

            value = Math.Abs(offsetMinutes) <= 14 * 60
                ? new DateTimeOffset(localTicks, TimeSpan.FromMinutes(offsetMinutes))
                : new DateTimeOffset(utcTicks, TimeSpan.Zero);
            return true;
        }

        private static bool TryParseOffset(string text, int position, out int minutes)
        {
            minutes = 0;
            int remaining = text.Length - position;
            if (remaining == 1 && text[position] == 'Z')
            {
                return true;
            }

            if (remaining != 6 || (text[position] != '+' && text[position] != '-') || text[position + 3] != ':'
                || !TryDigits(text, position + 1, 2, out int hours) || !TryDigits(text, position + 4, 2, out int mins)
                || mins > 59)
            {
                return false;
            }

            minutes = (hours * 60) + mins;
            if (minutes > MaxOffsetMinutes)
            {
                return false;
            }

            if (text[position] == '-')
            {
                minutes = -minutes;
            }

            return true;
        }

        private static bool TryDigits(string text, int start, int count, out int value)
        {
            value = 0;
            for (int i = start; i < start + count; i++)
            {
                // ASCII only: char.IsDigit would let other scripts' digits through.
                if (!IsAsciiDigit(text[i]))
                {
                    return false;
                }

                value = (value * 10) + (text[i] - '0');
            }

            return true;
        }

        private static bool IsAsciiDigit(char c) => c >= '0' && c <= '9';
    }
}
