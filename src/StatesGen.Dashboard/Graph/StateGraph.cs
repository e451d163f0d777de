using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace StatesGen.Dashboard.Graph
{
    /// <summary>A transition of the graph: Next, Default, a Choice rule, or a Catch (drawn dashed).</summary>
    internal sealed record Edge(string Target, bool IsCatch);

    /// <summary>A state of the definition, with its place in the drawing once laid out.</summary>
    internal sealed class StateNode
    {
        public required string Name { get; init; }
        public required string Type { get; init; }
        public bool End { get; init; }
        public List<Edge> Edges { get; } = new();
        /// <summary>The Parallel branches, or the one Map item processor.</summary>
        public List<StateBlock> Children { get; } = new();
        public double X, Y, Width, Height;
        public int Level;
    }

    /// <summary>A StartAt and its States: the machine, a Parallel branch or a Map item processor.</summary>
    internal sealed class StateBlock
    {
        public required string StartAt { get; init; }
        public List<StateNode> Nodes { get; } = new();
        public double X, Y, Width, Height;
    }

    /// <summary>
    /// Reads a definition's states and transitions (States, StartAt, Next, Default, Choices[].Next, Catch[].Next, End,
    /// Parallel Branches, Map ItemProcessor or Iterator) and lays them out top to bottom: each state goes on the row of
    /// its distance from StartAt, rows centred; Parallel and Map states are boxes around their inner blocks.
    /// </summary>
    internal static class StateGraph
    {
        private const double NodeHeight = 38, RowGap = 42, ColumnGap = 26, Padding = 14, Header = 28;

        /// <summary>The laid-out machine, or null when the definition cannot be read.</summary>
        public static StateBlock? Parse(string definition)
        {
            try
            {
                var block = ReadBlock(JsonNode.Parse(definition) as JsonObject);
                if (block is null) return null;
                Measure(block);
                Place(block, 0, 0);
                return block;
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }

        /// <summary>Every state of the machine, inner states included.</summary>
        public static IEnumerable<StateNode> All(StateBlock block) =>
            block.Nodes.SelectMany(n => new[] { n }.Concat(n.Children.SelectMany(All)));

        private static StateBlock? ReadBlock(JsonObject? json)
        {
            if (json?["States"] is not JsonObject states || json["StartAt"]?.GetValueKind() != System.Text.Json.JsonValueKind.String) return null;
            var block = new StateBlock { StartAt = (string)json["StartAt"]! };
            foreach (var (name, value) in states)
            {
                if (value is not JsonObject state) continue;
                var type = state["Type"] is JsonValue t && t.TryGetValue(out string? s) ? s : "?";
                var node = new StateNode
                {
                    Name = name,
                    Type = type,
                    End = state["End"] is JsonValue e && e.TryGetValue(out bool end) && end || type is "Succeed" or "Fail",
                };
                AddEdge(node, state["Next"], false);
                AddEdge(node, state["Default"], false);
                if (state["Choices"] is JsonArray choices)
                    foreach (var choice in choices) AddEdge(node, choice?["Next"], false);
                if (state["Catch"] is JsonArray catchers)
                    foreach (var catcher in catchers) AddEdge(node, catcher?["Next"], true);
                if (type == "Parallel" && state["Branches"] is JsonArray branches)
                    foreach (var branch in branches)
                        if (ReadBlock(branch as JsonObject) is { } child) node.Children.Add(child);
                if (type == "Map" && ReadBlock((state["ItemProcessor"] ?? state["Iterator"]) as JsonObject) is { } processor)
                    node.Children.Add(processor);
                block.Nodes.Add(node);
            }
            return block;
        }

        private static void AddEdge(StateNode node, JsonNode? target, bool isCatch)
        {
            if (target is JsonValue value && value.TryGetValue(out string? name) && !node.Edges.Any(e => e.Target == name && e.IsCatch == isCatch))
                node.Edges.Add(new Edge(name, isCatch));
        }

        /// <summary>
        /// Rows by longest path from StartAt over the transitions that do not loop back (a depth-first search finds the
        /// loops), so every forward arrow points down; states nothing reaches go below. Then the sizes of nodes and
        /// blocks, innermost first.
        /// </summary>
        private static void Measure(StateBlock block)
        {
            var byName = block.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
            var order = new List<StateNode>(); // reverse postorder: a topological order of the forward edges
            var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the stack; true: done
            var back = new HashSet<(string, string)>();
            void Visit(StateNode node)
            {
                state[node.Name] = false;
                foreach (var edge in node.Edges)
                {
                    if (!byName.TryGetValue(edge.Target, out var target)) continue;
                    if (!state.TryGetValue(target.Name, out var done)) Visit(target);
                    else if (!done) back.Add((node.Name, target.Name));
                }
                state[node.Name] = true;
                order.Add(node);
            }
            if (byName.TryGetValue(block.StartAt, out var first)) Visit(first);
            var reachable = order.ToHashSet();
            foreach (var node in block.Nodes.Where(n => !state.ContainsKey(n.Name)).ToList()) Visit(node);
            order.Reverse();
            foreach (var node in block.Nodes) node.Level = 0;
            foreach (var node in order)
                foreach (var edge in node.Edges)
                    if (byName.TryGetValue(edge.Target, out var target) && !back.Contains((node.Name, target.Name)))
                        target.Level = Math.Max(target.Level, node.Level + 1);
            // States nothing reaches from StartAt go below the rest.
            int deepest = reachable.Count == 0 ? -1 : reachable.Max(n => n.Level);
            foreach (var node in block.Nodes.Where(n => !reachable.Contains(n))) node.Level += deepest + 1;

            foreach (var node in block.Nodes)
            {
                if (node.Children.Count == 0)
                {
                    node.Width = Math.Clamp(node.Name.Length * 7.4 + 30, 110, 340);
                    node.Height = NodeHeight;
                    continue;
                }
                foreach (var child in node.Children) Measure(child);
                node.Width = Math.Max(node.Children.Sum(c => c.Width) + ColumnGap * (node.Children.Count - 1) + 2 * Padding,
                    Math.Clamp(node.Name.Length * 7.4 + 90, 110, 400));
                node.Height = Header + node.Children.Max(c => c.Height) + Padding;
            }
            var rows = Rows(block).ToList();
            block.Width = rows.Count == 0 ? 0 : rows.Max(r => r.Sum(n => n.Width) + ColumnGap * (r.Count - 1));
            block.Height = rows.Sum(r => r.Max(n => n.Height)) + RowGap * Math.Max(0, rows.Count - 1);
        }

        private static IEnumerable<List<StateNode>> Rows(StateBlock block) =>
            block.Nodes.GroupBy(n => n.Level).OrderBy(g => g.Key).Select(g => g.ToList());

        private static void Place(StateBlock block, double x, double y)
        {
            block.X = x;
            block.Y = y;
            double rowY = y;
            foreach (var row in Rows(block))
            {
                double rowWidth = row.Sum(n => n.Width) + ColumnGap * (row.Count - 1);
                double nodeX = x + (block.Width - rowWidth) / 2;
                foreach (var node in row)
                {
                    node.X = nodeX;
                    node.Y = rowY;
                    double childX = nodeX + (node.Width - (node.Children.Sum(c => c.Width) + ColumnGap * (node.Children.Count - 1))) / 2;
                    foreach (var child in node.Children)
                    {
                        Place(child, childX, rowY + Header);
                        childX += child.Width + ColumnGap;
                    }
                    nodeX += node.Width + ColumnGap;
                }
                rowY += row.Max(n => n.Height) + RowGap;
            }
        }
    }
}
