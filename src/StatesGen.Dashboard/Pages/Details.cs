using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace StatesGen.Dashboard.Pages
{
    /// <summary>The parts of an execution page read from its history: Map Table View, timeline, variables, events.</summary>
    internal static class Details
    {
        private const int MaxTimelineRows = 300;

        private sealed record Span(string Label, string Kind, DateTimeOffset Start, DateTimeOffset? End, string Outcome);

        /// <summary>The Map Table View: one row per iteration, from the MapIteration* events.</summary>
        public static void WriteMapTable(Html html, IReadOnlyList<ExecutionEvent> events)
        {
            var iterations = Iterations(events);
            if (iterations.Count == 0) return;
            var origin = events[0].Timestamp;
            html.Raw("<section><h2>Map Table View</h2><table class=\"map-table\"><thead><tr><th>Map state</th><th>Iteration #</th><th>Status</th><th>Started after</th><th>Duration</th></tr></thead><tbody>");
            foreach (var (map, index, start, end, status) in iterations)
                html.Raw("<tr").Attr("data-iteration", index.ToString(CultureInfo.InvariantCulture)).Raw(">").Element("td", map)
                    .Element("td", index.ToString(CultureInfo.InvariantCulture))
                    .Raw("<td><span").Attr("class", "badge " + status.ToLowerInvariant()).Raw(">").Text(status).Raw("</span></td>")
                    .Element("td", Html.Duration(start - origin)).Element("td", end is { } e ? Html.Duration(e - start) : "—").Raw("</tr>");
            html.Raw("</tbody></table></section>");
        }

        private static List<(string Map, int Index, DateTimeOffset Start, DateTimeOffset? End, string Status)> Iterations(IReadOnlyList<ExecutionEvent> events)
        {
            var rows = new List<(string Map, int Index, DateTimeOffset Start, DateTimeOffset? End, string Status)>();
            var open = new Dictionary<(string, int), int>();
            foreach (var e in events)
            {
                if (e.StateName is null || e.Index is not { } index || !e.Type.StartsWith("MapIteration", StringComparison.Ordinal)) continue;
                if (e.Type == "MapIterationStarted")
                {
                    open[(e.StateName, index)] = rows.Count;
                    rows.Add((e.StateName, index, e.Timestamp, null, "RUNNING"));
                }
                else if (open.Remove((e.StateName, index), out var row))
                {
                    var status = e.Type["MapIteration".Length..].ToUpperInvariant() switch { "ABORTED" => "ABORTED", "SUCCEEDED" => "SUCCEEDED", _ => "FAILED" };
                    rows[row] = rows[row] with { End = e.Timestamp, Status = status };
                }
            }
            return rows.OrderBy(r => r.Map, StringComparer.Ordinal).ThenBy(r => r.Index).ThenBy(r => r.Start).ToList();
        }

        /// <summary>A timeline of state visits and Map iterations as SVG bars on one time axis.</summary>
        public static void WriteTimeline(Html html, IReadOnlyList<ExecutionEvent> events, DateTimeOffset end)
        {
            if (events.Count == 0) return;
            var spans = new List<Span>();
            var open = new Dictionary<string, Queue<int>>(StringComparer.Ordinal);
            foreach (var e in events)
            {
                if (e.StateName is not { } state) continue;
                if (e.Type.EndsWith("StateEntered", StringComparison.Ordinal))
                {
                    if (!open.TryGetValue(state, out var queue)) open[state] = queue = new Queue<int>();
                    queue.Enqueue(spans.Count);
                    spans.Add(new Span(state, e.Type[..^"StateEntered".Length], e.Timestamp, null, "running"));
                }
                else if (e.Type.EndsWith("StateExited", StringComparison.Ordinal) && open.TryGetValue(state, out var queue) && queue.Count > 0)
                {
                    var i = queue.Dequeue();
                    spans[i] = spans[i] with { End = e.Timestamp, Outcome = spans[i].Outcome == "failed" ? "caught" : "succeeded" };
                }
                else if (Graph.StateOutcomes.IsStateFailure(e) && open.TryGetValue(state, out var failing) && failing.Count > 0)
                {
                    var i = failing.Peek();
                    spans[i] = spans[i] with { Outcome = "failed" };
                }
            }
            foreach (var (map, index, start, stop, status) in Iterations(events))
                spans.Add(new Span(map + " #" + index.ToString(CultureInfo.InvariantCulture), "Iteration", start, stop,
                    status == "SUCCEEDED" ? "succeeded" : status == "RUNNING" ? "running" : "failed"));
            spans = spans.OrderBy(s => s.Start).Take(MaxTimelineRows).ToList();
            if (spans.Count == 0) return;

            var origin = events[0].Timestamp;
            double total = Math.Max(1, (end - origin).TotalMilliseconds);
            const double labelWidth = 240, barWidth = 620, rowHeight = 20;
            double height = spans.Count * rowHeight + 28;
            html.Raw("<section><h2>Timeline</h2><div class=\"graph-frame\"><svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Timeline\" viewBox=\"0 0 ")
                .Number(labelWidth + barWidth + 90).Raw(" ").Number(height).Raw("\" width=\"").Number(labelWidth + barWidth + 90).Raw("\" height=\"").Number(height).Raw("\">");
            for (int tick = 0; tick <= 4; tick++)
            {
                double x = labelWidth + barWidth * tick / 4;
                html.Raw("<line class=\"tick\" x1=\"").Number(x).Raw("\" x2=\"").Number(x).Raw("\" y1=\"0\" y2=\"").Number(height - 14).Raw("\"/>")
                    .Raw("<text class=\"axis\" x=\"").Number(x).Raw("\" y=\"").Number(height - 2).Raw("\" text-anchor=\"middle\">")
                    .Text(Html.Duration(TimeSpan.FromMilliseconds(total * tick / 4))).Raw("</text>");
            }
            for (int row = 0; row < spans.Count; row++)
            {
                var span = spans[row];
                double y = row * rowHeight + 4;
                double start = (span.Start - origin).TotalMilliseconds / total * barWidth;
                double width = Math.Max(2, ((span.End ?? end) - span.Start).TotalMilliseconds / total * barWidth);
                html.Raw("<g").Attr("class", "bar s-" + span.Outcome).Raw("><title>").Text(span.Label).Raw(" (").Text(span.Kind).Raw("): ")
                    .Text(Html.Duration((span.End ?? end) - span.Start)).Raw("</title>")
                    .Raw("<text x=\"").Number(labelWidth - 8).Raw("\" y=\"").Number(y + 12).Raw("\" text-anchor=\"end\">").Text(Shorten(span.Label)).Raw("</text>")
                    .Raw("<rect x=\"").Number(labelWidth + start).Raw("\" y=\"").Number(y).Raw("\" width=\"").Number(width).Raw("\" height=\"14\" rx=\"3\"/>")
                    .Raw("<text class=\"duration\" x=\"").Number(labelWidth + start + width + 4).Raw("\" y=\"").Number(y + 12).Raw("\">")
                    .Text(Html.Duration((span.End ?? end) - span.Start)).Raw("</text></g>");
            }
            html.Raw("</svg></div></section>");
        }

        private static string Shorten(string text) => text.Length <= 34 ? text : text[..31] + "...";

        /// <summary>The variables assigned by states (AssignedVariables of the exited events), with their last values.</summary>
        public static void WriteVariables(Html html, IReadOnlyList<ExecutionEvent> events)
        {
            var variables = new SortedDictionary<string, (string State, string Value, long EventId)>(StringComparer.Ordinal);
            foreach (var e in events)
                if (e.AssignedVariables is { } assigned)
                    foreach (var (name, value) in assigned)
                        variables[name] = (e.StateName ?? "", Html.Json(value), e.Id);
            html.Raw("<section><h2>Variables</h2>");
            if (variables.Count == 0) html.Raw("<p class=\"empty\">No variable assigned yet.</p>");
            else
            {
                html.Raw("<table class=\"variables\"><thead><tr><th>Variable</th><th>Value</th><th>Assigned by</th><th>Event</th></tr></thead><tbody>");
                foreach (var (name, (state, value, id)) in variables)
                    html.Raw("<tr>").Element("td", "$" + name).Raw("<td><pre class=\"json\">").Text(value).Raw("</pre></td>")
                        .Element("td", state).Element("td", id.ToString(CultureInfo.InvariantCulture)).Raw("</tr>");
                html.Raw("</tbody></table>");
            }
            html.Raw("</section>");
        }

        /// <summary>The event history, AWS's event names, input and output folded in &lt;details&gt;.</summary>
        public static void WriteHistory(Html html, IReadOnlyList<ExecutionEvent> events)
        {
            html.Raw("<section><h2>Event history</h2><table class=\"history\"><thead><tr><th>ID</th><th>Type</th><th>Step</th><th>Elapsed</th><th>Timestamp</th><th>Details</th></tr></thead><tbody>");
            var origin = events.Count > 0 ? events[0].Timestamp : default;
            foreach (var e in events)
            {
                var css = e.Type.EndsWith("Failed", StringComparison.Ordinal) || e.Type.EndsWith("TimedOut", StringComparison.Ordinal)
                    || e.Type.EndsWith("Aborted", StringComparison.Ordinal) ? "failed" : e.Type.EndsWith("Succeeded", StringComparison.Ordinal) ? "succeeded" : null;
                html.Raw("<tr").Attr("class", css ?? "").Attr("data-event", e.Type).Raw(">").Element("td", e.Id.ToString(CultureInfo.InvariantCulture)).Element("td", e.Type)
                    .Element("td", e.StateName is null ? "" : e.StateName + (e.Index is { } i ? " #" + i.ToString(CultureInfo.InvariantCulture) : ""))
                    .Element("td", Html.Duration(e.Timestamp - origin)).Element("td", Html.Time(e.Timestamp)).Raw("<td>");
                if (e.Resource is not null) html.Raw("<div class=\"resource\">").Text(e.Resource).Raw("</div>");
                if (e.Error is not null || e.Cause is not null)
                    html.Raw("<div class=\"error-text\">").Text(e.Error).Raw(e.Cause is null ? "" : ": ").Text(e.Cause).Raw("</div>");
                if (e.Input is not null) html.Raw("<details><summary>Input</summary><pre class=\"json\">").Text(Html.Json(e.Input)).Raw("</pre></details>");
                if (e.Output is not null) html.Raw("<details><summary>Output</summary><pre class=\"json\">").Text(Html.Json(e.Output)).Raw("</pre></details>");
                if (e.AssignedVariables is { Count: > 0 } assigned)
                    html.Raw("<details><summary>Assigned variables</summary><pre class=\"json\">")
                        .Text(string.Join("\n", assigned.Select(a => "$" + a.Key + " = " + Html.Json(a.Value)))).Raw("</pre></details>");
                html.Raw("</td></tr>");
            }
            html.Raw("</tbody></table></section>");
        }
    }
}
