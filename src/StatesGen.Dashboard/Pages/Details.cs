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

        /// <summary>
        /// The Map Table View: one row per iteration, from the MapIteration* events, <paramref name="pageSize"/> rows from
        /// row <paramref name="from"/> on, with links (<paramref name="url"/> of a first row) to the rows before and after.
        /// </summary>
        public static void WriteMapTable(Html html, IReadOnlyList<ExecutionEvent> events, int from, int pageSize, Func<int, string> url)
        {
            var iterations = Iterations(events);
            if (iterations.Count == 0) return;
            from = Math.Clamp(from, 0, iterations.Count - 1);
            int to = Math.Min(iterations.Count, from + pageSize);
            var origin = events[0].Timestamp;
            html.Raw("<section id=\"map-table\"><h2>Map Table View</h2>");
            if (iterations.Count > pageSize) Range(html, "Iterations", from + 1, to, iterations.Count);
            html.Raw("<table class=\"map-table\"><thead><tr><th>Map state</th><th>Iteration #</th><th>Status</th><th>Started after</th><th>Duration</th></tr></thead><tbody>");
            for (int row = from; row < to; row++)
            {
                var (map, index, start, end, status) = iterations[row];
                html.Raw("<tr").Attr("data-iteration", index.ToString(CultureInfo.InvariantCulture)).Raw(">").Element("td", map)
                    .Element("td", index.ToString(CultureInfo.InvariantCulture))
                    .Raw("<td><span").Attr("class", "badge " + status.ToLowerInvariant()).Raw(">").Text(status).Raw("</span></td>")
                    .Element("td", Html.Duration(start - origin)).Element("td", end is { } e ? Html.Duration(e - start) : "—").Raw("</tr>");
            }
            html.Raw("</tbody></table>");
            Pager(html, "iterations", from > 0 ? url(Math.Max(0, from - pageSize)) : null, to < iterations.Count ? url(to) : null);
            html.Raw("</section>");
        }

        /// <summary>"Events 501–1,000 of 70,012": which part of a paged section is shown.</summary>
        private static void Range(Html html, string what, long first, long last, int total) =>
            html.Raw("<p class=\"range\">").Text(what + " " + first.ToString("N0", CultureInfo.InvariantCulture) + "–" + last.ToString("N0", CultureInfo.InvariantCulture)
                + " of " + total.ToString("N0", CultureInfo.InvariantCulture)).Raw("</p>");

        private static void Pager(Html html, string what, string? earlier, string? later)
        {
            if (earlier is null && later is null) return;
            html.Raw("<nav class=\"pager\">");
            if (earlier is not null) html.Raw("<a rel=\"prev\"").Attr("href", earlier).Raw(">Earlier ").Text(what).Raw("</a>");
            if (later is not null) html.Raw("<a rel=\"next\"").Attr("href", later).Raw(">Later ").Text(what).Raw("</a>");
            html.Raw("</nav>");
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
            int total = spans.Count;
            spans = spans.OrderBy(s => s.Start).Take(MaxTimelineRows).ToList();
            if (spans.Count == 0) return;

            var origin = events[0].Timestamp;
            double axisMs = Math.Max(1, (end - origin).TotalMilliseconds);
            const double labelWidth = 240, barWidth = 620, rowHeight = 20;
            double height = spans.Count * rowHeight + 28;
            html.Raw("<section><h2>Timeline</h2>");
            if (total > spans.Count)
                html.Raw("<p class=\"range\">").Text("The first " + spans.Count.ToString("N0", CultureInfo.InvariantCulture) + " of "
                    + total.ToString("N0", CultureInfo.InvariantCulture) + " state visits and iterations, by start").Raw("</p>");
            html.Raw("<div class=\"graph-frame\"><svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Timeline\" viewBox=\"0 0 ")
                .Number(labelWidth + barWidth + 90).Raw(" ").Number(height).Raw("\" width=\"").Number(labelWidth + barWidth + 90).Raw("\" height=\"").Number(height).Raw("\">");
            for (int tick = 0; tick <= 4; tick++)
            {
                double x = labelWidth + barWidth * tick / 4;
                html.Raw("<line class=\"tick\" x1=\"").Number(x).Raw("\" x2=\"").Number(x).Raw("\" y1=\"0\" y2=\"").Number(height - 14).Raw("\"/>")
                    .Raw("<text class=\"axis\" x=\"").Number(x).Raw("\" y=\"").Number(height - 2).Raw("\" text-anchor=\"middle\">")
                    .Text(Html.Duration(TimeSpan.FromMilliseconds(axisMs * tick / 4))).Raw("</text>");
            }
            for (int row = 0; row < spans.Count; row++)
            {
                var span = spans[row];
                double y = row * rowHeight + 4;
                double start = (span.Start - origin).TotalMilliseconds / axisMs * barWidth;
                double width = Math.Max(2, ((span.End ?? end) - span.Start).TotalMilliseconds / axisMs * barWidth);
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

        /// <summary>
        /// The event history, AWS's event names, input and output folded in &lt;details&gt;: <paramref name="pageSize"/>
        /// events after the event id <paramref name="after"/>, with links (<paramref name="url"/> of an event id to start
        /// after) to the events before and after them. A large input or output is cut, with a link (<paramref name="jsonUrl"/>
        /// of an event id and input or output) to all of it.
        /// </summary>
        public static void WriteHistory(Html html, IReadOnlyList<ExecutionEvent> events, long after, int pageSize, Func<long, string> url,
            Func<long, string, string> jsonUrl)
        {
            // Events are in id order: the first shown is the first after the given id (the last page when it is past the end).
            int from = 0;
            while (from < events.Count && events[from].Id <= after) from++;
            if (from == events.Count) from = Math.Max(0, events.Count - pageSize);
            int to = Math.Min(events.Count, from + pageSize);
            html.Raw("<section id=\"history\"><h2>Event history</h2>");
            if (events.Count > pageSize) Range(html, "Events", from + 1, to, events.Count);
            html.Raw("<table class=\"history\"><thead><tr><th>ID</th><th>Type</th><th>Step</th><th>Elapsed</th><th>Timestamp</th><th>Details</th></tr></thead><tbody>");
            var origin = events.Count > 0 ? events[0].Timestamp : default;
            for (int row = from; row < to; row++)
            {
                var e = events[row];
                var css = e.Type.EndsWith("Failed", StringComparison.Ordinal) || e.Type.EndsWith("TimedOut", StringComparison.Ordinal)
                    || e.Type.EndsWith("Aborted", StringComparison.Ordinal) ? "failed" : e.Type.EndsWith("Succeeded", StringComparison.Ordinal) ? "succeeded" : null;
                html.Raw("<tr").Attr("class", css ?? "").Attr("data-event", e.Type).Raw(">").Element("td", e.Id.ToString(CultureInfo.InvariantCulture)).Element("td", e.Type)
                    .Element("td", e.StateName is null ? "" : e.StateName + (e.Index is { } i ? " #" + i.ToString(CultureInfo.InvariantCulture) : ""))
                    .Element("td", Html.Duration(e.Timestamp - origin)).Element("td", Html.Time(e.Timestamp)).Raw("<td>");
                if (e.Resource is not null) html.Raw("<div class=\"resource\">").Text(e.Resource).Raw("</div>");
                if (e.Error is not null || e.Cause is not null)
                    html.Raw("<div class=\"error-text\">").Text(e.Error).Raw(e.Cause is null ? "" : ": ").Text(e.Cause).Raw("</div>");
                if (e.Input is not null) html.Raw("<details><summary>Input</summary>").JsonBlock(e.Input, jsonUrl(e.Id, "input")).Raw("</details>");
                if (e.Output is not null) html.Raw("<details><summary>Output</summary>").JsonBlock(e.Output, jsonUrl(e.Id, "output")).Raw("</details>");
                if (e.AssignedVariables is { Count: > 0 } assigned)
                    html.Raw("<details><summary>Assigned variables</summary><pre class=\"json\">")
                        .Text(string.Join("\n", assigned.Select(a => "$" + a.Key + " = " + Html.Json(a.Value)))).Raw("</pre></details>");
                html.Raw("</td></tr>");
            }
            html.Raw("</tbody></table>");
            Pager(html, "events", from > 0 ? url(from - pageSize <= 0 ? 0 : events[from - pageSize - 1].Id) : null,
                to < events.Count ? url(events[to - 1].Id) : null);
            html.Raw("</section>");
        }
    }
}
