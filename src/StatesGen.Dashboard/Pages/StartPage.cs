using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using StatesGen.Dashboard.Graph;

namespace StatesGen.Dashboard.Pages
{
    /// <summary>Start a new execution of a registered machine with a JSON input, checked before it is sent.</summary>
    internal static class StartPage
    {
        public static Task RenderAsync(DashboardRequest request) =>
            RenderAsync(request, request.Query("machine"), null, null, "{}", StatusCodes.Status200OK);

        public static Task RenderAsync(DashboardRequest request, string? machineArn, string? error, string? name, string? input, int statusCode)
        {
            var html = new Html().Element("h1", "Start an execution");
            if (error is not null) html.Raw("<p class=\"error\" role=\"alert\">").Text(error).Raw("</p>");
            if (request.Machines.Count == 0)
            {
                html.Raw("<p class=\"empty\">No state machine is registered in this app (services.AddStateMachine&lt;TMachine, TTasks, TImplementation&gt;()).</p>");
                return Layout.WriteAsync(request, "Start an execution", html, statusCode);
            }
            var selected = request.Machine(machineArn) ?? request.Machines[0];
            html.Raw("<form method=\"get\" class=\"filters\"").Attr("action", request.Base + "/start").Raw("><label>Machine <select name=\"machine\">");
            foreach (var m in request.Machines)
                html.Raw("<option").Attr("value", m.StateMachineArn).Raw(m == selected ? " selected" : "").Raw(">").Text(Html.MachineName(m.StateMachineArn)).Raw("</option>");
            html.Raw("</select></label><button type=\"submit\">Show</button></form>");

            html.Raw("<form method=\"post\" class=\"start\"").Attr("action", request.Base + "/actions/start").Raw(">").Raw(request.AntiforgeryField())
                .Raw("<input type=\"hidden\" name=\"machine\"").Attr("value", selected.StateMachineArn).Raw(">")
                .Raw("<label>Name <input name=\"name\" placeholder=\"a new GUID when empty\"").Attr("value", name).Raw("></label>")
                .Raw("<label>Input (JSON) <textarea name=\"input\" rows=\"8\" spellcheck=\"false\">").Text(input ?? "{}").Raw("</textarea></label>")
                .Raw("<button type=\"submit\" id=\"start\">Start execution</button></form>");
            if (StateGraph.Parse(selected.Definition) is { } graph)
            {
                html.Raw("<section><h2>").Text(Html.MachineName(selected.StateMachineArn)).Raw("</h2><div class=\"graph-frame\">");
                GraphSvg.Write(html, graph, null);
                html.Raw("</div></section>");
            }
            return Layout.WriteAsync(request, "Start an execution", html, statusCode);
        }
    }
}
