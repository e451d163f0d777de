using System;
using System.Text;
using System.Text.RegularExpressions;

namespace StatesGen.Jsonata
{
    /// <summary>
    /// Translates a JavaScript regular expression (as jsonata-js hands it to <c>new RegExp(pattern, flags)</c>) into an
    /// equivalent .NET <see cref="Regex"/>: ASCII <c>\d \w</c>, <c>.</c> excluding all JS line terminators, <c>$</c> only at
    /// the very end unless multiline, <c>[^]</c> and <c>[]</c>.
    /// </summary>
    internal static class JsRegex
    {
        public static Regex Create(string pattern, string flags)
        {
            var options = RegexOptions.CultureInvariant;
            bool multiline = flags.IndexOf('m') >= 0;
            if (flags.IndexOf('i') >= 0) options |= RegexOptions.IgnoreCase;
            if (multiline) options |= RegexOptions.Multiline;
            try
            {
                return new Regex(Translate(pattern, multiline), options);
            }
            catch (ArgumentException)
            {
                // jsonata-js would throw a JavaScript SyntaxError from new RegExp(); there is no JSONata code for it.
                throw new JError("S0302") { RawMessage = "Invalid regular expression: /" + pattern + "/" };
            }
        }

        private static string Translate(string p, bool multiline)
        {
            var sb = new StringBuilder(p.Length + 16);
            bool inClass = false;
            for (int i = 0; i < p.Length; i++)
            {
                char c = p[i];
                if (c == '\\' && i + 1 < p.Length)
                {
                    char n = p[++i];
                    switch (n)
                    {
                        case 'd': sb.Append(inClass ? "0-9" : "[0-9]"); break;
                        case 'D': sb.Append(inClass ? "\\P{Nd}" : "[^0-9]"); break;
                        case 'w': sb.Append(inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]"); break;
                        case 'W': sb.Append(inClass ? "\\W" : "[^a-zA-Z0-9_]"); break;
                        case '/': sb.Append('/'); break;
                        default: sb.Append('\\').Append(n); break;
                    }
                    continue;
                }
                if (inClass)
                {
                    if (c == ']') inClass = false;
                    else if (c == '[') { sb.Append("\\["); continue; }
                    sb.Append(c);
                    continue;
                }
                switch (c)
                {
                    case '[':
                        if (i + 2 < p.Length + 1 && p.Length > i + 1 && p[i + 1] == ']') { sb.Append("(?!)"); i++; break; }
                        if (i + 2 < p.Length && p[i + 1] == '^' && p[i + 2] == ']') { sb.Append("[\\s\\S]"); i += 2; break; }
                        inClass = true;
                        sb.Append('[');
                        if (i + 1 < p.Length && p[i + 1] == '^') { sb.Append('^'); i++; }
                        if (i + 1 < p.Length && p[i + 1] == ']') { sb.Append("\\]"); i++; }
                        break;
                    case '.':
                        sb.Append("[^\\n\\r\\u2028\\u2029]");
                        break;
                    case '$':
                        sb.Append(multiline ? "(?=[\\n\\r\\u2028\\u2029]|\\z)" : "\\z");
                        break;
                    case '(':
                        // JS named groups (?<name>...) are the same in .NET; lookbehind too.
                        sb.Append(c);
                        break;
                    default:
                        sb.Append(c);
                        break;
                }
            }
            return sb.ToString();
        }
    }
}
