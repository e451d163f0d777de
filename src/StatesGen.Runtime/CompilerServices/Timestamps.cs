using System;
using System.ComponentModel;
using System.Globalization;
using StatesGen.Rfc3339;

namespace StatesGen.CompilerServices
{
    /// <summary>
    /// Parses timestamps the way Step Functions reads them in Choice rules (<c>Timestamp*</c>, <c>IsTimestamp</c>) and
    /// Wait states (<c>Timestamp</c>, <c>TimestampPath</c>): RFC 3339 date-times such as <c>2016-03-14T01:59:00Z</c>.
    /// </summary>
    /// <remarks>
    /// Accepted: <c>YYYY-MM-DDTHH:MM:SS</c>, optionally followed by <c>.</c> and 1 to 9 fraction digits, then <c>Z</c> or
    /// an offset <c>+HH:MM</c>/<c>-HH:MM</c> of at most 18 hours. The <c>T</c> and <c>Z</c> must be uppercase and the offset
    /// is required (AWS developer guide, Choice state: "An uppercase T must separate the date and time portions", "An
    /// uppercase Z must denote that a numeric time zone offset isn't present"). Fractions finer than 100 ns are truncated,
    /// because <see cref="DateTimeOffset"/> cannot hold them. Offsets beyond ±14:00, which <see cref="DateTimeOffset"/>
    /// cannot hold, give the same instant expressed in UTC.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Timestamps
    {
        /// <summary>Parses an RFC 3339 timestamp as Step Functions accepts it.</summary>
        /// <param name="text">The text, e.g. <c>2012-10-09T19:00:55Z</c> or <c>2012-10-09T20:00:55.5+01:00</c>.</param>
        /// <param name="value">The parsed instant, or <c>default</c> when the text is not a timestamp.</param>
        /// <returns><see langword="true"/> when <paramref name="text"/> is a valid timestamp.</returns>
        public static bool TryParse(string? text, out DateTimeOffset value) => TimestampSyntax.TryParse(text, out value);

        /// <summary>Parses an RFC 3339 timestamp as Step Functions accepts it.</summary>
        /// <param name="text">The text, e.g. <c>2012-10-09T19:00:55Z</c>.</param>
        /// <returns>The parsed instant, with the offset written in the text when it is within ±14:00.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
        /// <exception cref="FormatException"><paramref name="text"/> is not a timestamp Step Functions accepts.</exception>
        public static DateTimeOffset Parse(string text)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            if (!TryParse(text, out DateTimeOffset value))
            {
                throw new FormatException(string.Format(
                    CultureInfo.InvariantCulture,
                    "'{0}' is not an RFC 3339 timestamp such as 2016-03-14T01:59:00Z (uppercase T and Z, offset required).",
                    text));
            }

            return value;
        }
    }
}
