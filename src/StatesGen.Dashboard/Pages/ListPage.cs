using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using StatesGen.Durability;

namespace StatesGen.Dashboard.Pages
{
    /// <summary>
    /// The executions, newest first, filtered by status, machine and name prefix. Paging is keyset paging on the
    /// store's NextToken: a deep page costs what the first one does.
    /// </summary>
    internal static class ListPage
    {
        public static async Task RenderAsync(DashboardRequest request)
        {
            var statusText = request.Query("status");
            var status = Html.ParseStatus(statusText);
            var machine = request.Query("machine");
            var prefix = request.Query("prefix");
            var next = request.Query("next");
            ExecutionPage page;
            try
            {
                page = await request.Store.ListExecutionsAsync(new ExecutionQuery
                {
                    Status = status,
                    StateMachine = machine,
                    NamePrefix = prefix,
                    MaxResults = request.Dashboard.Options.PageSize,
                    NextToken = next,
                }, request.Http.RequestAborted).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                await Layout.ErrorAsync(request, StatusCodes.Status400BadRequest, "Invalid page", e.Message).ConfigureAwait(false);
                return;
            }

            var html = new Html().Element("h1", "Executions");
            WriteFilters(html, request, statusText, machine, prefix);
            if (page.Executions.Count == 0)
                html.Raw("<p class=\"empty\">").Text(next is null ? "No executions match." : "No more executions.").Raw("</p>");
            else
            {
                html.Raw("<table class=\"executions\"><thead><tr><th>Machine</th><th>Name</th><th>Status</th><th>Start</th><th>Stop</th><th>Duration</th></tr></thead><tbody>");
                var now = DateTimeOffset.UtcNow;
                foreach (var e in page.Executions)
                {
                    var s = Html.Status(e.Status);
                    html.Raw("<tr>").Element("td", Html.MachineName(e.StateMachine))
                        .Raw("<td><a").Attr("href", request.ExecutionUrl(e.StateMachine, e.Name)).Raw(">").Text(e.Name).Raw("</a></td>")
                        .Raw("<td><span").Attr("class", "badge " + s.ToLowerInvariant()).Raw(">").Text(s).Raw("</span></td>")
                        .Element("td", Html.Time(e.StartDate)).Element("td", Html.Time(e.StopDate))
                        .Element("td", Html.Duration((e.StopDate ?? now) - e.StartDate)).Raw("</tr>");
                }
                html.Raw("</tbody></table>");
            }
            html.Raw("<nav class=\"pager\">");
            if (next is not null) html.Raw("<a").Attr("href", ListUrl(request, statusText, machine, prefix, null)).Raw(">First page</a>");
            if (page.NextToken is not null)
                html.Raw("<a rel=\"next\"").Attr("href", ListUrl(request, statusText, machine, prefix, page.NextToken)).Raw(">Next page</a>");
            html.Raw("</nav>");
            await Layout.WriteAsync(request, "Executions", html).ConfigureAwait(false);
        }

        private static void WriteFilters(Html html, DashboardRequest request, string? status, string? machine, string? prefix)
        {
            html.Raw("<form class=\"filters\" method=\"get\"").Attr("action", request.Base + "/").Raw(">")
                .Raw("<label>Status <select name=\"status\"><option value=\"\">Any</option>");
            foreach (var s in new[] { "RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED" })
                html.Raw("<option").Attr("value", s).Raw(s == status ? " selected" : "").Raw(">").Text(s).Raw("</option>");
            html.Raw("</select></label><label>Machine <select name=\"machine\"><option value=\"\">Any</option>");
            var arns = request.Machines.Select(m => m.StateMachineArn).ToList();
            if (machine is not null && !arns.Contains(machine)) arns.Add(machine);
            foreach (var arn in arns)
                html.Raw("<option").Attr("value", arn).Raw(arn == machine ? " selected" : "").Raw(">").Text(Html.MachineName(arn)).Raw("</option>");
            html.Raw("</select></label><label>Name starts with <input type=\"search\" name=\"prefix\"").Attr("value", prefix).Raw("></label>")
                .Raw("<button type=\"submit\">Filter</button></form>");
        }

        private static string ListUrl(DashboardRequest request, string? status, string? machine, string? prefix, string? next)
        {
            var query = QueryString.Empty;
            if (status is not null) query = query.Add("status", status);
            if (machine is not null) query = query.Add("machine", machine);
            if (prefix is not null) query = query.Add("prefix", prefix);
            if (next is not null) query = query.Add("next", next);
            return request.Base + "/" + query.ToUriComponent();
        }
    }
}
