using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using StatesGen.Dashboard.Graph;
using StatesGen.Durability;

namespace StatesGen.Dashboard.Pages
{
    /// <summary>
    /// One execution: its summary and actions, the graph coloured by outcome, pending callback tasks, the Map Table
    /// View, the timeline, variables, and the event history with expandable input and output.
    /// </summary>
    internal static class ExecutionView
    {
        public static Task RenderAsync(DashboardRequest request) =>
            RenderAsync(request, request.Query("machine"), request.Query("name"), null, StatusCodes.Status200OK);

        /// <summary>The page, with an error above it when an action failed (and the status code that says so).</summary>
        public static async Task RenderAsync(DashboardRequest request, string? machineArn, string? name, string? error, int statusCode)
        {
            if (machineArn is null || name is null)
            {
                await Layout.ErrorAsync(request, StatusCodes.Status400BadRequest, "Which execution?", "The address needs a machine and a name.").ConfigureAwait(false);
                return;
            }
            var cancellation = request.Http.RequestAborted;
            var store = request.Store;
            var execution = await store.GetExecutionAsync(machineArn, name, cancellation).ConfigureAwait(false);
            if (execution is null)
            {
                await Layout.ErrorAsync(request, StatusCodes.Status404NotFound, "No such execution",
                    $"There is no execution named '{name}' of {Html.MachineName(machineArn)}.").ConfigureAwait(false);
                return;
            }
            var events = await store.ReadHistoryAsync(execution.Id, 0, int.MaxValue, cancellation).ConfigureAwait(false);
            IReadOnlyList<StatesGen.Durability.TaskTokenRecord> tokens;
            try
            {
                tokens = (await store.ListTaskTokensAsync(execution.Id, cancellation).ConfigureAwait(false))
                    .Where(t => t.Status == TaskTokenStatus.Waiting).ToList();
            }
            catch (NotSupportedException)
            {
                tokens = Array.Empty<StatesGen.Durability.TaskTokenRecord>();
            }
            var machine = request.Machine(machineArn);
            var graph = machine is null ? null : StateGraph.Parse(machine.Definition);
            var outcomes = StateOutcomes.Compute(graph, events, execution.Status);
            var status = Html.Status(execution.Status);
            var now = DateTimeOffset.UtcNow;

            var html = new Html();
            html.Raw("<p class=\"crumbs\"><a").Attr("href", request.Base + "/").Raw(">Executions</a> / ").Text(Html.MachineName(machineArn)).Raw("</p>")
                .Raw("<h1>").Text(name).Raw(" <span").Attr("class", "badge " + status.ToLowerInvariant()).Attr("id", "status").Raw(">").Text(status).Raw("</span></h1>");
            if (error is not null) html.Raw("<p class=\"error\" role=\"alert\">").Text(error).Raw("</p>");
            if (execution.Status == ExecutionStatus.Running)
                html.Raw("<div id=\"live\" hidden").Attr("data-url", request.Base + "/execution/live?machine=" + Uri.EscapeDataString(machineArn) + "&name=" + Uri.EscapeDataString(name)
                        + "&after=" + LastEventId(events).ToString(CultureInfo.InvariantCulture))
                    .Attr("data-version", Version(execution, events))
                    .Attr("data-interval", ((int)request.Dashboard.Options.LiveUpdateInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)).Raw("></div>");

            html.Raw("<dl class=\"summary\">")
                .Element("dt", "State machine").Element("dd", machineArn)
                .Element("dt", "Start").Element("dd", Html.Time(execution.StartDate))
                .Element("dt", "Stop").Element("dd", execution.StopDate is null ? "—" : Html.Time(execution.StopDate))
                .Element("dt", "Duration").Element("dd", Html.Duration((execution.StopDate ?? now) - execution.StartDate));
            if (execution.RedriveCount > 0)
                html.Element("dt", "Redrives").Element("dd", execution.RedriveCount.ToString(CultureInfo.InvariantCulture) + ", last " + Html.Time(execution.RedriveDate));
            if (execution.Error is not null || execution.Cause is not null)
                html.Element("dt", "Error").Raw("<dd class=\"error-text\">").Text(execution.Error).Raw(execution.Cause is null ? "" : ": ").Text(execution.Cause).Raw("</dd>");
            WriteRelatives(html, request, execution, events);
            html.Raw("</dl>");

            WriteActions(html, request, execution, machine);
            WritePendingTasks(html, request, execution, tokens, events);

            html.Raw("<section><h2>Graph</h2>");
            if (graph is null)
                html.Raw("<p class=\"empty\">").Text(machine is null
                    ? "This machine is not registered in this app (AddStateMachine), so its definition is unknown."
                    : "The definition could not be read.").Raw("</p>");
            else
            {
                html.Raw("<div class=\"graph-frame\">");
                GraphSvg.Write(html, graph, outcomes);
                html.Raw("</div><ul class=\"legend\">");
                foreach (var o in new[] { StateOutcome.Succeeded, StateOutcome.Failed, StateOutcome.Caught, StateOutcome.Running, StateOutcome.NotRun })
                    html.Raw("<li><span").Attr("class", "swatch s-" + StateOutcomes.CssName(o)).Raw("></span>").Text(StateOutcomes.Label(o)).Raw("</li>");
                html.Raw("</ul>");
            }
            html.Raw("</section>");

            // The history and the Map Table View are paged (HistoryPageSize): "events" is the id after which the shown
            // events start, "iterations" the first row shown; each pager keeps the other's place.
            var pageSize = request.Dashboard.Options.HistoryPageSize;
            long.TryParse(request.Query("events"), NumberStyles.None, CultureInfo.InvariantCulture, out var eventsAfter);
            int.TryParse(request.Query("iterations"), NumberStyles.None, CultureInfo.InvariantCulture, out var iterationsFrom);
            string PageUrl(long after, int from, string section) => request.ExecutionUrl(machineArn, name)
                + (after > 0 ? "&events=" + after.ToString(CultureInfo.InvariantCulture) : "")
                + (from > 0 ? "&iterations=" + from.ToString(CultureInfo.InvariantCulture) : "") + "#" + section;

            Details.WriteMapTable(html, events, iterationsFrom, pageSize, from => PageUrl(eventsAfter, from, "map-table"));
            Details.WriteTimeline(html, events, execution.StopDate ?? now);
            if (machine?.Definition.Contains("\"Assign\"", StringComparison.Ordinal) == true || events.Any(e => e.AssignedVariables is not null))
                Details.WriteVariables(html, events);
            // Large values are cut on the page; the whole of one is served by execution/json (event 0: the execution's own).
            string JsonUrl(long eventId, string part) => request.Base + "/execution/json?machine=" + Uri.EscapeDataString(machineArn)
                + "&name=" + Uri.EscapeDataString(name) + "&event=" + eventId.ToString(CultureInfo.InvariantCulture) + "&part=" + part;
            html.Raw("<section><h2>Input and output</h2><details open><summary>Input</summary>").JsonBlock(execution.Input, JsonUrl(0, "input")).Raw("</details>");
            if (execution.Status == ExecutionStatus.Succeeded)
                html.Raw("<details open><summary>Output</summary>").JsonBlock(execution.Output, JsonUrl(0, "output")).Raw("</details>");
            html.Raw("</section>");
            Details.WriteHistory(html, events, eventsAfter, pageSize, after => PageUrl(after, iterationsFrom, "history"), JsonUrl);
            await Layout.WriteAsync(request, name, html, statusCode).ConfigureAwait(false);
        }

