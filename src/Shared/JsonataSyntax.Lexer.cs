// The JSONata tokenizer, as jsonata-js's (src/parser.js, tokenizer): token positions are the offset just past the
// token, as jsonata-js reports them.
#nullable enable
using System;
using System.Globalization;
using System.Text;

namespace StatesGen.Jsonata
{
    /// <summary>Token types of the JSONata tokenizer.</summary>
    internal enum JsonataTokenType
    {
        Name,
        Variable,
        Operator,
        String,
        Number,
        Value,
        Regex,
    }

    /// <summary>A token: its type, value (string, double, bool, null or regex parts) and end position.</summary>
    internal sealed class JsonataToken
    {
        public JsonataToken(JsonataTokenType type, object? value, int position)
        {
            Type = type;
            Value = value;
            Position = position;
        }

        public JsonataTokenType Type { get; }
        public object? Value { get; }
        public int Position { get; }
    }

    /// <summary>A regex literal's parts.</summary>
    internal sealed class JsonataRegexLiteral
    {
        public JsonataRegexLiteral(string pattern, string flags) { Pattern = pattern; Flags = flags; }
        public string Pattern { get; }
        public string Flags { get; }
        public override string ToString() => "/" + Pattern + "/" + Flags;
    }

    internal sealed class JsonataLexer
    {
        private const string Whitespace = " \t\n\r\v";
        private const string SingleCharOperators = ".[]{}(),@#;:?+-*/%|=<>^&!~";

        private readonly string _path;
        private readonly int _length;
        private int _position;

        public JsonataLexer(string path)
        {
            _path = path;
            _length = path.Length;
        }

        private char At(int i) => i >= 0 && i < _length ? _path[i] : '\0';

        internal static bool IsOperatorChar(char c) => c != '\0' && SingleCharOperators.IndexOf(c) >= 0;

        private JsonataToken Create(JsonataTokenType type, object? value) => new JsonataToken(type, value, _position);

        private static JsonataException Error(string code, int position, string? token = null) =>
            JsonataErrors.Create(code, position, token);

        /// <summary>The next token, or null at the end. <paramref name="prefix"/>: a '/' is division, not a regex.</summary>
        public JsonataToken? Next(bool prefix)
        {
            while (true)
            {
                if (_position >= _length) return null;
                char currentChar = At(_position);
                while (_position < _length && Whitespace.IndexOf(currentChar) >= 0)
                {
                    _position++;
                    currentChar = At(_position);
                }
                if (currentChar == '/' && At(_position + 1) == '*')
                {
                    int commentStart = _position;
                    _position += 2;
                    currentChar = At(_position);
                    while (!(currentChar == '*' && At(_position + 1) == '/'))
                    {
                        currentChar = At(++_position);
                        if (_position >= _length) throw Error("S0106", commentStart);
                    }
                    _position += 2;
                    continue;
                }
                return NextToken(prefix, currentChar);
            }
        }

        private JsonataToken? NextToken(bool prefix, char currentChar)
        {
            if (!prefix && currentChar == '/' && _position < _length)
            {
                _position++;
                var regex = ScanRegex();
                return Create(JsonataTokenType.Regex, regex);
            }
            char next = At(_position + 1);
            string? two = null;
            if (currentChar == '.' && next == '.') two = "..";
            else if (currentChar == ':' && next == '=') two = ":=";
            else if (currentChar == '!' && next == '=') two = "!=";
            else if (currentChar == '>' && next == '=') two = ">=";
            else if (currentChar == '<' && next == '=') two = "<=";
            else if (currentChar == '*' && next == '*') two = "**";
            else if (currentChar == '~' && next == '>') two = "~>";
            else if (currentChar == '?' && next == ':') two = "?:";
            else if (currentChar == '?' && next == '?') two = "??";
            if (two != null)
            {
                _position += 2;
                return Create(JsonataTokenType.Operator, two);
            }
            if (_position < _length && IsOperatorChar(currentChar))
            {
                _position++;
                return Create(JsonataTokenType.Operator, currentChar.ToString());
            }
            if (_position < _length && (currentChar == '"' || currentChar == '\''))
                return ScanString(currentChar);
            if (_position < _length && currentChar >= '0' && currentChar <= '9')
            {
                int end = ScanNumber(_position);
                if (end > _position)
                {
                    string text = _path.Substring(_position, end - _position);
                    double num = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                    if (double.IsNaN(num) || double.IsInfinity(num)) throw Error("S0102", _position, text);
                    _position = end;
                    return Create(JsonataTokenType.Number, num);
                }
            }
            if (_position < _length && currentChar == '`')
            {
                _position++;
                int endQuote = _path.IndexOf('`', _position);
                if (endQuote != -1)
                {
                    string quoted = _path.Substring(_position, endQuote - _position);
                    _position = endQuote + 1;
                    return Create(JsonataTokenType.Name, quoted);
                }
                _position = _length;
                throw Error("S0105", _position);
            }
            int i = _position;
            while (true)
            {
                char ch = At(i);
                if (i >= _length || Whitespace.IndexOf(ch) >= 0 || IsOperatorChar(ch))
                {
                    if (At(_position) == '$' && _position < _length)
                    {
                        string variable = _path.Substring(_position + 1, i - _position - 1);
                        _position = i;
                        return Create(JsonataTokenType.Variable, variable);
                    }
                    string name = _path.Substring(_position, i - _position);
                    _position = i;
                    switch (name)
                    {
                        case "or":
                        case "in":
                        case "and":
                            return Create(JsonataTokenType.Operator, name);
                        case "true":
                            return Create(JsonataTokenType.Value, true);
                        case "false":
                            return Create(JsonataTokenType.Value, false);
                        case "null":
                            return Create(JsonataTokenType.Value, null);
                        default:
                            if (_position == _length && name.Length == 0) return null;
                            return Create(JsonataTokenType.Name, name);
                    }
                }
                i++;
            }
        }

