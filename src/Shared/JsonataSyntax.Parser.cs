// The JSONata Pratt parser (top-down operator precedence), following jsonata-js 2.x src/parser.js: the same binding
// powers, the same error codes and positions. Produces a raw tree that JsonataSyntax.PostParse.cs rewrites.
#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StatesGen.Jsonata
{
    /// <summary>Parses JSONata expressions. Syntax errors throw <see cref="JsonataException"/> with jsonata-js's codes.</summary>
    internal sealed partial class JsonataParser
    {
        // A node of the raw parse tree (jsonata-js's symbol objects): only the parser sees these.
        private sealed class Raw
        {
            public string Id = "";
            public string Type = "";
            public object? Value;
            public int Position;
            public bool HasId = true;
            public Raw? Lhs, Rhs, Expression, Procedure, Body, Condition, Then, Else, Pattern, Update, Delete;
            public List<Raw>? Expressions, Arguments;
            public List<Raw[]>? Pairs;
            public List<KeyValuePair<bool, Raw>>? Terms;
            public JsonataSignature? Signature;
            public bool KeepArray;

            public Raw Clone()
            {
                // jsonata-js clones with JSON.parse(JSON.stringify(node)): own data only, the symbol id is lost.
                var c = (Raw)MemberwiseClone();
                c.HasId = false;
                c.Lhs = Lhs?.Clone(); c.Rhs = Rhs?.Clone(); c.Expression = Expression?.Clone(); c.Procedure = Procedure?.Clone();
                c.Body = Body?.Clone(); c.Condition = Condition?.Clone(); c.Then = Then?.Clone(); c.Else = Else?.Clone();
                c.Pattern = Pattern?.Clone(); c.Update = Update?.Clone(); c.Delete = Delete?.Clone();
                if (Expressions != null) c.Expressions = Expressions.ConvertAll(e => e.Clone());
                if (Arguments != null) c.Arguments = Arguments.ConvertAll(e => e.Clone());
                if (Pairs != null) c.Pairs = Pairs.ConvertAll(p => new[] { p[0].Clone(), p[1].Clone() });
                if (Terms != null) c.Terms = Terms.ConvertAll(t => new KeyValuePair<bool, Raw>(t.Key, t.Value.Clone()));
                return c;
            }
        }

        private readonly string _source;
        private readonly JsonataLexer _lexer;
        private Raw _node = new Raw();

        private JsonataParser(string source)
        {
            _source = source;
            _lexer = new JsonataLexer(source);
        }

        /// <summary>Parses <paramref name="source"/> into a post-processed tree.</summary>
        /// <exception cref="JsonataException">A syntax error (codes S01xx-S04xx).</exception>
        public static JsonataNode Parse(string source)
        {
            if (source is null) throw new ArgumentNullException(nameof(source));
            var parser = new JsonataParser(source);
            parser.Advance();
            var expr = parser.Expression(0);
            if (parser._node.Id != "(end)")
                throw JsonataErrors.Create("S0201", parser._node.Position, TokenText(parser._node.Value));
            return new PostParser().Run(expr);
        }

        internal static string? TokenText(object? value)
        {
            switch (value)
            {
                case null: return "null";
                case string s: return s;
                case double d: return JsonataNumberText.Format(d);
                case bool b: return b ? "true" : "false";
                default: return value.ToString();
            }
        }

        private static string ValueJson(object? value) =>
            value is string s ? JsonataErrors.Quote(s) : TokenText(value) ?? "undefined";

        private static int LeftBindingPower(string id)
        {
            switch (id)
            {
                case ".": return 75;
                case "[": case "(": case "@": case "#": return 80;
                case "{": return 70;
                case "?": return 20;
                case "+": case "-": case "&": return 50;
                case "*": case "/": case "%": return 60;
                case "=": case "<": case ">": case "^": case "!=": case "<=": case ">=": case "~>": case "?:": case "??": case "in": return 40;
                case ":=": return 10;
                case "and": return 30;
                case "or": return 25;
                default: return 0;
            }
        }

        private static bool IsKnownOperator(string value)
        {
            switch (value)
            {
                case ".": case "[": case "]": case "{": case "}": case "(": case ")": case ",": case "@": case "#": case ";": case ":":
                case "?": case "+": case "-": case "*": case "/": case "%": case "|": case "=": case "<": case ">": case "^":
                case "**": case "..": case ":=": case "!=": case "<=": case ">=": case "~>": case "?:": case "??": case "and": case "or":
                case "in": case "&":
                    return true;
                default:
                    return false;
            }
        }

        private Raw Advance(string? id = null, bool infix = false)
        {
            if (id != null && _node.Id != id)
            {
                string code = _node.Id == "(end)" ? "S0203" : "S0202";
                throw JsonataErrors.Create(code, _node.Position, TokenText(_node.Value), "value", JsonataErrors.Quote(id));
            }
            var token = _lexer.Next(infix);
            if (token == null)
            {
                _node = new Raw { Id = "(end)", Value = "(end)", Position = _source.Length };
                return _node;
            }
            string symbolId;
            string type;
            switch (token.Type)
            {
                case JsonataTokenType.Name: symbolId = "(name)"; type = "name"; break;
                case JsonataTokenType.Variable: symbolId = "(name)"; type = "variable"; break;
                case JsonataTokenType.Operator:
                    symbolId = (string)token.Value!;
                    type = "operator";
                    if (!IsKnownOperator(symbolId)) throw JsonataErrors.Create("S0204", token.Position, symbolId);
                    break;
                case JsonataTokenType.String: symbolId = "(literal)"; type = "string"; break;
                case JsonataTokenType.Number: symbolId = "(literal)"; type = "number"; break;
                case JsonataTokenType.Value: symbolId = "(literal)"; type = "value"; break;
                default: symbolId = "(regex)"; type = "regex"; break;
            }
            _node = new Raw { Id = symbolId, Type = type, Value = token.Value, Position = token.Position };
            return _node;
        }

        private Raw Expression(int rbp)
        {
            var t = _node;
            Advance(null, true);
            var left = Nud(t);
            while (rbp < LeftBindingPower(_node.Id))
            {
                t = _node;
                Advance();
                left = Led(t, left);
            }
            return left;
        }

        private Raw Nud(Raw t)
        {
            switch (t.Id)
            {
                case "(end)":
                case "(name)":
                case "(literal)":
                case "(regex)":
                case "and":
                case "or":
                case "in":
                    return t;
                case "-":
                    t.Expression = Expression(70);
                    t.Type = "unary";
                    return t;
                case "*":
                    t.Type = "wildcard";
                    return t;
                case "**":
                    t.Type = "descendant";
                    return t;
                case "%":
                    t.Type = "parent";
                    return t;
                case "(":
                    {
                        var expressions = new List<Raw>();
                        while (_node.Id != ")")
                        {
                            expressions.Add(Expression(0));
                            if (_node.Id != ";") break;
                            Advance(";");
                        }
                        Advance(")", true);
                        t.Type = "block";
                        t.Expressions = expressions;
                        return t;
                    }
                case "[":
                    {
                        var a = new List<Raw>();
                        if (_node.Id != "]")
                        {
                            while (true)
                            {
                                var item = Expression(0);
                                if (_node.Id == "..")
                                {
                                    var range = new Raw { Id = "..", Type = "binary", Value = "..", Position = _node.Position, Lhs = item };
                                    Advance("..");
                                    range.Rhs = Expression(0);
                                    item = range;
                                }
                                a.Add(item);
                                if (_node.Id != ",") break;
                                Advance(",");
                            }
                        }
                        Advance("]", true);
                        t.Expressions = a;
                        t.Type = "unary";
                        return t;
                    }
                case "{":
                    return ObjectParser(t, null);
                case "|":
                    t.Type = "transform";
                    t.Pattern = Expression(0);
                    Advance("|");
                    t.Update = Expression(0);
                    if (_node.Id == ",")
                    {
                        Advance(",");
                        t.Delete = Expression(0);
                    }
                    Advance("|");
                    return t;
                default:
                    throw JsonataErrors.Create("S0211", t.Position, TokenText(t.Value));
            }
        }

        private Raw ObjectParser(Raw t, Raw? left)
        {
            var a = new List<Raw[]>();
            if (_node.Id != "}")
            {
                while (true)
                {
                    var n = Expression(0);
                    Advance(":");
                    var v = Expression(0);
                    a.Add(new[] { n, v });
                    if (_node.Id != ",") break;
                    Advance(",");
                }
            }
            Advance("}", true);
            t.Pairs = a;
            if (left == null)
            {
                t.Type = "unary";
            }
            else
            {
                t.Lhs = left;
                t.Type = "binary";
            }
            return t;
        }

        private Raw Led(Raw t, Raw left)
        {
            switch (t.Id)
            {
                case "??":
                    t.Type = "condition";
                    t.Condition = new Raw
                    {
                        Type = "function",
                        Value = "(",
                        Position = t.Position,
                        HasId = false,
                        Procedure = new Raw { Type = "variable", Value = "exists", Position = t.Position, HasId = false },
                        Arguments = new List<Raw> { left.Clone() },
                    };
                    t.Then = left;
                    t.Else = Expression(0);
                    return t;
                case "?:":
                    t.Type = "condition";
                    t.Condition = left.Clone();
                    t.Then = left;
                    t.Else = Expression(0);
                    return t;
                case "(":
                    return FunctionCall(t, left);
                case "[":
                    if (_node.Id == "]")
                    {
                        var step = left;
                        while (step != null && step.Type == "binary" && (step.Value as string) == "[") step = step.Lhs;
                        step!.KeepArray = true;
                        Advance("]");
                        return left;
                    }
                    t.Lhs = left;
                    t.Rhs = Expression(0);
                    t.Type = "binary";
                    Advance("]", true);
                    return t;
                case "^":
                    {
                        Advance("(");
                        var terms = new List<KeyValuePair<bool, Raw>>();
                        while (true)
                        {
                            bool descending = false;
                            if (_node.Id == "<") Advance("<");
                            else if (_node.Id == ">") { descending = true; Advance(">"); }
                            terms.Add(new KeyValuePair<bool, Raw>(descending, Expression(0)));
                            if (_node.Id != ",") break;
                            Advance(",");
                        }
                        Advance(")");
                        t.Lhs = left;
                        t.Terms = terms;
                        t.Type = "binary";
                        return t;
                    }
                case "{":
                    return ObjectParser(t, left);
                case ":=":
                    if (left.Type != "variable")
                        throw JsonataErrors.Create("S0212", left.Position, TokenText(left.Value));
                    t.Lhs = left;
                    t.Rhs = Expression(9);
                    t.Type = "binary";
                    return t;
                case "@":
                case "#":
                    t.Lhs = left;
                    t.Rhs = Expression(80);
                    if (t.Rhs.Type != "variable")
                        throw JsonataErrors.Create("S0214", t.Rhs.Position, t.Id);
                    t.Type = "binary";
                    return t;
                case "?":
                    t.Type = "condition";
                    t.Condition = left;
                    t.Then = Expression(0);
                    if (_node.Id == ":")
                    {
                        Advance(":");
                        t.Else = Expression(0);
                    }
                    return t;
                default:
                    t.Lhs = left;
                    t.Rhs = Expression(LeftBindingPower(t.Id));
                    t.Type = "binary";
                    return t;
            }
        }

        private Raw FunctionCall(Raw t, Raw left)
        {
            t.Procedure = left;
            t.Type = "function";
            t.Arguments = new List<Raw>();
            if (_node.Id != ")")
            {
                while (true)
                {
                    if (_node.Type == "operator" && _node.Id == "?")
                    {
                        t.Type = "partial";
                        t.Arguments.Add(_node);
                        Advance("?");
                    }
                    else
                    {
                        t.Arguments.Add(Expression(0));
                    }
                    if (_node.Id != ",") break;
                    Advance(",");
                }
            }
            Advance(")", true);
            if (left.Type == "name" && (left.Value as string == "function" || left.Value as string == "\u03BB"))
            {
                for (int index = 0; index < t.Arguments.Count; index++)
                {
                    var arg = t.Arguments[index];
                    if (arg.Type != "variable")
                        throw JsonataErrors.Create("S0208", arg.Position, TokenText(arg.Value), "value", (index + 1).ToString(CultureInfo.InvariantCulture));
                }
                t.Type = "lambda";
                if (_node.Id == "<")
                {
                    int sigPos = _node.Position;
                    int depth = 1;
                    var sig = new StringBuilder("<");
                    while (depth > 0 && _node.Id != "{" && _node.Id != "(end)")
                    {
                        var tok = Advance();
                        if (tok.Id == ">") depth--;
                        else if (tok.Id == "<") depth++;
                        sig.Append(TokenText(tok.Value));
                    }
                    Advance(">");
                    t.Signature = JsonataSignature.Parse(sig.ToString(), sigPos);
                }
                Advance("{");
                t.Body = Expression(0);
                Advance("}");
            }
            return t;
        }
    }
}