        /// <summary>
        /// Nested executions: the parent that started this one (AWS's documented AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID
        /// input field), the executions its startExecution tasks started, and the child executions of its Map Runs.
        /// </summary>
        private static void WriteRelatives(Html html, DashboardRequest request, ExecutionRecord execution, IReadOnlyList<ExecutionEvent> events)
        {
            if (execution.Input is System.Text.Json.Nodes.JsonObject input && input["AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID"] is System.Text.Json.Nodes.JsonValue parentValue
                && parentValue.TryGetValue<string>(out var parentArn) && SplitExecutionArn(parentArn) is { } parent)
            {
                html.Element("dt", "Started by").Raw("<dd><a").Attr("href", request.ExecutionUrl(parent.Machine, parent.Name)).Raw(">")
                    .Text(Html.MachineName(parent.Machine) + " / " + parent.Name).Raw("</a></dd>");
            }
            // In start order, each once (a Map may start thousands: the set keeps the walk linear).
            var children = new List<(string Machine, string Name)>();
            var seen = new HashSet<(string Machine, string Name)>();
            var mapRuns = new List<string>();
            foreach (var e in events)
            {
                if (e.Type == "MapRunStarted" && e.Resource is { } mapRunArn && ChildMachineOfMapRun(mapRunArn) is { } childMachine && !mapRuns.Contains(childMachine))
                    mapRuns.Add(childMachine);
                if (e.Resource?.StartsWith("arn:aws:states:::states:startExecution", StringComparison.Ordinal) != true) continue;
                // A started child's ARN is in the task's result, or in the DescribeExecution JSON of a failed .sync child's cause.
                var described = e.Type switch
                {
                    "TaskSucceeded" => e.Output,
                    "TaskFailed" when e.Cause?.StartsWith("{", StringComparison.Ordinal) == true => ParseQuietly(e.Cause),
                    _ => null,
                };
                if (described is System.Text.Json.Nodes.JsonObject fields && fields["ExecutionArn"] is System.Text.Json.Nodes.JsonValue arnValue
                    && arnValue.TryGetValue<string>(out var childArn) && SplitExecutionArn(childArn) is { } child && seen.Add(child))
                    children.Add(child);
            }
            if (children.Count > 0)
            {
                html.Element("dt", "Started").Raw("<dd><ul class=\"children\">");
                foreach (var c in children.Take(MaxChildLinks))
                    html.Raw("<li><a").Attr("href", request.ExecutionUrl(c.Machine, c.Name)).Raw(">").Text(Html.MachineName(c.Machine) + " / " + c.Name).Raw("</a></li>");
                // A Map that starts an execution per item would list thousands: the rest are in the list of their machine.
                if (children.Count > MaxChildLinks)
                {
                    html.Raw("<li>").Text("and " + (children.Count - MaxChildLinks).ToString("N0", CultureInfo.InvariantCulture) + " more:");
                    foreach (var machine in children.Select(c => c.Machine).Distinct())
                        html.Raw(" <a").Attr("href", request.Base + "/" + QueryString.Create("machine", machine).ToUriComponent()).Raw(">")
                            .Text(Html.MachineName(machine) + " executions").Raw("</a>");
                    html.Raw("</li>");
                }
                html.Raw("</ul></dd>");
            }
            foreach (var m in mapRuns)
                html.Element("dt", "Map Run").Raw("<dd><a").Attr("href", request.Base + "/" + QueryString.Create("machine", m).ToUriComponent()).Raw(">")
                    .Text("Child executions of " + Html.MachineName(m)).Raw("</a></dd>");
        }

