// Function signatures (<n-n:n>, <a<s>s?:s>, ...) as jsonata-js parses them (src/signature.js): each parameter becomes
// a regex over one-letter type symbols; the runtime matches the symbols of the actual arguments against it.
#nullable enable
using System;
using System.Collections.Generic;
using System.Text;

namespace StatesGen.Jsonata
{
    /// <summary>One parameter of a signature.</summary>
    internal sealed class JsonataSignatureParameter
    {
        /// <summary>Regex over type symbols (s n b l o a f m) matching this parameter's arguments.</summary>
        public string Regex { get; internal set; } = "";

        /// <summary>The type letter, or <c>(...)</c> for a choice.</summary>
        public string Type { get; internal set; } = "";

        /// <summary><c>-</c>: the context value stands in when the argument is missing.</summary>
        public bool UseContext { get; internal set; }

        /// <summary>Regex the context value's symbol must match.</summary>
        public string? ContextRegex { get; internal set; }

        /// <summary>Type parameter of <c>a&lt;..&gt;</c> or <c>f&lt;..&gt;</c>.</summary>
        public string? Subtype { get; internal set; }
    }

    /// <summary>A parsed function signature.</summary>
    internal sealed class JsonataSignature
    {
        private JsonataSignature(string definition, List<JsonataSignatureParameter> parameters)
        {
            Definition = definition;
            Parameters = parameters;
            var sb = new StringBuilder("^");
            foreach (var p in parameters) sb.Append('(').Append(p.Regex).Append(')');
            sb.Append('$');
            Regex = sb.ToString();
        }

        /// <summary>The signature text.</summary>
        public string Definition { get; }

        /// <summary>The parameters.</summary>
        public List<JsonataSignatureParameter> Parameters { get; }

        /// <summary>The regex the argument symbols must match, one group per parameter.</summary>
        public string Regex { get; }

        /// <summary>A per-signature cache for the runtime (the compiled regex).</summary>
        internal object? RuntimeCache { get; set; }

        /// <summary>Parses a signature; errors S0401/S0402 are positioned at <paramref name="position"/> + offset.</summary>
        public static JsonataSignature Parse(string signature, int position = 0)
        {
            int pos = 1;
            var parameters = new List<JsonataSignatureParameter>();
            var param = new JsonataSignatureParameter();
            var prevParam = param;
            while (pos < signature.Length)
            {
                char symbol = signature[pos];
                if (symbol == ':') break;
                switch (symbol)
                {
                    case 's':
                    case 'n':
                    case 'b':
                    case 'l':
                    case 'o':
                        param.Regex = "[" + symbol + "m]";
                        param.Type = symbol.ToString();
                        Next();
                        break;
                    case 'a':
                        param.Regex = "[asnblfom]";
                        param.Type = "a";
                        Next();
                        break;
                    case 'f':
                        param.Regex = "f";
                        param.Type = "f";
                        Next();
                        break;
                    case 'j':
                        param.Regex = "[asnblom]";
                        param.Type = "j";
                        Next();
                        break;
                    case 'x':
                        param.Regex = "[asnblfom]";
                        param.Type = "x";
                        Next();
                        break;
                    case '-':
                        prevParam.UseContext = true;
                        prevParam.ContextRegex = prevParam.Regex;
                        prevParam.Regex += "?";
                        break;
                    case '?':
                    case '+':
                        prevParam.Regex += symbol;
                        break;
                    case '(':
                        {
                            int endParen = FindClosingBracket(signature, pos, '(', ')');
                            string choice = signature.Substring(pos + 1, Math.Max(0, Math.Min(endParen, signature.Length) - pos - 1));
                            if (choice.IndexOf('<') == -1)
                                param.Regex = "[" + choice + "m]";
                            else
                                throw JsonataErrors.Create("S0402", position + pos, null, "value", JsonataErrors.Quote(choice));
                            param.Type = "(" + choice + ")";
                            pos = endParen;
                            Next();
                            break;
                        }
                    case '<':
                        if (prevParam.Type == "a" || prevParam.Type == "f")
                        {
                            int endPos = FindClosingBracket(signature, pos, '<', '>');
                            prevParam.Subtype = signature.Substring(pos + 1, Math.Max(0, Math.Min(endPos, signature.Length) - pos - 1));
                            pos = endPos;
                        }
                        else
                        {
                            throw JsonataErrors.Create("S0401", position + pos, null, "value", JsonataErrors.Quote(prevParam.Type));
                        }
                        break;
                }
                pos++;
            }
            return new JsonataSignature(signature, parameters);

            void Next()
            {
                parameters.Add(param);
                prevParam = param;
                param = new JsonataSignatureParameter();
            }
        }

        private static int FindClosingBracket(string str, int start, char open, char close)
        {
            int depth = 1;
            int position = start;
            while (position < str.Length)
            {
                position++;
                char symbol = position < str.Length ? str[position] : '\0';
                if (symbol == close)
                {
                    depth--;
                    if (depth == 0) break;
                }
                else if (symbol == open)
                {
                    depth++;
                }
            }
            return position;
        }
    }
}
