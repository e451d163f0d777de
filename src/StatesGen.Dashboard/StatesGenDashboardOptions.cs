using System;
using Microsoft.AspNetCore.Http;

namespace StatesGen.Dashboard
{
    /// <summary>
    /// Settings of <c>MapStatesGenDashboard</c>. With neither <see cref="Authorize"/> nor
    /// <see cref="AuthorizationPolicy"/> set, only local requests (a loopback remote address, or the server's own
    /// address) are served, as Hangfire's dashboard does: execution data is user data and the actions change business
    /// outcomes, so opening the dashboard to other machines is a decision you write down.
    /// </summary>
    public sealed class StatesGenDashboardOptions
    {
        /// <summary>
        /// Decides whether a request may see and use the dashboard; replaces the local-only default. Return false to
        /// answer 403. Runs on every request, pages and actions alike.
        /// </summary>
        /// <example><code>Authorize = http => http.User.IsInRole("operations")</code></example>
        public Func<HttpContext, bool>? Authorize { get; set; }

        /// <summary>
        /// The name of an ASP.NET Core authorization policy (<c>services.AddAuthorization(o => o.AddPolicy(...))</c>)
        /// that every request must satisfy; replaces the local-only default. An unauthenticated user gets 401, an
        /// authenticated one that fails the policy 403. When <see cref="Authorize"/> is set too, both must pass.
        /// </summary>
        public string? AuthorizationPolicy { get; set; }

        /// <summary>
        /// The JSON the Approve form of a waiting callback task starts with (<c>{}</c> by default): what a reviewer most
        /// often sends, such as <c>{"decision":"APPROVE"}</c>. It is checked again when the form is sent.
        /// </summary>
        public string DefaultTaskOutput { get; set; } = "{}";

        /// <summary>Executions per page of the list (1 to 1,000; 50 by default).</summary>
        public int PageSize { get; set; } = 50;

        /// <summary>
        /// Events per page of an execution's history, and iterations per page of its Map Table View (1 to 10,000; 500 by
        /// default). A 10,000-item Map records about 70,000 events: the page shows them a page at a time, with links to
        /// the earlier and later ones, so it stays light however long the history.
        /// </summary>
        public int HistoryPageSize { get; set; } = 500;

        /// <summary>How often the page of a running execution asks whether it changed (2 seconds by default).</summary>
        public TimeSpan LiveUpdateInterval { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>The title shown in the header and the browser tab.</summary>
        public string Title { get; set; } = "StatesGen executions";
    }
}