        private const int MaxChildLinks = 25;

        private static System.Text.Json.Nodes.JsonNode? ParseQuietly(string text)
        {
            try
            {
                return System.Text.Json.Nodes.JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary><c>arn:...:execution:Machine:name</c> (also <c>Machine/Label</c>) as its state machine's ARN and its name.</summary>
        private static (string Machine, string Name)? SplitExecutionArn(string arn)
        {
            int at = arn.IndexOf(":execution:", StringComparison.Ordinal);
            int last = arn.LastIndexOf(':');
            if (at < 0 || last <= at + ":execution:".Length) return null;
            return (arn.Substring(0, at) + ":stateMachine:" + arn.Substring(at + ":execution:".Length, last - at - ":execution:".Length), arn.Substring(last + 1));
        }

        /// <summary>The child state machine of a Map Run (<c>arn:...:mapRun:Parent/Label:id</c> to <c>arn:...:stateMachine:Parent/Label</c>).</summary>
        private static string? ChildMachineOfMapRun(string mapRunArn)
        {
            int at = mapRunArn.IndexOf(":mapRun:", StringComparison.Ordinal);
            int last = mapRunArn.LastIndexOf(':');
            return at < 0 || last <= at + ":mapRun:".Length ? null
                : mapRunArn.Substring(0, at) + ":stateMachine:" + mapRunArn.Substring(at + ":mapRun:".Length, last - at - ":mapRun:".Length);
        }

        private static long LastEventId(IReadOnlyList<ExecutionEvent> events) => events.Count == 0 ? 0 : events[^1].Id;

        /// <summary>What the live script compares: the status and the last event id the page shows.</summary>
        private static string Version(ExecutionRecord execution, IReadOnlyList<ExecutionEvent> events) =>
            Html.Status(execution.Status) + ":" + LastEventId(events).ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// The small JSON document a running execution's page polls: <c>{"status":"RUNNING","version":"RUNNING:12"}</c>.
        /// It reads the record and at most one event after the page's last one (<c>after</c>), however long the history.
        /// </summary>
        public static async Task LiveAsync(DashboardRequest request)
        {
            var machine = request.Query("machine");
            var name = request.Query("name");
            var execution = machine is null || name is null ? null
                : await request.Store.GetExecutionAsync(machine, name, request.Http.RequestAborted).ConfigureAwait(false);
            if (execution is null)
            {
                request.Http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            long.TryParse(request.Query("after"), NumberStyles.None, CultureInfo.InvariantCulture, out var after);
            var newer = await request.Store.ReadHistoryAsync(execution.Id, after, 1, request.Http.RequestAborted).ConfigureAwait(false);
            request.Http.Response.ContentType = "application/json; charset=utf-8";
            var status = Html.Status(execution.Status);
            await request.Http.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["status"] = status,
                ["version"] = status + ":" + (newer.Count > 0 ? newer[0].Id : after).ToString(CultureInfo.InvariantCulture),
            })).ConfigureAwait(false);
        }

