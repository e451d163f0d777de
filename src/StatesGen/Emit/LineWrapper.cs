using System.Collections.Generic;
using System.Text;

namespace StatesGen.Generator.Emit
{
    /// <summary>
    /// Breaks generated lines longer than <see cref="MaxWidth"/> the way a person would: an object initializer gets one
    /// member per line between braces of its own, an argument list one argument per line, a long condition one operand
    /// per line. Only whitespace is added, and only between tokens: string and character literals and comments are never
    /// split, so the code means what it meant. A line with nothing to break at (one long literal) stays as it is.
    /// </summary>
    internal static class LineWrapper
    {
        public const int MaxWidth = 120;
        private const int IndentWidth = 4;

        public static void Write(StringBuilder sb, int indent, string text)
        {
            var width = indent * IndentWidth + text.Length;
            var trimmed = text.TrimStart();
            if (width > MaxWidth && trimmed.StartsWith("//", System.StringComparison.Ordinal))
            {
                WriteComment(sb, indent, trimmed);
                return;
            }
            if (width <= MaxWidth || trimmed.StartsWith("//", System.StringComparison.Ordinal) || trimmed.StartsWith("#", System.StringComparison.Ordinal))
            {
                sb.Append(' ', indent * IndentWidth).Append(text).Append('\n');
                return;
            }
            if (!TryBreak(text, MaxWidth - indent * IndentWidth, out var head, out var items, out var tail, out var brace, out var separator))
            {
                if (AssignmentSplit(text) is int split && text.IndexOf("//", System.StringComparison.Ordinal) < 0)
                {
                    Write(sb, indent, text.Substring(0, split + 2));
                    Write(sb, indent + 1, text.Substring(split + 3));
                }
                else sb.Append(' ', indent * IndentWidth).Append(text).Append('\n');
                return;
            }
            if (head.Length > MaxWidth - indent * IndentWidth && AssignmentSplit(head) is int at)
            {
                // The declaration alone fills the line: the value goes on the next one.
                Write(sb, indent, text.Substring(0, at + 2));
                Write(sb, indent + 1, text.Substring(at + 3));
                return;
            }
            if (brace)
            {
                // new X { a, b } → new X / { / a, / b, / }
                Write(sb, indent, head.TrimEnd());
                Write(sb, indent, "{");
                foreach (var item in items) Write(sb, indent + 1, item + ",");
                Write(sb, indent, "}" + tail);
                return;
            }
            // f(a, b) → f( / a, / b) ; x && y → x / && y
            if (separator == ",")
            {
                if (indent * IndentWidth + head.Length > MaxWidth && DeclarationSplit(head) is int nameAt)
                {
                    // A method whose return type alone fills the line: the type, then the name and parameters below it.
                    Write(sb, indent, head.Substring(0, nameAt));
                    Write(sb, indent + 1, head.Substring(nameAt + 1));
                    for (int i = 0; i < items.Count; i++)
                        Write(sb, indent + 2, i < items.Count - 1 ? items[i] + "," : items[i] + tail);
                    return;
                }
                Write(sb, indent, head);
                for (int i = 0; i < items.Count; i++)
                    Write(sb, indent + 1, i < items.Count - 1 ? items[i] + "," : items[i] + tail);
                return;
            }
            Write(sb, indent, head + items[0]);
            for (int i = 1; i < items.Count; i++)
                Write(sb, indent + 1, separator + " " + (i < items.Count - 1 ? items[i] : items[i] + tail));
        }

        /// <summary>
        /// A comment (<c>//</c> or an XML doc <c>///</c>) too long for one line, filled into lines of the same kind: broken
        /// at spaces, and a word longer than a line (JSON of a Choice rule) after its commas, else where the line ends.
        /// </summary>
        private static void WriteComment(StringBuilder sb, int indent, string comment)
        {
            var prefix = comment.StartsWith("///", System.StringComparison.Ordinal) ? "/// " : "// ";
            var body = comment.Substring(prefix.Length - 1).TrimStart();
            int room = System.Math.Max(40, MaxWidth - indent * IndentWidth - prefix.Length);
            var line = new StringBuilder();
            void Flush()
            {
                if (line.Length == 0) return;
                sb.Append(' ', indent * IndentWidth).Append(prefix).Append(line.ToString().TrimEnd()).Append('\n');
                line.Clear();
            }
            foreach (var word in body.Split(' '))
            {
                if (word.Length == 0) continue;
                if (line.Length > 0 && line.Length + 1 + word.Length > room) Flush();
                var rest = word;
                while (rest.Length > room - line.Length && line.Length == 0)
                {
                    // One word wider than the line: cut it after its last comma that fits, or at the edge.
                    int cut = rest.LastIndexOf(',', room - 1);
                    cut = cut > 0 ? cut + 1 : room;
                    line.Append(rest, 0, cut);
                    Flush();
                    rest = rest.Substring(cut);
                }
                if (rest.Length == 0) continue;
                if (line.Length > 0) line.Append(' ');
                line.Append(rest);
            }
            Flush();
        }

