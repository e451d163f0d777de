// Filter parsing: [?( ... )] expressions, their operands and JSON literals.
// The grammar follows Jayway JsonPath's FilterCompiler:
//   Or = And { '||' And };  And = Unary { '&&' Unary };  Unary = '!' Unary | '!' Path | '(' Or ')' | Comparison;
//   Comparison = Operand [ Operator Operand ]   (a lone path is an existence test).
#nullable enable
using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace StatesGen.JsonPathing
{
    internal sealed partial class JsonPathParser
    {
        /// <summary>
        /// Builds the regular expression for a <c>=~</c> operand. Java's <c>Matcher.matches()</c>, which Jayway calls,
        /// needs the whole input to match, hence the anchors. Flags d, u and U have no .NET counterpart and are ignored.
        /// Throws <see cref="ArgumentException"/> for an invalid pattern.
        /// </summary>
        internal static Regex CreateRegex(string pattern, string flags)
        {
            var options = RegexOptions.CultureInvariant;
            foreach (char f in flags)
            {
                if (f == 'i') options |= RegexOptions.IgnoreCase;
                else if (f == 'm') options |= RegexOptions.Multiline;
                else if (f == 's') options |= RegexOptions.Singleline;
                else if (f == 'x') options |= RegexOptions.IgnorePatternWhitespace;
            }
            // The pattern alone must be valid too: "a)|(b" is not, though it would be once wrapped.
            _ = new Regex(pattern, options);
            // A newline ends a trailing '#' comment in x mode, so the closing parenthesis stays live.
            string close = (options & RegexOptions.IgnorePatternWhitespace) != 0 ? "\n)\\z" : ")\\z";
            return new Regex("\\A(?:" + pattern + close, options);
        }

        private JsonPathFilter? ParseOr() => ParseLogical(JsonPathFilterKind.Or, "||");

        private JsonPathFilter? ParseLogical(JsonPathFilterKind kind, string op)
        {
            SkipWhite();
            int start = _pos;
            var first = kind == JsonPathFilterKind.Or ? ParseLogical(JsonPathFilterKind.And, "&&") : ParseUnary();
            if (first is null) return null;
            List<JsonPathFilter>? operands = null;
            while (true)
            {
                SkipWhite();
                if (_pos + 1 >= _end || _text[_pos] != op[0] || _text[_pos + 1] != op[1]) break;
                _pos += 2;
                var next = kind == JsonPathFilterKind.Or ? ParseLogical(JsonPathFilterKind.And, "&&") : ParseUnary();
                if (next is null) return null;
                (operands ??= new List<JsonPathFilter> { first }).Add(next);
            }
            return operands is null ? first : JsonPathFilter.Logical(kind, operands.ToArray(), start);
        }

        private JsonPathFilter? ParseUnary()
        {
            SkipWhite();
            int start = _pos;
            if (_pos >= _end) return Fail<JsonPathFilter>("expected a condition", _pos);
            if (++_nesting > MaxNesting) return Fail<JsonPathFilter>("filter nested too deeply", _pos);
            try
            {
                char c = Cur;
                if (c == '!' && !(_pos + 1 < _end && _text[_pos + 1] == '='))
                {
                    _pos++;
                    SkipWhite();
                    if (_pos < _end && (Cur == '@' || Cur == '$'))
                    {
                        var operand = ParseOperand();
                        if (operand is null) return null;
                        SkipWhite();
                        // Jayway reads "!@.a == 1" as "@.a == 1", dropping the '!'; make the writer say what they mean.
                        if (_pos < _end && (IsOperatorChar(Cur) || char.IsLetter(Cur)))
                            return Fail<JsonPathFilter>("'!' before a comparison is ambiguous: write !(...)", start);
                        return JsonPathFilter.Logical(JsonPathFilterKind.Not, new[] { JsonPathFilter.Exists(operand.Path!, operand.Offset) }, start);
                    }
                    var negated = ParseUnary();
                    return negated is null ? null : JsonPathFilter.Logical(JsonPathFilterKind.Not, new[] { negated }, start);
                }
                if (c == '(')
                {
                    _pos++;
                    var inner = ParseOr();
                    if (inner is null) return null;
                    SkipWhite();
                    return Expect(')', "expected ')'") ? inner : null;
                }
                return ParseComparison();
            }
            finally { _nesting--; }
        }

        private JsonPathFilter? ParseComparison()
        {
            int start = _pos;
            var left = ParseOperand();
            if (left is null) return null;
            SkipWhite();
            if (_pos >= _end || !(IsOperatorChar(Cur) || char.IsLetter(Cur)))
            {
                return left.Kind == JsonPathOperandKind.Path
                    ? JsonPathFilter.Exists(left.Path!, start)
                    : Fail<JsonPathFilter>("expected a comparison operator", _pos);
            }
            var op = ReadOperator();
            if (op is null) return null;
            SkipWhite();
            var right = ParseOperand();
            if (right is null) return null;

            bool leftRegex = left.Kind == JsonPathOperandKind.Regex, rightRegex = right.Kind == JsonPathOperandKind.Regex;
            if (op == JsonPathOperator.Matches && leftRegex == rightRegex)
                return Fail<JsonPathFilter>("'=~' compares a value with a /pattern/", leftRegex ? left.Offset : right.Offset);
            if (op != JsonPathOperator.Matches && (leftRegex || rightRegex))
                return Fail<JsonPathFilter>("a /pattern/ can only be used with '=~'", leftRegex ? left.Offset : right.Offset);
            // Jayway's EmptyEvaluator reads the right side as a boolean and fails on anything else.
            if (op == JsonPathOperator.Empty && right.Literal?.Kind != JsonPathLiteralKind.Boolean)
                return Fail<JsonPathFilter>("expected true or false after 'empty'", right.Offset);
            return JsonPathFilter.Comparison(left, op.Value, right, start);
        }

        private JsonPathOperator? ReadOperator()
        {
            int start = _pos;
            bool symbolic = IsOperatorChar(Cur);
            while (_pos < _end && (symbolic ? IsOperatorChar(Cur) : char.IsLetter(Cur))) _pos++;
            string text = _text.Substring(start, _pos - start);
            switch (symbolic ? text : text.ToLowerInvariant())
            {
                case "==": return JsonPathOperator.Equal;
                case "!=": return JsonPathOperator.NotEqual;
                case "===": return JsonPathOperator.StrictEqual;
                case "!==": return JsonPathOperator.StrictNotEqual;
                case "<": return JsonPathOperator.Less;
                case "<=": return JsonPathOperator.LessOrEqual;
                case ">": return JsonPathOperator.Greater;
                case ">=": return JsonPathOperator.GreaterOrEqual;
                case "=~": return JsonPathOperator.Matches;
                case "in": return JsonPathOperator.In;
                case "nin": return JsonPathOperator.NotIn;
                case "subsetof": return JsonPathOperator.SubsetOf;
                case "anyof": return JsonPathOperator.AnyOf;
                case "noneof": return JsonPathOperator.NoneOf;
                case "size": return JsonPathOperator.Size;
                case "empty": return JsonPathOperator.Empty;
                case "contains": return JsonPathOperator.Contains;
            }
            Fail<string>(text == "=" ? "unknown operator '=': use '==' to compare" : "unknown operator '" + text + "'", start);
            return null;
        }

        private JsonPathOperand? ParseOperand()
        {
            SkipWhite();
            int start = _pos;
            if (_pos >= _end) return Fail<JsonPathOperand>("expected a value", _pos);
            char c = Cur;
            if (c == '@' || c == '$')
            {
                _pos++;
                if (c == '$' && _pos < _end && (Cur == '$' || IsVariableStart(Cur)))
                    return Fail<JsonPathOperand>("expected '.' or '[' after '$'", _pos);
                var segments = ParseSegments(inFilter: true);
                if (segments is null) return null;
                var root = c == '@' ? JsonPathRoot.Current : JsonPathRoot.Input;
                return JsonPathOperand.ForPath(new JsonPathExpression(_text.Substring(start, _pos - start), start, root, null, segments), start);
            }
            if (c == '/') return ParseRegex();
            var literal = ParseLiteral();
            return literal is null ? null : JsonPathOperand.ForLiteral(literal, start);
        }

        // The pattern is kept as written: Jayway hands it to java.util.regex unchanged (\/ included).
        private JsonPathOperand? ParseRegex()
        {
            int start = _pos++;
            var pattern = new StringBuilder();
            while (true)
            {
                if (_pos >= _end) return Fail<JsonPathOperand>("unterminated /pattern/", start);
                char c = Cur;
                if (c == '/') { _pos++; break; }
                if (c == '\\' && _pos + 1 < _end) { pattern.Append(c).Append(_text[_pos + 1]); _pos += 2; continue; }
                pattern.Append(c);
                _pos++;
            }
            int flagsStart = _pos;
            while (_pos < _end && char.IsLetter(Cur))
            {
                if ("dixmsuU".IndexOf(Cur) < 0) return Fail<JsonPathOperand>("unknown regular expression flag '" + Cur + "'", _pos);
                _pos++;
            }
            string flags = _text.Substring(flagsStart, _pos - flagsStart);
            try
            {
                CreateRegex(pattern.ToString(), flags);
            }
            catch (ArgumentException e)
            {
                return Fail<JsonPathOperand>("invalid regular expression: " + e.Message, start);
            }
            return JsonPathOperand.ForRegex(pattern.ToString(), flags, start);
        }

        // JSON values, permissive as Jayway's json-smart parser is: strings may use single quotes.
        private JsonPathLiteral? ParseLiteral()
        {
            SkipWhite();
            if (_pos >= _end) return Fail<JsonPathLiteral>("expected a value", _pos);
            char c = Cur;
            if (c == '\'' || c == '"')
            {
                var s = ReadFilterString();
                return s is null ? null : JsonPathLiteral.ForString(s);
            }
            if (c == '-' || IsDigit(c)) return ReadNumber();
            if (c == '[' || c == '{')
            {
                if (++_nesting > MaxNesting) return Fail<JsonPathLiteral>("value nested too deeply", _pos);
                try { return c == '[' ? ParseArrayLiteral() : ParseObjectLiteral(); }
                finally { _nesting--; }
            }
            if (char.IsLetter(c))
            {
                int start = _pos;
                while (_pos < _end && char.IsLetterOrDigit(Cur)) _pos++;
                switch (_text.Substring(start, _pos - start))
                {
                    case "true": return JsonPathLiteral.True;
                    case "false": return JsonPathLiteral.False;
                    case "null": return JsonPathLiteral.Null;
                }
                return Fail<JsonPathLiteral>("unknown word '" + _text.Substring(start, _pos - start) + "': strings need quotes", start);
            }
            return Fail<JsonPathLiteral>("expected a path, a literal or a /pattern/", _pos);
        }

        private JsonPathLiteral? ParseArrayLiteral()
        {
            _pos++; // '['
            var items = new List<JsonPathLiteral>();
            SkipWhite();
            if (_pos < _end && Cur == ']') { _pos++; return JsonPathLiteral.ForArray(items.ToArray()); }
            while (true)
            {
                var item = ParseLiteral();
                if (item is null) return null;
                items.Add(item);
                SkipWhite();
                if (_pos < _end && Cur == ',') { _pos++; continue; }
                return Expect(']', "expected ',' or ']' in array") ? JsonPathLiteral.ForArray(items.ToArray()) : null;
            }
        }

        private JsonPathLiteral? ParseObjectLiteral()
        {
            _pos++; // '{'
            var members = new List<KeyValuePair<string, JsonPathLiteral>>();
            SkipWhite();
            if (_pos < _end && Cur == '}') { _pos++; return JsonPathLiteral.ForObject(members.ToArray()); }
            while (true)
            {
                SkipWhite();
                if (_pos >= _end || (Cur != '"' && Cur != '\'')) return Fail<JsonPathLiteral>("expected a quoted member name", _pos);
                var key = ReadFilterString();
                if (key is null) return null;
                SkipWhite();
                if (!Expect(':', "expected ':' after member name")) return null;
                var value = ParseLiteral();
                if (value is null) return null;
                members.Add(new KeyValuePair<string, JsonPathLiteral>(key, value));
                SkipWhite();
                if (_pos < _end && Cur == ',') { _pos++; continue; }
                return Expect('}', "expected ',' or '}' in object") ? JsonPathLiteral.ForObject(members.ToArray()) : null;
            }
        }

        private JsonPathLiteral? ReadNumber()
        {
            int start = _pos;
            if (Cur == '-') _pos++;
            if (!ReadDigits()) return Fail<JsonPathLiteral>("invalid number", start);
            if (_pos < _end && Cur == '.')
            {
                _pos++;
                if (!ReadDigits()) return Fail<JsonPathLiteral>("invalid number", start);
            }
            if (_pos < _end && (Cur == 'e' || Cur == 'E'))
            {
                _pos++;
                if (_pos < _end && (Cur == '+' || Cur == '-')) _pos++;
                if (!ReadDigits()) return Fail<JsonPathLiteral>("invalid number", start);
            }
            if (_pos < _end && (char.IsLetterOrDigit(Cur) || Cur == '.')) return Fail<JsonPathLiteral>("invalid number", start);
            return JsonPathLiteral.ForNumber(_text.Substring(start, _pos - start));
        }

        private bool ReadDigits()
        {
            int start = _pos;
            while (_pos < _end && IsDigit(Cur)) _pos++;
            return _pos > start;
        }

        // Escapes as Jayway's Utils.unescape reads them: \\ \' \" \r \f \t \n \b \uXXXX; any other \x gives x.
        private string? ReadFilterString()
        {
            int start = _pos;
            char quote = Cur;
            _pos++;
            var sb = new StringBuilder();
            while (_pos < _end)
            {
                char c = Cur;
                if (c == quote) { _pos++; return sb.ToString(); }
                if (c != '\\') { sb.Append(c); _pos++; continue; }
                if (_pos + 1 >= _end) break;
                char e = _text[_pos + 1];
                _pos += 2;
                switch (e)
                {
                    case 'r': sb.Append('\r'); break;
                    case 'f': sb.Append('\f'); break;
                    case 't': sb.Append('\t'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'u':
                        int code = 0;
                        for (int i = 0; i < 4; i++, _pos++)
                        {
                            int digit = _pos < _end ? HexValue(Cur) : -1;
                            if (digit < 0) return Fail<string>("invalid \\u escape", _pos - 2 - i);
                            code = code * 16 + digit;
                        }
                        sb.Append((char)code);
                        break;
                    default: sb.Append(e); break;
                }
            }
            return Fail<string>("unterminated string", start);
        }

        private static int HexValue(char c)
            => c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

        private static bool IsOperatorChar(char c) => c == '<' || c == '>' || c == '=' || c == '!' || c == '~';
    }
}