        /// <summary>
        /// One JSON value whole, as <c>application/json</c>: an event's input or output (<c>event</c> its id, <c>part</c>
        /// input or output), or the execution's own with event 0. The page shows only the start of a large one.
        /// </summary>
        public static async Task JsonAsync(DashboardRequest request)
        {
            var machine = request.Query("machine");
            var name = request.Query("name");
            var part = request.Query("part");
            var cancellation = request.Http.RequestAborted;
            var execution = machine is null || name is null ? null : await request.Store.GetExecutionAsync(machine, name, cancellation).ConfigureAwait(false);
            System.Text.Json.Nodes.JsonNode? value = null;
            bool found = false;
            if (execution is not null && part is "input" or "output"
                && long.TryParse(request.Query("event"), NumberStyles.None, CultureInfo.InvariantCulture, out var eventId))
            {
                if (eventId == 0)
                {
                    found = part == "input" || execution.Status == ExecutionStatus.Succeeded;
                    value = part == "input" ? execution.Input : execution.Output;
                }
                else if ((await request.Store.ReadHistoryAsync(execution.Id, eventId - 1, 1, cancellation).ConfigureAwait(false)) is [var e] && e.Id == eventId)
                {
                    value = part == "input" ? e.Input : e.Output;
                    found = value is not null;
                }
            }
            if (!found)
            {
                request.Http.Response.StatusCode = StatusCodes.Status404NotFound;
                request.Http.Response.ContentType = "text/plain; charset=utf-8";
                await request.Http.Response.WriteAsync("No such value: the address needs a machine, an execution name, an event id (0 for the execution) and part=input or output.",
                    cancellation).ConfigureAwait(false);
                return;
            }
            request.Http.Response.ContentType = "application/json; charset=utf-8";
            await request.Http.Response.WriteAsync(Html.Json(value), cancellation).ConfigureAwait(false);
        }

        private static void WriteActions(Html html, DashboardRequest request, ExecutionRecord execution, IStateMachine? machine)
        {
            bool canStop = execution.Status == ExecutionStatus.Running;
            bool canRedrive = execution.Status is ExecutionStatus.Failed or ExecutionStatus.TimedOut or ExecutionStatus.Aborted;
            if (!canStop && !canRedrive) return;
            html.Raw("<section class=\"actions\"><h2>Actions</h2>");
            if (canStop)
            {
                html.Raw("<form method=\"post\" class=\"inline\"").Attr("action", request.Base + "/actions/stop").Raw(">").Raw(request.AntiforgeryField());
                Hidden(html, execution);
                html.Raw("<label>Error <input name=\"error\" value=\"\" placeholder=\"optional\"></label>")
                    .Raw("<label>Cause <input name=\"cause\" value=\"\" placeholder=\"optional\"></label>")
                    .Raw("<button type=\"submit\" class=\"danger\" id=\"stop\">Stop execution</button></form>");
            }
            if (canRedrive)
            {
                if (machine is null)
                    html.Raw("<p class=\"empty\">Redrive needs the machine registered in this app (AddStateMachine).</p>");
                else
                {
                    html.Raw("<form method=\"post\" class=\"inline\"").Attr("action", request.Base + "/actions/redrive").Raw(">").Raw(request.AntiforgeryField());
                    Hidden(html, execution);
                    html.Raw("<button type=\"submit\" id=\"redrive\">Redrive</button> <span class=\"hint\">Runs again from the states that failed; what succeeded is replayed, not run again.</span></form>");
                }
            }
            html.Raw("</section>");
        }

