using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StatesGen.Dashboard;

namespace Microsoft.AspNetCore.Routing
{
    /// <summary>Mounts the StatesGen dashboard in an ASP.NET Core app.</summary>
    public static class StatesGenDashboardEndpointRouteBuilderExtensions
    {
        /// <summary>
        /// Serves the StatesGen dashboard under <paramref name="pattern"/>: the executions of the
        /// <see cref="StatesGen.IExecutionStore"/> registered in DI, the graphs of the machines registered with
        /// <c>AddStateMachine</c>, and actions on them. Only local requests are served; see
        /// <see cref="StatesGenDashboardOptions"/> to authorize others.
        /// </summary>
        /// <param name="endpoints">The app (<c>WebApplication</c>) or a route group.</param>
        /// <param name="pattern">The path prefix, <c>/statesgen</c> by default.</param>
        /// <returns>The dashboard's route group, for more conventions (such as <c>RequireHost</c>).</returns>
        /// <example><code>app.MapStatesGenDashboard();</code></example>
        public static IEndpointConventionBuilder MapStatesGenDashboard(this IEndpointRouteBuilder endpoints, string pattern = "/statesgen") =>
            MapStatesGenDashboard(endpoints, pattern, new StatesGenDashboardOptions());

        /// <summary>Serves the StatesGen dashboard under <paramref name="pattern"/> with the given options.</summary>
        /// <param name="endpoints">The app (<c>WebApplication</c>) or a route group.</param>
        /// <param name="pattern">The path prefix, such as <c>/statesgen</c>.</param>
        /// <param name="options">Authorization and display settings.</param>
        /// <returns>The dashboard's route group.</returns>
        /// <example><code>app.MapStatesGenDashboard("/ops/executions", new StatesGenDashboardOptions { AuthorizationPolicy = "operators" });</code></example>
        public static IEndpointConventionBuilder MapStatesGenDashboard(this IEndpointRouteBuilder endpoints, string pattern,
            StatesGenDashboardOptions options)
        {
            ArgumentNullException.ThrowIfNull(endpoints);
            ArgumentNullException.ThrowIfNull(pattern);
            ArgumentNullException.ThrowIfNull(options);
            if (options.PageSize is < 1 or > 1000)
                throw new ArgumentOutOfRangeException(nameof(options), options.PageSize, "PageSize must be from 1 to 1,000.");
            if (options.HistoryPageSize is < 1 or > 10_000)
                throw new ArgumentOutOfRangeException(nameof(options), options.HistoryPageSize, "HistoryPageSize must be from 1 to 10,000.");
            if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>() is { } registry && !registry.IsService(typeof(StatesGen.IExecutionStore)))
                throw new InvalidOperationException("MapStatesGenDashboard needs an IExecutionStore in the services, such as "
                    + "services.AddStatesGenSqliteStore(\"Data Source=executions.db\").");
            var prefix = "/" + pattern.Trim('/');
            if (prefix == "/") prefix = "";
            var dashboard = new Dashboard(endpoints.ServiceProvider, prefix, options);
            var group = endpoints.MapGroup(prefix.Length == 0 ? "/" : prefix);
            group.MapGet("/", dashboard.Handle(StatesGen.Dashboard.Pages.ListPage.RenderAsync));
            group.MapGet("/execution", dashboard.Handle(StatesGen.Dashboard.Pages.ExecutionView.RenderAsync));
            group.MapGet("/execution/live", dashboard.Handle(StatesGen.Dashboard.Pages.ExecutionView.LiveAsync));
            group.MapGet("/execution/json", dashboard.Handle(StatesGen.Dashboard.Pages.ExecutionView.JsonAsync));
            group.MapGet("/start", dashboard.Handle(StatesGen.Dashboard.Pages.StartPage.RenderAsync));
            group.MapGet("/assets/{file}", dashboard.Handle(Assets.ServeAsync));
            group.MapPost("/actions/{action}", dashboard.Handle(Actions.HandleAsync));
            return group;
        }
    }
}
