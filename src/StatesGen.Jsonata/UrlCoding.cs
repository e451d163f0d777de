using System.Text;

namespace StatesGen.Jsonata
{
    /// <summary>JavaScript's encodeURI / encodeURIComponent / decodeURI / decodeURIComponent (URIError becomes D3140).</summary>
    internal static class UrlCoding
    {
        private const string Unreserved = "-_.!~*'()";
        private const string Reserved = ";/?:@&=+$,#";

        private static bool IsAlnum(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

        public static string Encode(string s, bool component, string functionName)
        {
            var sb = new StringBuilder(s.Length);
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (IsAlnum(c) || Unreserved.IndexOf(c) >= 0 || (!component && Reserved.IndexOf(c) >= 0))
                {
                    sb.Append(c);
                    continue;
                }
                int cp;
                if (char.IsHighSurrogate(c))
                {
                    if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) throw Malformed(s, functionName);
                    cp = char.ConvertToUtf32(c, s[i + 1]);
                    i++;
                }
                else if (char.IsLowSurrogate(c))
                {
                    throw Malformed(s, functionName);
                }
                else
                {
                    cp = c;
                }
                foreach (byte b in Encoding.UTF8.GetBytes(char.ConvertFromUtf32(cp)))
                    sb.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 15]);
            }
            return sb.ToString();
        }

        private static JError Malformed(string s, string functionName) =>
            new JError("D3140") { FunctionName = functionName }.WithValue(s);

        private static int Hex(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        public static string Decode(string s, bool component, string functionName)
        {
            var sb = new StringBuilder(s.Length);
            for (int k = 0; k < s.Length; k++)
            {
                char c = s[k];
                if (c != '%')
                {
                    sb.Append(c);
                    continue;
                }
                int start = k;
                if (k + 2 >= s.Length) throw Malformed(s, functionName);
                int h1 = Hex(s[k + 1]), h2 = Hex(s[k + 2]);
                if (h1 < 0 || h2 < 0) throw Malformed(s, functionName);
                int b = h1 * 16 + h2;
                k += 2;
                if (b < 0x80)
                {
                    char ch = (char)b;
                    if (!component && Reserved.IndexOf(ch) >= 0) sb.Append(s, start, 3);
                    else sb.Append(ch);
                    continue;
                }
                int n;
                if ((b & 0xE0) == 0xC0) n = 2;
                else if ((b & 0xF0) == 0xE0) n = 3;
                else if ((b & 0xF8) == 0xF0) n = 4;
                else throw Malformed(s, functionName);
                var bytes = new byte[n];
                bytes[0] = (byte)b;
                for (int j = 1; j < n; j++)
                {
                    k++;
                    if (k + 2 >= s.Length) throw Malformed(s, functionName);
                    if (s[k] != '%') throw Malformed(s, functionName);
                    int x1 = Hex(s[k + 1]), x2 = Hex(s[k + 2]);
                    if (x1 < 0 || x2 < 0) throw Malformed(s, functionName);
                    int bb = x1 * 16 + x2;
                    if ((bb & 0xC0) != 0x80) throw Malformed(s, functionName);
                    bytes[j] = (byte)bb;
                    k += 2;
                }
                string decoded;
                try
                {
                    decoded = new UTF8Encoding(false, true).GetString(bytes);
                }
                catch (DecoderFallbackException)
                {
                    throw Malformed(s, functionName);
                }
                sb.Append(decoded);
            }
            return sb.ToString();
        }
    }
}