        internal static void Hidden(Html html, ExecutionSummary execution) =>
            html.Raw("<input type=\"hidden\" name=\"machine\"").Attr("value", execution.StateMachine).Raw(">")
                .Raw("<input type=\"hidden\" name=\"name\"").Attr("value", execution.Name).Raw(">");

        /// <summary>
        /// Callback tasks waiting for an answer. The token travels only in the POST body. Its state is the callback task
        /// that was scheduled last and has not finished (the history does not name tokens).
        /// </summary>
        private static void WritePendingTasks(Html html, DashboardRequest request, ExecutionRecord execution, IReadOnlyList<StatesGen.Durability.TaskTokenRecord> tokens,
            IReadOnlyList<ExecutionEvent> events)
        {
            if (tokens.Count == 0 || execution.Status != ExecutionStatus.Running) return;
            var waiting = WaitingCallbackStates(events);
            html.Raw("<section class=\"pending\"><h2>Waiting for an answer</h2>");
            for (int i = 0; i < tokens.Count; i++)
            {
                var token = tokens[i];
                var state = i < waiting.Count ? waiting[i] : null;
                html.Raw("<div class=\"callback\" data-callback-index=\"").Number(i).Raw("\"><h3>").Text(state ?? "Callback task")
                    .Raw("</h3><p class=\"hint\">Waiting since ").Text(Html.Time(token.RegisteredAt))
                    .Raw(token.Deadline is { } deadline ? ", times out at " + new Html().Text(Html.Time(deadline)) : "").Raw(".</p>");
                html.Raw("<form method=\"post\" class=\"answer\"").Attr("action", request.Base + "/actions/succeed").Raw(">").Raw(request.AntiforgeryField());
                Hidden(html, execution);
                html.Raw("<input type=\"hidden\" name=\"token\"").Attr("value", token.TaskToken).Raw(">")
                    .Raw("<label>Output (JSON) <textarea name=\"output\" rows=\"3\" spellcheck=\"false\">").Text(request.Dashboard.Options.DefaultTaskOutput).Raw("</textarea></label>")
                    .Raw("<button type=\"submit\" class=\"approve\">Approve (send task success)</button></form>");
                html.Raw("<form method=\"post\" class=\"answer\"").Attr("action", request.Base + "/actions/fail").Raw(">").Raw(request.AntiforgeryField());
                Hidden(html, execution);
                html.Raw("<input type=\"hidden\" name=\"token\"").Attr("value", token.TaskToken).Raw(">")
                    .Raw("<label>Error <input name=\"error\" value=\"Rejected\"></label><label>Cause <input name=\"cause\" value=\"\"></label>")
                    .Raw("<button type=\"submit\" class=\"danger reject\">Reject (send task failure)</button></form></div>");
            }
            html.Raw("</section>");
        }

        /// <summary>The states of callback tasks (<c>.waitForTaskToken</c>) scheduled and not yet finished, in schedule order.</summary>
        private static List<string> WaitingCallbackStates(IReadOnlyList<ExecutionEvent> events)
        {
            var open = new List<string>();
            foreach (var e in events)
            {
                if (e.StateName is null) continue;
                if (e.Type.EndsWith("Scheduled", StringComparison.Ordinal) && e.Resource?.EndsWith(".waitForTaskToken", StringComparison.Ordinal) == true)
                    open.Add(e.StateName);
                else if ((e.Type.EndsWith("Succeeded", StringComparison.Ordinal) || StateOutcomes.IsStateFailure(e)) && open.Contains(e.StateName))
                    open.Remove(e.StateName);
            }
            return open;
        }
    }
}
