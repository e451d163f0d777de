using System.Collections.Generic;
using System.Text;

namespace StatesGen.Generator.Parsing
{
    /// <summary>Makes C# identifiers from names (state names, file names), unique within one allocator.</summary>
    internal sealed class NameAllocator
    {
        private readonly HashSet<string> _used = new HashSet<string>(System.StringComparer.Ordinal);

        public NameAllocator(params string[] reserved)
        {
            foreach (var r in reserved) _used.Add(r);
        }

        public string Allocate(string name, string suffix = "")
        {
            var baseName = ToPascalCase(name);
            if (baseName.Length == 0) baseName = "State";
            var candidate = baseName + suffix;
            for (int i = 2; !_used.Add(candidate); i++) candidate = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + suffix;
            return candidate;
        }

        /// <summary>
        /// PascalCase per the public contract: words split at space, '-', '_' and '.', characters not valid in an
        /// identifier dropped, '_' before a leading digit.
        /// </summary>
        public static string ToPascalCase(string name)
        {
            var sb = new StringBuilder(name.Length);
            bool upperNext = true;
            foreach (var c in name)
            {
                if (c == ' ' || c == '-' || c == '_' || c == '.') { upperNext = true; continue; }
                if (!IsIdentifierPart(c)) continue;
                sb.Append(upperNext ? char.ToUpperInvariant(c) : c);
                upperNext = false;
            }
            if (sb.Length > 0 && char.IsDigit(sb[0])) sb.Insert(0, '_');
            return sb.ToString();
        }

        private static bool IsIdentifierPart(char c)
        {
            if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            switch (char.GetUnicodeCategory(c))
            {
                case System.Globalization.UnicodeCategory.UppercaseLetter:
                case System.Globalization.UnicodeCategory.LowercaseLetter:
                case System.Globalization.UnicodeCategory.TitlecaseLetter:
                case System.Globalization.UnicodeCategory.ModifierLetter:
                case System.Globalization.UnicodeCategory.OtherLetter:
                case System.Globalization.UnicodeCategory.LetterNumber:
                case System.Globalization.UnicodeCategory.DecimalDigitNumber:
                    return true;
                default:
                    return false;
            }
        }
    }
}
