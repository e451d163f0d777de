using System;
using System.Collections.Generic;
using System.Linq;

namespace StatesGen.Dashboard.Graph
{
    /// <summary>
    /// Draws a laid-out machine as SVG, server-side: a rounded box per state with class <c>s-&lt;outcome&gt;</c> (the
    /// stylesheet colours it), a bigger box around the inner states of a Parallel or Map, and arrows for transitions
    /// (dashed for Catch). No script is needed to see it.
    /// </summary>
    internal static class GraphSvg
    {
        private const double Margin = 16, Terminal = 44;

        public static void Write(Html html, StateBlock graph, IReadOnlyDictionary<string, StateOutcome>? outcomes)
        {
            double width = graph.Width + 2 * Margin + 60, height = graph.Height + 2 * Margin + 2 * Terminal;
            html.Raw("<svg class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"State machine graph\"")
                .Raw(" viewBox=\"0 0 ").Number(width).Raw(" ").Number(height).Raw("\" width=\"").Number(width).Raw("\" height=\"").Number(height).Raw("\">")
                .Raw("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">")
                .Raw("<path d=\"M0,0 L10,5 L0,10 z\" class=\"arrowhead\"/></marker></defs>")
                .Raw("<g transform=\"translate(").Number(Margin).Raw(",").Number(Margin + Terminal).Raw(")\">");
            WriteTerminals(html, graph);
            WriteBlock(html, graph, outcomes, graph.X + graph.Width);
            html.Raw("</g></svg>");
        }

        /// <summary>The machine's Start and End circles, joined to StartAt and to every state that ends the machine.</summary>
        private static void WriteTerminals(Html html, StateBlock graph)
        {
            const double radius = 9;
            double centre = graph.X + graph.Width / 2;
            if (graph.Nodes.FirstOrDefault(n => n.Name == graph.StartAt) is { } start)
            {
                double x = start.X + start.Width / 2;
                html.Raw("<path class=\"edge\" marker-end=\"url(#arrow)\" d=\"M").Number(x).Raw(",").Number(-Terminal + 2 * radius + 2)
                    .Raw(" L").Number(x).Raw(",").Number(start.Y).Raw("\"/>")
                    .Raw("<g class=\"terminal\"><title>Start</title><circle cx=\"").Number(x).Raw("\" cy=\"").Number(-Terminal + radius + 2)
                    .Raw("\" r=\"").Number(radius).Raw("\"/></g>");
            }
            double endY = graph.Y + graph.Height + Terminal - radius - 2;
            foreach (var node in graph.Nodes.Where(n => n.End))
            {
                double x = node.X + node.Width / 2, y = node.Y + node.Height, bend = Math.Max(12, (endY - radius - y) / 2);
                html.Raw("<path class=\"edge\" marker-end=\"url(#arrow)\" d=\"M").Number(x).Raw(",").Number(y).Raw(" C").Number(x).Raw(",").Number(y + bend)
                    .Raw(" ").Number(centre).Raw(",").Number(endY - radius - bend).Raw(" ").Number(centre).Raw(",").Number(endY - radius).Raw("\"/>");
            }
            html.Raw("<g class=\"terminal end\"><title>End</title><circle cx=\"").Number(centre).Raw("\" cy=\"").Number(endY).Raw("\" r=\"").Number(radius).Raw("\"/></g>");
        }

        private static void WriteBlock(Html html, StateBlock block, IReadOnlyDictionary<string, StateOutcome>? outcomes, double right)
        {
            var byName = block.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
            // Edges first, so boxes are drawn over them.
            foreach (var node in block.Nodes)
                foreach (var edge in node.Edges)
                    if (byName.TryGetValue(edge.Target, out var target)) WriteEdge(html, node, target, edge.IsCatch, block.X + block.Width);
            foreach (var node in block.Nodes)
            {
                var outcome = outcomes is null ? (StateOutcome?)null : outcomes.GetValueOrDefault(node.Name, StateOutcome.NotRun);
                var css = "state" + (node.Children.Count > 0 ? " composite" : "") + (node.End ? " end" : "")
                    + (outcome is { } o ? " s-" + StateOutcomes.CssName(o) : "");
                html.Raw("<g").Attr("class", css).Attr("data-state", node.Name).Attr("data-type", node.Type);
                if (outcome is { } known) html.Attr("data-outcome", StateOutcomes.CssName(known));
                html.Raw("><title>").Text(node.Name).Raw(" (").Text(node.Type).Raw(")");
                if (outcome is { } label) html.Raw(": ").Text(StateOutcomes.Label(label));
                html.Raw("</title><rect x=\"").Number(node.X).Raw("\" y=\"").Number(node.Y).Raw("\" width=\"").Number(node.Width)
                    .Raw("\" height=\"").Number(node.Height).Raw("\" rx=\"").Raw(node.Type == "Choice" ? "14" : "6").Raw("\"/>");
                if (node.Children.Count == 0)
                    html.Raw("<text x=\"").Number(node.X + node.Width / 2).Raw("\" y=\"").Number(node.Y + node.Height / 2 + 4)
                        .Raw("\" text-anchor=\"middle\">").Text(node.Name).Raw("</text>");
                else
                    html.Raw("<text class=\"composite-label\" x=\"").Number(node.X + 10).Raw("\" y=\"").Number(node.Y + 18).Raw("\">")
                        .Text(node.Name).Raw(" (").Text(node.Type).Raw(")</text>");
                html.Raw("</g>");
                foreach (var child in node.Children) WriteBlock(html, child, outcomes, right);
            }
        }

        private static void WriteEdge(Html html, StateNode from, StateNode to, bool isCatch, double right)
        {
            html.Raw("<path class=\"edge").Raw(isCatch ? " catch" : "").Raw("\" marker-end=\"url(#arrow)\" d=\"");
            if (to.Level > from.Level)
            {
                double sx = from.X + from.Width / 2, sy = from.Y + from.Height, tx = to.X + to.Width / 2, ty = to.Y;
                double bend = Math.Max(14, (ty - sy) / 2);
                html.Raw("M").Number(sx).Raw(",").Number(sy).Raw(" C").Number(sx).Raw(",").Number(sy + bend).Raw(" ")
                    .Number(tx).Raw(",").Number(ty - bend).Raw(" ").Number(tx).Raw(",").Number(ty);
            }
            else
            {
                // A loop back (or a jump within a row): around the right side of the block.
                double sx = from.X + from.Width, sy = from.Y + from.Height / 2, tx = to.X + to.Width, ty = to.Y + to.Height / 2;
                double side = Math.Max(sx, tx) + 30 + Math.Min(30, Math.Abs(sy - ty) / 8);
                html.Raw("M").Number(sx).Raw(",").Number(sy).Raw(" C").Number(side).Raw(",").Number(sy).Raw(" ")
                    .Number(side).Raw(",").Number(ty).Raw(" ").Number(tx).Raw(",").Number(ty);
            }
            html.Raw("\"/>");
        }
    }
}
