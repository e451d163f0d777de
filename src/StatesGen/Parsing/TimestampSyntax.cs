using System.Text.RegularExpressions;

namespace StatesGen.Generator.Parsing
{
    /// <summary>Build-time check of RFC 3339 timestamps as AWS accepts them: uppercase T and Z only.</summary>
    internal static class TimestampSyntax
    {
        private static readonly Regex Pattern = new Regex(
            @"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$",
            RegexOptions.CultureInvariant);

        public static bool IsValid(string text) => Pattern.IsMatch(text);
    }
}