        // -?(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)? at start (the leading '-' is always an operator here).
        private int ScanNumber(int start)
        {
            int i = start;
            if (At(i) == '0') i++;
            else if (At(i) >= '1' && At(i) <= '9') { while (At(i) >= '0' && At(i) <= '9' && i < _length) i++; }
            else return start;
            if (At(i) == '.' && At(i + 1) >= '0' && At(i + 1) <= '9')
            {
                i++;
                while (i < _length && At(i) >= '0' && At(i) <= '9') i++;
            }
            if (At(i) == 'e' || At(i) == 'E')
            {
                int j = i + 1;
                if (At(j) == '+' || At(j) == '-') j++;
                if (j < _length && At(j) >= '0' && At(j) <= '9')
                {
                    while (j < _length && At(j) >= '0' && At(j) <= '9') j++;
                    i = j;
                }
            }
            return i;
        }

        private JsonataToken ScanString(char quoteType)
        {
            _position++;
            var qstr = new StringBuilder();
            while (_position < _length)
            {
                char currentChar = At(_position);
                if (currentChar == '\\')
                {
                    _position++;
                    currentChar = At(_position);
                    switch (currentChar)
                    {
                        case '"': qstr.Append('"'); break;
                        case '\\': qstr.Append('\\'); break;
                        case '/': qstr.Append('/'); break;
                        case 'b': qstr.Append('\b'); break;
                        case 'f': qstr.Append('\f'); break;
                        case 'n': qstr.Append('\n'); break;
                        case 'r': qstr.Append('\r'); break;
                        case 't': qstr.Append('\t'); break;
                        case 'u':
                            int avail = Math.Min(4, Math.Max(0, _length - (_position + 1)));
                            string octets = _path.Substring(_position + 1, avail);
                            bool hex = octets.Length > 0;
                            foreach (char h in octets) hex &= Uri.IsHexDigit(h);
                            if (!hex) throw Error("S0104", _position);
                            qstr.Append((char)int.Parse(octets, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                            _position += 4;
                            break;
                        default:
                            throw Error("S0103", _position, _position < _length ? currentChar.ToString() : "");
                    }
                }
                else if (currentChar == quoteType)
                {
                    _position++;
                    return Create(JsonataTokenType.String, qstr.ToString());
                }
                else
                {
                    qstr.Append(currentChar);
                }
                _position++;
            }
            throw Error("S0101", _position);
        }

        private JsonataRegexLiteral ScanRegex()
        {
            int start = _position;
            int depth = 0;
            while (_position < _length)
            {
                char currentChar = At(_position);
                if (currentChar == '/' && depth == 0)
                {
                    int backslashCount = 0;
                    while (At(_position - (backslashCount + 1)) == '\\') backslashCount++;
                    if (backslashCount % 2 == 0)
                    {
                        string pattern = _path.Substring(start, _position - start);
                        if (pattern.Length == 0) throw Error("S0301", _position);
                        _position++;
                        int flagStart = _position;
                        while (At(_position) == 'i' || At(_position) == 'm') _position++;
                        return new JsonataRegexLiteral(pattern, _path.Substring(flagStart, _position - flagStart) + "g");
                    }
                }
                if ((currentChar == '(' || currentChar == '[' || currentChar == '{') && At(_position - 1) != '\\') depth++;
                if ((currentChar == ')' || currentChar == ']' || currentChar == '}') && At(_position - 1) != '\\') depth--;
                _position++;
            }
            throw Error("S0302", _position);
        }
    }
}
