using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StatesGen.Generator.Json
{
    /// <summary>
    /// A strict RFC 8259 reader that keeps the span of every token. AWS rejects comments, trailing commas, single
    /// quotes and raw control characters, so this reader does too, each with the offset of the offending character.
    /// Duplicate keys are reported but do not stop reading, so one build shows every problem of a file.
    /// </summary>
    internal sealed class JsonReader
    {
        private const int MaxDepth = 256;
        private readonly string _text;
        private int _pos;
        private int _depth;
        private readonly List<JsonSyntaxError> _problems = new List<JsonSyntaxError>();

        private JsonReader(string text) { _text = text; }

        /// <summary>Reads a whole document. Returns null with a fatal error when the text is not JSON.</summary>
        public static JsonValueSyntax? Read(string text, out List<JsonSyntaxError> problems)
        {
            var reader = new JsonReader(text);
            JsonValueSyntax? value;
            try
            {
                reader.SkipWhitespace();
                if (reader._pos >= text.Length)
                {
                    reader._problems.Add(new JsonSyntaxError("The file is empty: a state machine definition is a JSON object with StartAt and States.", 0, 0));
                    problems = reader._problems;
                    return null;
                }
                value = reader.ReadValue();
                reader.SkipWhitespace();
                if (reader._pos < text.Length) throw reader.Error("Unexpected text after the end of the JSON document.", reader._pos, 1);
            }
            catch (ReadException e)
            {
                reader._problems.Add(e.Error);
                value = null;
            }
            problems = reader._problems;
            return value;
        }

        private sealed class ReadException : System.Exception
        {
            public ReadException(JsonSyntaxError error) { Error = error; }
            public JsonSyntaxError Error { get; }
        }

        private ReadException Error(string message, int start, int length) => new ReadException(new JsonSyntaxError(message, start, length));

        private void SkipWhitespace()
        {
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { _pos++; continue; }
                if (c == '/' && _pos + 1 < _text.Length && (_text[_pos + 1] == '/' || _text[_pos + 1] == '*'))
                    throw Error("Comments are not allowed in JSON (AWS Step Functions rejects them).", _pos, 2);
                break;
            }
        }

        private JsonValueSyntax ReadValue()
        {
            if (_pos >= _text.Length) throw Error("Unexpected end of file: a value is missing.", _text.Length, 0);
            var c = _text[_pos];
            switch (c)
            {
                case '{': return ReadObject();
                case '[': return ReadArray();
                case '"':
                    {
                        int start = _pos;
                        var s = ReadString();
                        return new JsonStringSyntax(start, _pos, s);
                    }
                case '\'': throw Error("Strings must use double quotes, not single quotes.", _pos, 1);
                case 't': return ReadLiteral("true", JsonKind.True);
                case 'f': return ReadLiteral("false", JsonKind.False);
                case 'n': return ReadLiteral("null", JsonKind.Null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                    throw Error($"Unexpected character '{Printable(c)}': expected a value (object, array, string, number, true, false or null).", _pos, 1);
            }
        }

        private static string Printable(char c) => c < 0x20 ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString();

        private JsonValueSyntax ReadLiteral(string word, JsonKind kind)
        {
            int start = _pos;
            if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
            {
                int end = _pos;
                while (end < _text.Length && char.IsLetter(_text[end])) end++;
                throw Error($"Unexpected token '{_text.Substring(start, end - start)}': expected a value.", start, end - start);
            }
            _pos += word.Length;
            return new JsonLiteralSyntax(start, _pos, kind);
        }

        private JsonValueSyntax ReadNumber()
        {
            int start = _pos;
            if (_text[_pos] == '-') _pos++;
            if (_pos >= _text.Length || !IsDigit(_text[_pos])) throw Error("Invalid number: expected a digit.", start, _pos - start + 1);
            if (_text[_pos] == '0') { _pos++; if (_pos < _text.Length && IsDigit(_text[_pos])) throw Error("Invalid number: leading zeros are not allowed.", start, _pos - start + 1); }
            else while (_pos < _text.Length && IsDigit(_text[_pos])) _pos++;
            if (_pos < _text.Length && _text[_pos] == '.')
            {
                _pos++;
                if (_pos >= _text.Length || !IsDigit(_text[_pos])) throw Error("Invalid number: expected a digit after the decimal point.", start, _pos - start + 1);
                while (_pos < _text.Length && IsDigit(_text[_pos])) _pos++;
            }
            if (_pos < _text.Length && (_text[_pos] == 'e' || _text[_pos] == 'E'))
            {
                _pos++;
                if (_pos < _text.Length && (_text[_pos] == '+' || _text[_pos] == '-')) _pos++;
                if (_pos >= _text.Length || !IsDigit(_text[_pos])) throw Error("Invalid number: expected a digit in the exponent.", start, _pos - start + 1);
                while (_pos < _text.Length && IsDigit(_text[_pos])) _pos++;
            }
            return new JsonNumberSyntax(start, _pos, _text.Substring(start, _pos - start));
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private string ReadString()
        {
            int start = _pos;
            _pos++; // opening quote
            var sb = new StringBuilder();
            while (true)
            {
                if (_pos >= _text.Length) throw Error("Unterminated string: the closing '\"' is missing.", start, _text.Length - start);
                var c = _text[_pos];
                if (c == '"') { _pos++; return sb.ToString(); }
                if (c < 0x20)
                    throw Error(c == '\n' || c == '\r'
                        ? "Unterminated string: a line break inside a string must be written as \\n."
                        : $"Control character {Printable(c)} must be escaped inside a string.", _pos, 1);
                if (c == '\\')
                {
                    if (_pos + 1 >= _text.Length) throw Error("Unterminated string: the closing '\"' is missing.", start, _text.Length - start);
                    var e = _text[_pos + 1];
                    switch (e)
                    {
                        case '"': sb.Append('"'); break;
                        case '\\': sb.Append('\\'); break;
                        case '/': sb.Append('/'); break;
                        case 'b': sb.Append('\b'); break;
                        case 'f': sb.Append('\f'); break;
                        case 'n': sb.Append('\n'); break;
                        case 'r': sb.Append('\r'); break;
                        case 't': sb.Append('\t'); break;
                        case 'u':
                            if (_pos + 6 > _text.Length || !int.TryParse(_text.Substring(_pos + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                                throw Error("Invalid \\u escape: expected four hexadecimal digits.", _pos, System.Math.Min(6, _text.Length - _pos));
                            sb.Append((char)code);
                            _pos += 6;
                            continue;
                        default:
                            throw Error($"Invalid escape sequence '\\{Printable(e)}' in a string.", _pos, 2);
                    }
                    _pos += 2;
                    continue;
                }
                sb.Append(c);
                _pos++;
            }
        }

        private JsonValueSyntax ReadObject()
        {
            int start = _pos;
            if (++_depth > MaxDepth) throw Error("The JSON is nested too deeply.", _pos, 1);
            _pos++;
            var props = new List<JsonPropertySyntax>();
            var seen = new HashSet<string>();
            SkipWhitespace();
            if (_pos < _text.Length && _text[_pos] == '}') { _pos++; _depth--; return new JsonObjectSyntax(start, _pos, props); }
            while (true)
            {
                SkipWhitespace();
                if (_pos >= _text.Length) throw Error("Unexpected end of file: the object is not closed with '}'.", start, 1);
                var c = _text[_pos];
                if (c == '}') throw Error("Trailing comma: remove the ',' before '}'.", LastComma(), 1);
                if (c == '\'') throw Error("Property names must use double quotes, not single quotes.", _pos, 1);
                if (c != '"') throw Error($"Expected a property name in double quotes, found '{Printable(c)}'.", _pos, 1);
                int nameStart = _pos;
                var name = ReadString();
                int nameEnd = _pos;
                SkipWhitespace();
                if (_pos >= _text.Length) throw Error("Unexpected end of file: expected ':' after the property name.", nameStart, nameEnd - nameStart);
                if (_text[_pos] != ':') throw Error($"Expected ':' after the property name \"{name}\".", _pos, 1);
                _pos++;
                SkipWhitespace();
                var value = ReadValue();
                if (!seen.Add(name))
                    _problems.Add(new JsonSyntaxError($"Duplicate property \"{name}\": each key may appear only once in an object.", nameStart, nameEnd - nameStart));
                else
                    props.Add(new JsonPropertySyntax(name, nameStart, nameEnd, value));
                SkipWhitespace();
                if (_pos >= _text.Length) throw Error("Unexpected end of file: the object is not closed with '}'.", start, 1);
                c = _text[_pos];
                if (c == ',') { _pos++; continue; }
                if (c == '}') { _pos++; _depth--; return new JsonObjectSyntax(start, _pos, props); }
                throw Error($"Expected ',' or '}}' after a property value, found '{Printable(c)}'.", _pos, 1);
            }
        }

        private int LastComma()
        {
            int i = _pos - 1;
            while (i > 0 && _text[i] != ',') i--;
            return i;
        }

        private JsonValueSyntax ReadArray()
        {
            int start = _pos;
            if (++_depth > MaxDepth) throw Error("The JSON is nested too deeply.", _pos, 1);
            _pos++;
            var items = new List<JsonValueSyntax>();
            SkipWhitespace();
            if (_pos < _text.Length && _text[_pos] == ']') { _pos++; _depth--; return new JsonArraySyntax(start, _pos, items); }
            while (true)
            {
                SkipWhitespace();
                if (_pos >= _text.Length) throw Error("Unexpected end of file: the array is not closed with ']'.", start, 1);
                if (_text[_pos] == ']') throw Error("Trailing comma: remove the ',' before ']'.", LastComma(), 1);
                items.Add(ReadValue());
                SkipWhitespace();
                if (_pos >= _text.Length) throw Error("Unexpected end of file: the array is not closed with ']'.", start, 1);
                var c = _text[_pos];
                if (c == ',') { _pos++; continue; }
                if (c == ']') { _pos++; _depth--; return new JsonArraySyntax(start, _pos, items); }
                throw Error($"Expected ',' or ']' after an array item, found '{Printable(c)}'.", _pos, 1);
            }
        }
    }
}
