// Path parsing: root and segments. Filters and literals are in JsonPathSyntax.Filter.cs.
// The grammar follows Jayway JsonPath (com.jayway.jsonpath.internal.path.PathCompiler), which AWS Step Functions uses.
#nullable enable
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StatesGen.JsonPathing
{
    /// <summary>
    /// Parses JSONPath text into a <see cref="JsonPathExpression"/>. Never throws for bad input: errors come back as a
    /// plain message and the offset of the offending character.
    /// </summary>
    internal sealed partial class JsonPathParser
    {
        // Deep enough for any real filter, shallow enough never to overflow the stack on hostile input.
        private const int MaxNesting = 64;

        private readonly string _text;
        private int _pos;
        private int _end;
        private int _nesting;
        private string? _error;
        private int _errorOffset;

        private JsonPathParser(string text) { _text = text; }

        /// <summary>Parses a path that starts with <c>$</c> or <c>$$</c>.</summary>
        public static bool TryParse(string text, out JsonPathExpression? path, out string? error, out int errorOffset)
            => TryParse(text, allowVariableRoot: false, out path, out error, out errorOffset);

        /// <summary>Parses a path; with <paramref name="allowVariableRoot"/>, <c>$name...</c> is a path into a variable.</summary>
        public static bool TryParse(string text, bool allowVariableRoot, out JsonPathExpression? path, out string? error, out int errorOffset)
        {
            var parser = new JsonPathParser(text ?? "");
            path = parser.ParsePath(allowVariableRoot);
            error = parser._error;
            errorOffset = parser._errorOffset;
            if (path is null && error is null) { error = "invalid path"; errorOffset = 0; }
            return path is not null;
        }

        private JsonPathExpression? ParsePath(bool allowVariableRoot)
        {
            // Jayway trims the path before compiling it.
            int start = 0;
            while (start < _text.Length && IsWhite(_text[start])) start++;
            _end = _text.Length;
            while (_end > start && IsWhite(_text[_end - 1])) _end--;
            _pos = start;

            if (_pos >= _end || Cur != '$')
                return Fail<JsonPathExpression>(_pos < _end && Cur == '@' ? "'@' can only be used inside a filter" : "a path must start with '$'", _pos);
            _pos++;
            var root = JsonPathRoot.Input;
            string? variable = null;
            if (_pos < _end && Cur == '$')
            {
                root = JsonPathRoot.Context;
                _pos++;
            }
            else if (_pos < _end && IsVariableStart(Cur))
            {
                if (!allowVariableRoot) return Fail<JsonPathExpression>("expected '.' or '[' after '$'", _pos);
                int nameStart = _pos;
                while (_pos < _end && IsVariablePart(Cur)) _pos++;
                variable = _text.Substring(nameStart, _pos - nameStart);
                root = JsonPathRoot.Variable;
            }

            var segments = ParseSegments(inFilter: false);
            return segments is null ? null : new JsonPathExpression(_text, 0, root, variable, segments);
        }

        // Reads segments until the end (top level) or until a character that cannot continue a path (inside a filter).
        private JsonPathSegment[]? ParseSegments(bool inFilter)
        {
            var segments = new List<JsonPathSegment>();
            while (_pos < _end)
            {
                int start = _pos;
                char c = Cur;
                if (c == '[')
                {
                    var segment = ParseBracket(deep: false, start);
                    if (segment is null) return null;
                    segments.Add(segment);
                }
                else if (c == '.')
                {
                    bool deep = _pos + 1 < _end && _text[_pos + 1] == '.';
                    _pos += deep ? 2 : 1;
                    if (_pos >= _end || (inFilter && IsFilterNameStop(Cur)))
                        return Fail<JsonPathSegment[]>(deep ? "expected a name, '*' or '[' after '..'" : "expected a name, '*' or '[' after '.'", _pos);
                    c = Cur;
                    if (c == '.') return Fail<JsonPathSegment[]>("unexpected '.'", _pos);
                    JsonPathSegment? segment;
                    if (c == '[') segment = ParseBracket(deep, start);
                    else if (c == '*') { _pos++; segment = JsonPathSegment.ForWildcard(deep, start, _pos - start); }
                    else
                    {
                        var name = ReadDotName(inFilter);
                        segment = name is null ? null : JsonPathSegment.ForName(name, deep, start, _pos - start);
                    }
                    if (segment is null) return null;
                    segments.Add(segment);
                }
                else if (inFilter) break;
                else return Fail<JsonPathSegment[]>("expected '.' or '['", _pos);
            }
            return segments.ToArray();
        }

        // Jayway's dot notation takes everything up to the next '.' or '[' as the name: "$.input-value" is fine.
        private string? ReadDotName(bool inFilter)
        {
            int start = _pos;
            while (_pos < _end)
            {
                char c = Cur;
                if (c == '(') return Fail<string>("functions such as length() are not supported", _pos);
                if (c == '.' || c == '[' || (inFilter && IsFilterNameStop(c))) break;
                if (IsWhite(c)) return Fail<string>("a name with spaces needs bracket notation, as in ['my name']", _pos);
                _pos++;
            }
            return _pos == start ? Fail<string>("expected a name", _pos) : _text.Substring(start, _pos - start);
        }

        private JsonPathSegment? ParseBracket(bool deep, int start)
        {
            _pos++; // '['
            SkipWhite();
            if (_pos >= _end) return Fail<JsonPathSegment>("expected ']'", _pos);
            char c = Cur;
            if (c == '\'' || c == '"') return ParseNames(deep, start);
            if (c == '*')
            {
                _pos++;
                SkipWhite();
                return Expect(']', "expected ']' after '*'") ? JsonPathSegment.ForWildcard(deep, start, _pos - start) : null;
            }
            if (c == '?')
            {
                _pos++;
                SkipWhite();
                if (_pos >= _end || Cur != '(') return Fail<JsonPathSegment>("expected '(' after '?'", _pos);
                var filter = ParseOr();
                if (filter is null) return null;
                SkipWhite();
                return Expect(']', "expected ']' after filter") ? JsonPathSegment.ForFilter(filter, deep, start, _pos - start) : null;
            }
            if (IsDigit(c) || c == '-' || c == ':') return ParseIndexes(deep, start);
            if (c == ']') return Fail<JsonPathSegment>("empty brackets", _pos);
            return Fail<JsonPathSegment>("expected a quoted name, an index, a slice, '*' or '?(' after '['", _pos);
        }

        private JsonPathSegment? ParseNames(bool deep, int start)
        {
            var names = new List<string>();
            while (true)
            {
                SkipWhite();
                if (_pos >= _end || (Cur != '\'' && Cur != '"')) return Fail<JsonPathSegment>("expected a quoted name after ','", _pos);
                var name = ReadBracketName();
                if (name is null) return null;
                names.Add(name);
                SkipWhite();
                if (_pos < _end && Cur == ',') { _pos++; continue; }
                if (!Expect(']', "expected ',' or ']' after a quoted name")) return null;
                return names.Count == 1
                    ? JsonPathSegment.ForName(names[0], deep, start, _pos - start)
                    : JsonPathSegment.ForNames(names.ToArray(), deep, start, _pos - start);
            }
        }

        // A backslash keeps the next character from ending the name. Only \<quote> and \\ are unescaped: AWS looks up
        // $['Test\""Name"'] as the key Test\""Name" (recorded: conformance/aws-recorded/paths-025.case.json).
        private string? ReadBracketName()
        {
            int start = _pos;
            char quote = Cur;
            _pos++;
            var sb = new StringBuilder();
            while (_pos < _end)
            {
                char c = Cur;
                if (c == quote) { _pos++; return sb.ToString(); }
                if (c == '\\' && _pos + 1 < _end)
                {
                    char next = _text[_pos + 1];
                    if (next != quote && next != '\\') sb.Append('\\');
                    sb.Append(next);
                    _pos += 2;
                    continue;
                }
                sb.Append(c);
                _pos++;
            }
            return Fail<string>("unterminated string", start);
        }

        // [n], [n,m,...], [a:b], [a:], [:b]. Jayway ignores a slice step silently; rejecting it is kinder than ignoring it.
        private JsonPathSegment? ParseIndexes(bool deep, int start)
        {
            int? first = null;
            if (Cur != ':')
            {
                first = ReadInt();
                if (first is null) return null;
                SkipWhite();
            }
            if (_pos < _end && Cur == ':')
            {
                _pos++;
                SkipWhite();
                int? second = null;
                if (_pos < _end && (IsDigit(Cur) || Cur == '-'))
                {
                    second = ReadInt();
                    if (second is null) return null;
                    SkipWhite();
                }
                if (_pos < _end && Cur == ':') return Fail<JsonPathSegment>("slice steps ([start:end:step]) are not supported", _pos);
                if (first is null && second is null) return Fail<JsonPathSegment>("a slice needs a start or an end", start);
                return Expect(']', "expected ']' after slice") ? JsonPathSegment.ForSlice(first, second, deep, start, _pos - start) : null;
            }
            if (_pos < _end && Cur == ',')
            {
                var indexes = new List<int> { first!.Value };
                while (_pos < _end && Cur == ',')
                {
                    _pos++;
                    SkipWhite();
                    var next = ReadInt();
                    if (next is null) return null;
                    indexes.Add(next.Value);
                    SkipWhite();
                }
                return Expect(']', "expected ',' or ']' after index") ? JsonPathSegment.ForIndexes(indexes.ToArray(), deep, start, _pos - start) : null;
            }
            return Expect(']', "expected ']' after index") ? JsonPathSegment.ForIndex(first!.Value, deep, start, _pos - start) : null;
        }

        private int? ReadInt()
        {
            int start = _pos;
            if (_pos < _end && Cur == '-') _pos++;
            int digits = _pos;
            while (_pos < _end && IsDigit(Cur)) _pos++;
            if (_pos == digits) { Fail<string>("expected a number", _pos); return null; }
            if (!int.TryParse(_text.Substring(start, _pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            {
                Fail<string>("index out of range", start);
                return null;
            }
            return value;
        }

        private char Cur => _text[_pos];

        private bool Expect(char c, string message)
        {
            if (_pos < _end && Cur == c) { _pos++; return true; }
            Fail<string>(message, _pos);
            return false;
        }

        private void SkipWhite()
        {
            while (_pos < _end && IsWhite(Cur)) _pos++;
        }

        // Keeps the first error: callers unwind by returning null after it.
        private T? Fail<T>(string message, int offset) where T : class
        {
            if (_error is null) { _error = message; _errorOffset = offset; }
            return null;
        }

        private static bool IsWhite(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n';
        private static bool IsDigit(char c) => c >= '0' && c <= '9';
        private static bool IsVariableStart(char c) => c == '_' || char.IsLetter(c);
        private static bool IsVariablePart(char c) => c == '_' || char.IsLetterOrDigit(c);

        // Inside a filter a path ends where an operator, a closing parenthesis or a blank begins (Jayway FilterCompiler.readPath).
        private static bool IsFilterNameStop(char c)
            => IsWhite(c) || c == ')' || c == '(' || c == '<' || c == '>' || c == '=' || c == '!' || c == '~' || c == '&' || c == '|' || c == ',' || c == ']';
    }
}
