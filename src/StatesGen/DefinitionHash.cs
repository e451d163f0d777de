using System.Security.Cryptography;
using System.Text;

namespace StatesGen
{
    /// <summary>
    /// The version of a definition that a stored execution is pinned to: a hash of its JSON text with the whitespace
    /// between tokens removed, so reformatting a file keeps its executions resumable while any change to a name or a
    /// value does not. The generator's own version is not part of it: upgrading StatesGen keeps executions running.
    /// </summary>
    internal static class DefinitionHash
    {
        public static string Of(string json)
        {
            using var sha = SHA256.Create();
            var digest = sha.ComputeHash(Encoding.UTF8.GetBytes(Compact(json)));
            var hex = new StringBuilder(16);
            for (int i = 0; i < 8; i++) hex.Append(digest[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return hex.ToString();
        }

        /// <summary>The JSON text without the whitespace between its tokens (and without a byte order mark).</summary>
        public static string Compact(string json)
        {
            var compact = new StringBuilder(json.Length);
            bool inString = false, escaped = false;
            foreach (var c in json)
            {
                if (inString)
                {
                    compact.Append(c);
                    if (escaped) escaped = false;
                    else if (c == '\\') escaped = true;
                    else if (c == '"') inString = false;
                }
                else if (c == '"')
                {
                    inString = true;
                    compact.Append(c);
                }
                else if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\uFEFF')
                {
                    compact.Append(c);
                }
            }
            return compact.ToString();
        }
    }
}
