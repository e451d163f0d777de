using System.Text;

namespace StatesGen.Generator.Emit
{
    /// <summary>
    /// Names of generated static fields, made from what they hold: <c>s_pathOrderLines</c>, <c>s_retriersOfCharge</c>.
    /// Words break at any character that is not an ASCII letter or digit ('/', '$', ':', '['), unlike the class-name
    /// rule of the public contract (<c>NameAllocator.ToPascalCase</c>), which breaks only at space, '-', '_' and '.'.
    /// </summary>
    internal static class Names
    {
        private const int MaxLength = 40;

        /// <summary>The words of <paramref name="text"/> (letters and digits) in camelCase, e.g. "Arguments/FunctionName" → "argumentsFunctionName".</summary>
        public static string Hint(string text)
        {
            var pascal = Suffix(text);
            return pascal.Length == 0 ? "" : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        }

        /// <summary>The words of <paramref name="text"/> in PascalCase, e.g. "$.order.lines[0]" → "OrderLines0"; empty when it has none.</summary>
        public static string Suffix(string text)
        {
            var sb = new StringBuilder();
            bool upper = true;
            foreach (var c in text)
            {
                if (c < 128 && char.IsLetterOrDigit(c))
                {
                    sb.Append(upper ? char.ToUpperInvariant(c) : c);
                    upper = false;
                    if (sb.Length == MaxLength) break;
                }
                else upper = true;
            }
            return sb.ToString();
        }
    }
}
