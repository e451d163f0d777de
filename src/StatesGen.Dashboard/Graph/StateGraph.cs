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

        /// <summary>Rows by distance from StartAt (breadth first), then the sizes of nodes and blocks, innermost first.</summary>
        private static void Measure(StateBlock block)
        {
            var byName = block.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<(string Name, int Level)>();
            queue.Enqueue((block.StartAt, 0));
            int deepest = 0;
            while (queue.Count > 0)
            {
                var (name, level) = queue.Dequeue();
                if (!byName.TryGetValue(name, out var node) || !seen.Add(name)) continue;
                node.Level = level;
                deepest = Math.Max(deepest, level);
                foreach (var edge in node.Edges) queue.Enqueue((edge.Target, level + 1));
            }
            foreach (var node in block.Nodes.Where(n => !seen.Contains(n.Name))) node.Level = ++deepest; // unreachable states last

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
