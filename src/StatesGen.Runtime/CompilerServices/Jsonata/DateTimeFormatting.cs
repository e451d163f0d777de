using StatesGen.Jsonata;

namespace StatesGen.CompilerServices.Jsonata
{
    /// <summary>Date/time and integer pictures (jsonata-js src/datetime.js).</summary>
    internal static class DateTimeFormatting
    {
        public static object? FormatInteger(double value, string picture)
        {
            _ = picture;
            return JsonataNumberText.Format(value);
        }

        public static object? ParseInteger(string value, string picture)
        {
            _ = picture;
            return double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        public static object? ToMillis(string timestamp, string? picture)
        {
            _ = picture;
            return (double)System.DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        }

        public static object? FromMillis(double millis, string? picture, string? timezone)
        {
            _ = picture;
            _ = timezone;
            return System.DateTimeOffset.FromUnixTimeMilliseconds((long)millis).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
