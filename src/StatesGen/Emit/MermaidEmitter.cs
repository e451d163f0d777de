using System.Collections.Generic;
using System.Globalization;
using System.Text;
using StatesGen.Generator.Json;
using StatesGen.Generator.Model;

namespace StatesGen.Generator.Emit
{
    /// <summary>
    /// A Mermaid flowchart of a state machine, computed at build time. Deterministic and culture-invariant: node ids
    /// are generated (s0, s1, ... in document order, nested blocks right after their owner), and every piece of
    /// definition text goes through <see cref="Text"/>, so a state name can neither leave its label nor add lines.
    /// </summary>
    /// <remarks>
    /// Layout of the output: "flowchart TD", then every node (Parallel branches and Map item processors as nested
    /// subgraphs), then every edge at top level. Nodes are declared before any edge mentions them, because Mermaid puts
    /// a node in the subgraph where it first appears. Only the basic flowchart grammar is used.
    /// </remarks>
    internal static class MermaidEmitter
    {
        private const string StartId = "start";
        private const string EndId = "stop";
        private const int MaxEdgeLabel = 60;

        public static string Render(StateMachineModel machine) => new Renderer().Render(machine);

        private sealed class Renderer
        {
            private readonly StringBuilder _nodes = new StringBuilder();
            private readonly StringBuilder _edges = new StringBuilder();
            private readonly Dictionary<StateModel, string> _ids = new Dictionary<StateModel, string>(ReferenceComparer<StateModel>.Instance);
            private int _next;

            public string Render(StateMachineModel machine)
            {
                _nodes.Append("flowchart TD\n");
                Line(_nodes, 1, StartId + "((\"Start\"))");
                if (machine.Main != null) DeclareBlock(machine.Main, 1);
                Line(_nodes, 1, EndId + "((\"End\"))");
                if (machine.Main != null)
                {
                    if (Target(machine.Main, machine.Main.StartAt) is { } first) Edge(StartId, first, null, dashed: false);
                    EdgesOfBlock(machine.Main, EndId);
                }
                return _nodes.Append(_edges).ToString();
            }

            // Nodes

            private void DeclareBlock(BlockModel block, int depth)
            {
                foreach (var state in block.States)
                {
                    var id = "s" + _next++.ToString(CultureInfo.InvariantCulture);
                    _ids[state] = id;
                    Line(_nodes, depth, id + Shape(state));
                    var inner = InnerBlocks(state);
                    for (int i = 0; i < inner.Count; i++)
                    {
                        var title = state is MapState ? "Item processor" : "Branch " + (i + 1).ToString(CultureInfo.InvariantCulture);
                        var suffix = state is MapState ? "_items" : "_b" + (i + 1).ToString(CultureInfo.InvariantCulture);
                        Line(_nodes, depth, "subgraph " + id + suffix + " [\"" + title + "\"]");
                        DeclareBlock(inner[i], depth + 1);
                        Line(_nodes, depth, "end");
                    }
                }
            }

            private static List<BlockModel> InnerBlocks(StateModel state)
            {
                var blocks = new List<BlockModel>();
                if (state is ParallelState p) { foreach (var b in p.Branches) if (b != null) blocks.Add(b); }
                else if (state is MapState m && m.Processor != null) blocks.Add(m.Processor);
                return blocks;
            }

            private static string Shape(StateModel state)
            {
                var name = Text(state.Name ?? "");
                switch (state)
                {
                    case TaskState _: return "[\"" + name + "\"]";
                    case ChoiceState _: return "{\"" + name + "\"}";
                    case PassState _: return "(\"" + name + "<br/>Pass\")";
                    case WaitState w: return "(\"" + name + "<br/>" + Text(Clip(WaitLabel(w))) + "\")";
                    case SucceedState _: return "([\"" + name + "<br/>Succeed\"])";
                    case FailState _: return "([\"" + name + "<br/>Fail\"])";
                    case ParallelState _: return "[[\"" + name + "<br/>Parallel\"]]";
                    case MapState m: return "[[\"" + name + "<br/>" + Text(Clip(MapLabel(m))) + "\"]]";
                    default: return "[\"" + name + "\"]";
                }
            }

