using System.Collections.Generic;
using System.Globalization;
using System.Text;
using StatesGen.Generator.Model;

namespace StatesGen.Generator.Parsing
{
    /// <summary>
    /// Parses intrinsic function calls such as <c>States.Format('Hello, {}', $.name)</c> at build time, so generated
    /// code calls the runtime function directly with its arguments already split and typed.
    /// </summary>
    internal sealed class IntrinsicParser
    {
        public const int MaxNesting = 10;

        /// <summary>Name, minimum and maximum argument count (-1: any).</summary>
        public static readonly Dictionary<string, (int Min, int Max)> Functions = new Dictionary<string, (int, int)>
        {
            ["States.Format"] = (1, -1),
            ["States.StringToJson"] = (1, 1),
            ["States.JsonToString"] = (1, 1),
            ["States.Array"] = (0, -1),
            ["States.ArrayPartition"] = (2, 2),
            ["States.ArrayContains"] = (2, 2),
            ["States.ArrayRange"] = (3, 3),
            ["States.ArrayGetItem"] = (2, 2),
            ["States.ArrayLength"] = (1, 1),
            ["States.ArrayUnique"] = (1, 1),
            ["States.Base64Encode"] = (1, 1),
            ["States.Base64Decode"] = (1, 1),
            ["States.Hash"] = (2, 2),
            ["States.JsonMerge"] = (3, 3),
            ["States.MathRandom"] = (2, 3),
            ["States.MathAdd"] = (2, 2),
            ["States.StringSplit"] = (2, 2),
            ["States.UUID"] = (0, 0),
        };

        private readonly string _text;
        private int _pos;
        private string? _error;
        private int _errorOffset;

        private IntrinsicParser(string text) { _text = text; }

        public static IntrinsicCall? Parse(string text, out string? error, out int errorOffset)
        {
            var p = new IntrinsicParser(text);
            var call = p.ParseCall(1);
            if (call != null)
            {
                p.SkipSpaces();
                if (p._pos < text.Length) { p.Fail($"unexpected text after the closing ')' at position {p._pos + 1}"); call = null; }
            }
            error = p._error;
            errorOffset = p._errorOffset;
            return call;
        }

        private IntrinsicCall? Fail(string message)
        {
            if (_error == null) { _error = message; _errorOffset = _pos; }
            return null;
        }

        private void SkipSpaces() { while (_pos < _text.Length && _text[_pos] == ' ') _pos++; }