        // In a member declaration's head ("private static T Name("), the space before the name; null for anything else.
        private static int? DeclarationSplit(string head)
        {
            if (!head.EndsWith("(", System.StringComparison.Ordinal)) return null;
            // With a modifier, or an interface member, which starts with its (fully qualified) return type.
            if (!(head.StartsWith("private ", System.StringComparison.Ordinal) || head.StartsWith("public ", System.StringComparison.Ordinal)
                || head.StartsWith("internal ", System.StringComparison.Ordinal) || head.StartsWith("global::", System.StringComparison.Ordinal))) return null;
            int space = head.LastIndexOf(' ', head.Length - 2);
            return space > 0 && head.IndexOf('=') < 0 ? space : null;
        }

        // The position of the first " = " outside brackets and literals, if any.
        private static int? AssignmentSplit(string text)
        {
            int depth = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '"' || c == '\'') { i = SkipLiteral(text, i); if (i < 0) return null; }
                else if (c == '(' || c == '[' || c == '{') depth++;
                else if (c == ')' || c == ']' || c == '}') depth--;
                else if (c == '=' && depth == 0 && i > 0 && text[i - 1] == ' ' && i + 1 < text.Length && text[i + 1] == ' ') return i - 1;
            }
            return null;
        }

        private sealed class Group
        {
            public int Open, Close = -1, Depth;
            public readonly List<int> Commas = new List<int>();
            public readonly List<(int At, string Op)> Logic = new List<(int, string)>();
        }

        /// <summary>
        /// Finds the outermost bracket group that the width limit falls in and that has something to break at (commas,
        /// or <c>&amp;&amp;</c>/<c>||</c> when it has no commas), and splits the line around it.
        /// </summary>
        private static bool TryBreak(string text, int limit, out string head, out List<string> items, out string tail, out bool brace, out string separator)
        {
            head = tail = separator = "";
            items = new List<string>();
            brace = false;
            var groups = Scan(text);
            if (groups == null) return false;
            Group? chosen = null;
            foreach (var g in groups)
            {
                if (g.Close < 0 || g.Close < limit) continue;
                // One member of an object initializer ({ ["a"] = ... }) breaks too; a lambda's block body does not.
                var initializer = text[g.Open] == '{' && g.Open + 2 < text.Length && text[g.Open + 2] == '[';
                if (g.Commas.Count == 0 && g.Logic.Count == 0 && !initializer) continue;
                if (chosen == null || g.Depth < chosen.Depth || (g.Depth == chosen.Depth && g.Open < chosen.Open)) chosen = g;
            }
            if (chosen == null) return false;
            brace = text[chosen.Open] == '{';
            var cuts = new List<(int At, int Length)>();
            if (chosen.Commas.Count > 0) { separator = ","; foreach (var c in chosen.Commas) cuts.Add((c, 1)); }
            else if (chosen.Logic.Count == 0) separator = ",";
            else
            {
                separator = chosen.Logic[0].Op;
                foreach (var (at, op) in chosen.Logic) if (op == separator) cuts.Add((at, 2));
            }
            int start = chosen.Open + 1;
            foreach (var (at, length) in cuts)
            {
                items.Add(text.Substring(start, at - start).Trim());
                start = at + length;
            }
            var last = text.Substring(start, chosen.Close - start).Trim();
            if (last.Length > 0) items.Add(last);
            if (items.Exists(i => i.Length == 0)) return false;
            if (brace)
            {
                head = text.Substring(0, chosen.Open);
                tail = text.Substring(chosen.Close + 1);
            }
            else
            {
                head = text.Substring(0, chosen.Open + 1);
                tail = text.Substring(chosen.Close);
            }
            return items.Count > 1 || brace;
        }

        /// <summary>The bracket groups of a line, skipping literals and comments (a group left open has Close -1); null
        /// when a literal is not closed.</summary>
        private static List<Group>? Scan(string text)
        {
            var groups = new List<Group>();
            var open = new Stack<Group>();
            int angle = 0; // generic argument lists: their commas are not separators
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                switch (c)
                {
                    case '"':
                    case '\'':
                        i = SkipLiteral(text, i);
                        if (i < 0) return null;
                        break;
                    case '/' when i + 1 < text.Length && text[i + 1] == '/':
                        i = text.Length;
                        break;
                    case '(':
                    case '[':
                    case '{':
                        var g = new Group { Open = i, Depth = open.Count };
                        groups.Add(g);
                        open.Push(g);
                        break;
                    case ')':
                    case ']':
                    case '}':
                        // A piece of an already broken line may close groups it did not open.
                        if (open.Count > 0) open.Pop().Close = i;
                        break;
                    case '<' when i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] == '_'):
                        angle++;
                        break;
                    case '>' when angle > 0 && text[i - 1] != '=' && text[i - 1] != '-':
                        angle--;
                        break;
                    case ',' when angle == 0 && open.Count > 0:
                        open.Peek().Commas.Add(i);
                        break;
                    case '&' when angle == 0 && open.Count > 0 && i + 1 < text.Length && text[i + 1] == '&':
                        open.Peek().Logic.Add((i, "&&"));
                        i++;
                        break;
                    case '|' when angle == 0 && open.Count > 0 && i + 1 < text.Length && text[i + 1] == '|':
                        open.Peek().Logic.Add((i, "||"));
                        i++;
                        break;
                }
            }
            return groups;
        }

        // Returns the index of the closing quote of the literal opening at start (regular C# escapes), or -1.
        private static int SkipLiteral(string text, int start)
        {
            char quote = text[start];
            for (int i = start + 1; i < text.Length; i++)
            {
                if (text[i] == '\\') { i++; continue; }
                if (text[i] == quote) return i;
            }
            return -1;
        }
    }
}