            private static string WaitLabel(WaitState w)
            {
                if (w.Seconds is { } s) return "Wait " + s.ToString(CultureInfo.InvariantCulture) + "s";
                if (w.SecondsPath != null) return "Wait seconds at " + w.SecondsPath.Text;
                if (w.Timestamp != null) return "Wait until " + w.Timestamp;
                if (w.TimestampPath != null) return "Wait until " + w.TimestampPath.Text;
                return "Wait";
            }

            private static string MapLabel(MapState m)
            {
                var kind = m.Distributed ? "Distributed Map" : "Map";
                return m.ItemsPath != null && !m.ItemsPath.IsNull && !m.ItemsPath.IsRoot ? kind + " over " + m.ItemsPath.Text : kind;
            }

            // Edges

            /// <summary>The edges of a block's states. <paramref name="exit"/> is where the block goes when it ends: the
            /// end node for the machine, the owning Parallel or Map state's continuation for a branch or processor.</summary>
            private void EdgesOfBlock(BlockModel block, string exit)
            {
                foreach (var state in block.States)
                {
                    if (!_ids.TryGetValue(state, out var id)) continue;
                    var continuation = state.End || state.Next == null ? exit : Target(block, state.Next);
                    switch (state)
                    {
                        case SucceedState _:
                            Edge(id, exit, null, dashed: false);
                            break;
                        case FailState _:
                            Edge(id, EndId, "fail", dashed: false);
                            break;
                        case ChoiceState c:
                            foreach (var rule in c.Choices)
                                if (rule.Next != null && Target(block, rule.Next) is { } to) Edge(id, to, Clip(Rule(rule, nested: false)), dashed: false);
                            if (c.Default != null && Target(block, c.Default) is { } d) Edge(id, d, "default", dashed: false);
                            break;
                        case ParallelState _:
                        case MapState _:
                            {
                                var inner = InnerBlocks(state);
                                if (inner.Count == 0) { if (continuation != null) Edge(id, continuation, null, dashed: false); break; }
                                foreach (var b in inner)
                                    if (b.StartAt != null && Target(b, b.StartAt) is { } first) Edge(id, first, null, dashed: false);
                                // An unknown Next (only in an invalid model) leaves the branches' ends unconnected.
                                foreach (var b in inner)
                                    if (continuation != null) EdgesOfBlock(b, continuation);
                                break;
                            }
                        default:
                            if (continuation != null) Edge(id, continuation, null, dashed: false);
                            break;
                    }
                    foreach (var catcher in state.Catch)
                        if (catcher.Next != null && Target(block, catcher.Next) is { } to)
                            Edge(id, to, Clip(string.Join(", ", catcher.ErrorEquals)), dashed: true);
                }
            }

            private string? Target(BlockModel block, string? name)
            {
                if (name == null) return null;
                var state = block.Find(name);
                return state != null && _ids.TryGetValue(state, out var id) ? id : null;
            }

            private void Edge(string from, string to, string? label, bool dashed)
            {
                var arrow = dashed ? " -.->" : " -->";
                Line(_edges, 1, label == null ? from + arrow + " " + to : from + arrow + "|\"" + Text(label) + "\"| " + to);
            }

            private static void Line(StringBuilder sb, int depth, string text) => sb.Append(' ', depth * 4).Append(text).Append('\n');

            // Choice rules as short human text