        private IntrinsicCall? ParseCall(int depth)
        {
            if (depth > MaxNesting) return Fail($"intrinsic functions can be nested at most {MaxNesting} deep");
            int start = _pos;
            while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '.')) _pos++;
            var name = _text.Substring(start, _pos - start);
            if (!Functions.TryGetValue(name, out var arity)) { _pos = start; return Fail($"unknown intrinsic function \"{name}\"; known functions are {string.Join(", ", Functions.Keys)}"); }
            SkipSpaces();
            if (_pos >= _text.Length || _text[_pos] != '(') return Fail($"expected '(' after {name}");
            _pos++;
            var args = new List<IntrinsicArg>();
            SkipSpaces();
            if (_pos < _text.Length && _text[_pos] == ')') { _pos++; }
            else
            {
                while (true)
                {
                    SkipSpaces();
                    var arg = ParseArg(depth);
                    if (arg == null) return null;
                    args.Add(arg);
                    SkipSpaces();
                    if (_pos >= _text.Length) return Fail($"missing ')' to close {name}(");
                    if (_text[_pos] == ',') { _pos++; continue; }
                    if (_text[_pos] == ')') { _pos++; break; }
                    return Fail($"expected ',' or ')' in the arguments of {name}, found '{_text[_pos]}'");
                }
            }
            var call = new IntrinsicCall(name, EquatableArray.From(args));
            if (call.Args.Count < arity.Min || (arity.Max >= 0 && call.Args.Count > arity.Max))
            {
                var expected = arity.Max < 0 ? $"at least {arity.Min}" : arity.Min == arity.Max ? arity.Min.ToString(CultureInfo.InvariantCulture) : $"{arity.Min} to {arity.Max}";
                return Fail($"{name} takes {expected} argument{(arity.Max == 1 ? "" : "s")}, but {call.Args.Count} {(call.Args.Count == 1 ? "was" : "were")} given");
            }
            return CheckLiterals(call) ? call : null;
        }

        private IntrinsicArg? ParseArg(int depth)
        {
            if (_pos >= _text.Length) { Fail("missing argument"); return null; }
            var c = _text[_pos];
            if (c == '\'') return ParseString();
            if (c == '$') return ParsePathArg();
            if (c == '-' || char.IsDigit(c))
            {
                int start = _pos;
                _pos++;
                while (_pos < _text.Length && (char.IsDigit(_text[_pos]) || _text[_pos] == '.' || _text[_pos] == 'e' || _text[_pos] == 'E' || _text[_pos] == '+' || _text[_pos] == '-')) _pos++;
                var num = _text.Substring(start, _pos - start);
                if (!double.TryParse(num, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) { _pos = start; Fail($"invalid number '{num}'"); return null; }
                return new IntrinsicArg { LiteralJson = num, IsNumber = true };
            }
            foreach (var word in new[] { "true", "false", "null" })
            {
                if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) == 0)
                {
                    _pos += word.Length;
                    return new IntrinsicArg { LiteralJson = word };
                }
            }
            if (string.CompareOrdinal(_text, _pos, "States.", 0, 7) == 0)
            {
                var inner = ParseCall(depth + 1);
                return inner == null ? null : new IntrinsicArg { Call = inner };
            }
            Fail($"unexpected '{c}': an argument must be a 'string', a number, true, false, null, a path ($.x) or another States.* call");
            return null;
        }

        private IntrinsicArg? ParseString()
        {
            int start = _pos;
            _pos++;
            var sb = new StringBuilder();
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c == '\\')
                {
                    if (_pos + 1 >= _text.Length) break;
                    var e = _text[_pos + 1];
                    if (e != '\'' && e != '{' && e != '}' && e != '\\') { Fail($"invalid escape '\\{e}' in a string literal; use \\', \\{{, \\}} or \\\\"); return null; }
                    // Escaped braces stay escaped so States.Format can tell them from placeholders.
                    if (e != '\'') sb.Append('\\');
                    sb.Append(e);
                    _pos += 2;
                    continue;
                }
                if (c == '\'')
                {
                    _pos++;
                    var raw = sb.ToString();
                    return new IntrinsicArg { StringValue = Unescape(raw), LiteralJson = raw };
                }
                sb.Append(c);
                _pos++;
            }
            _pos = start;
            Fail("unterminated string literal: a closing ' is missing");
            return null;
        }

        /// <summary>The string's value with the brace escapes removed (for functions other than Format).</summary>
        public static string Unescape(string raw)
        {
            var sb = new StringBuilder(raw.Length);
            for (int i = 0; i < raw.Length; i++)
            {
                if (raw[i] == '\\' && i + 1 < raw.Length) i++;
                sb.Append(raw[i]);
            }
            return sb.ToString();
        }

        private IntrinsicArg? ParsePathArg()
        {
            int start = _pos;
            int bracket = 0;
            char quote = '\0';
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (quote != '\0') { if (c == quote) quote = '\0'; _pos++; continue; }
                if (c == '\'' || c == '"') quote = c;
                else if (c == '[' || c == '(') bracket++;
                else if (c == ']' || c == ')')
                {
                    if (bracket == 0) break;
                    bracket--;
                }
                else if ((c == ',' || c == ' ') && bracket == 0) break;
                _pos++;
            }
            var path = _text.Substring(start, _pos - start);
            return new IntrinsicArg { Path = new PathModel { Text = path } };
        }

        // Literal arguments of the wrong type are build errors; path arguments are checked at run time.
        private bool CheckLiterals(IntrinsicCall call)
        {
            string? Check(int index, string expected)
            {
                if (index >= call.Args.Count) return null;
                var a = call.Args[index];
                if (a.Path != null || a.Call != null) return null;
                bool ok = expected == "string" ? a.StringValue != null : expected == "number" ? a.IsNumber : expected == "boolean" ? a.LiteralJson is "true" or "false" : true;
                return ok ? null : $"argument {index + 1} of {call.Name} must be a {expected}";
            }
            string? problem = call.Name switch
            {
                "States.Format" => Check(0, "string") ?? FormatCount(call),
                "States.StringToJson" or "States.Base64Encode" or "States.Base64Decode" => Check(0, "string"),
                "States.ArrayPartition" => Check(1, "number"),
                "States.ArrayRange" => Check(0, "number") ?? Check(1, "number") ?? Check(2, "number"),
                "States.ArrayGetItem" => Check(1, "number"),
                "States.Hash" => Check(1, "string") ?? HashAlgorithm(call),
                "States.JsonMerge" => Check(2, "boolean"),
                "States.MathRandom" => Check(0, "number") ?? Check(1, "number") ?? Check(2, "number"),
                "States.MathAdd" => Check(0, "number") ?? Check(1, "number"),
                "States.StringSplit" => Check(0, "string") ?? Check(1, "string"),
                _ => null,
            };
            if (problem != null) { Fail(problem); return false; }
            return true;
        }

        private static string? HashAlgorithm(IntrinsicCall call)
        {
            var alg = call.Args[1].StringValue;
            return alg == null || alg is "MD5" or "SHA-1" or "SHA-256" or "SHA-384" or "SHA-512" ? null
                : $"States.Hash supports MD5, SHA-1, SHA-256, SHA-384 and SHA-512, not \"{alg}\"";
        }

        private static string? FormatCount(IntrinsicCall call)
        {
            var raw = call.Args[0].LiteralJson;
            if (raw == null || call.Args[0].StringValue == null) return null;
            int count = SplitFormat(raw).Count - 1;
            return count == call.Args.Count - 1 ? null
                : $"the States.Format template has {count} '{{}}' placeholder{(count == 1 ? "" : "s")} but {call.Args.Count - 1} argument{(call.Args.Count == 2 ? "" : "s")} follow{(call.Args.Count == 2 ? "s" : "")} it";
        }

        /// <summary>Splits a Format template (escapes kept as \{ \}) into the literal parts around its placeholders.</summary>
        public static List<string> SplitFormat(string raw)
        {
            var parts = new List<string>();
            var sb = new StringBuilder();
            for (int i = 0; i < raw.Length; i++)
            {
                var c = raw[i];
                if (c == '\\' && i + 1 < raw.Length) { sb.Append(raw[i + 1]); i++; continue; }
                if (c == '{' && i + 1 < raw.Length && raw[i + 1] == '}') { parts.Add(sb.ToString()); sb.Clear(); i++; continue; }
                sb.Append(c);
            }
            parts.Add(sb.ToString());
            return parts;
        }
    }
}