            private static string Rule(ChoiceRuleModel rule, bool nested)
            {
                var op = rule.Operator ?? "?";
                if (op == "Condition")
                    return rule.Condition is PayloadJsonata j ? j.Expression.Source : rule.Condition is PayloadLiteral l ? l.Value.ToJson() : "?";
                if (op == "And" || op == "Or")
                {
                    var parts = new List<string>();
                    foreach (var child in rule.Children) parts.Add(Rule(child, nested: true));
                    var joined = string.Join(op == "And" ? " and " : " or ", parts);
                    return nested && parts.Count > 1 ? "(" + joined + ")" : joined;
                }
                if (op == "Not") return "not (" + (rule.Children.Count > 0 ? Rule(rule.Children[0], nested: false) : "?") + ")";

                var variable = rule.Variable?.Text ?? "?";
                bool isPath = op.EndsWith("Path", System.StringComparison.Ordinal) && rule.OperandPath != null;
                var baseOp = isPath ? op.Substring(0, op.Length - 4) : op;
                if (baseOp.StartsWith("Is", System.StringComparison.Ordinal))
                {
                    var what = baseOp.Substring(2).ToLowerInvariant();
                    bool positive = rule.Operand == null || rule.Operand.Kind != JsonKind.False;
                    return variable + (positive ? " is " : " is not ") + what;
                }
                var operand = isPath ? rule.OperandPath!.Text : Operand(rule.Operand);
                return variable + " " + Comparison(baseOp) + " " + operand;
            }

            private static string Comparison(string op)
            {
                if (op == "StringMatches") return "matches";
                foreach (var prefix in new[] { "String", "Numeric", "Boolean", "Timestamp" })
                {
                    if (!op.StartsWith(prefix, System.StringComparison.Ordinal)) continue;
                    switch (op.Substring(prefix.Length))
                    {
                        case "Equals": return "==";
                        case "LessThan": return "<";
                        case "GreaterThan": return ">";
                        case "LessThanEquals": return "<=";
                        case "GreaterThanEquals": return ">=";
                    }
                }
                return op;
            }

            private static string Operand(JsonLiteral? value)
            {
                if (value == null) return "?";
                return value.Kind switch
                {
                    JsonKind.String => "\"" + value.Text + "\"",
                    JsonKind.Number => value.Text!,
                    _ => value.ToJson(),
                };
            }
        }

        /// <summary>Shortens label text to <see cref="MaxEdgeLabel"/> characters, never splitting a surrogate pair.</summary>
        private static string Clip(string text)
        {
            if (text.Length <= MaxEdgeLabel) return text;
            int cut = MaxEdgeLabel - 3;
            if (char.IsLowSurrogate(text[cut]) && char.IsHighSurrogate(text[cut - 1])) cut--;
            return text.Substring(0, cut) + "...";
        }

        /// <summary>
        /// Text for inside a quoted Mermaid label. Letters, digits, spaces and punctuation Mermaid gives no meaning
        /// inside a string stay; line breaks and other control characters become spaces; everything else becomes a
        /// Mermaid entity code (#quot;, #35;...), so a quote cannot end the string, &lt; cannot open HTML (labels are
        /// HTML by default), %% cannot start a comment or an init directive, ':' cannot trigger Mermaid's style/classDef
        /// rewriting (which drops a line's last ';'), '#' cannot forge an entity and '`' cannot start a Markdown string.
        /// </summary>
        internal static string Text(string text)
        {
            var sb = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == ' ' || (c < 0x80 && char.IsLetterOrDigit(c)) || "._-+*/=?!'$()[]{},~^>".IndexOf(c) >= 0) sb.Append(c);
                // '<' before a space or '=' cannot open an HTML tag: "$.total < 100" and "<=" stay readable.
                else if (c == '<' && i + 1 < text.Length && (text[i + 1] == ' ' || text[i + 1] == '=')) sb.Append(c);
                else if (c == '"') sb.Append("#quot;");
                else if (char.IsControl(c) || c == '\u2028' || c == '\u2029') sb.Append(' ');
                else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    sb.Append('#').Append(char.ConvertToUtf32(c, text[i + 1]).ToString(CultureInfo.InvariantCulture)).Append(';');
                    i++;
                }
                else if (char.IsSurrogate(c)) sb.Append("#65533;");
                else if (c >= 0x80 && char.IsLetterOrDigit(c)) sb.Append(c);
                else sb.Append('#').Append(((int)c).ToString(CultureInfo.InvariantCulture)).Append(';');
            }
            return sb.ToString();
        }
    }
}
