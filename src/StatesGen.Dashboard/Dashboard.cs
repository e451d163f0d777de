using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StatesGen.Hosting;

namespace StatesGen.Dashboard
{
    /// <summary>One mounted dashboard: its options, its antiforgery service, and the wrapper every request goes through.</summary>
    internal sealed class Dashboard
    {
        public Dashboard(IServiceProvider services, string prefix, StatesGenDashboardOptions options)
        {
            Prefix = prefix;
            Options = options;
            // The app's antiforgery service when it has one (AddAntiforgery, AddMvc, AddRazorComponents); otherwise a
            // private one, so MapStatesGenDashboard works without a services call. It uses the app's data protection
            // keys when there are any, so its tokens survive a restart as the app's do.
            Antiforgery = services.GetService<IAntiforgery>() ?? PrivateAntiforgery(services.GetService<IDataProtectionProvider>());
        }

        public string Prefix { get; }
        public StatesGenDashboardOptions Options { get; }
        public IAntiforgery Antiforgery { get; }

        private static IAntiforgery PrivateAntiforgery(IDataProtectionProvider? dataProtection)
        {
            var services = new ServiceCollection();
            services.AddLogging();
            if (dataProtection is not null) services.AddSingleton(dataProtection);
            services.AddAntiforgery();
            return services.BuildServiceProvider().GetRequiredService<IAntiforgery>();
        }

        /// <summary>Wraps a handler: security headers, authorization, then the handler with a per-request context.</summary>
        public RequestDelegate Handle(Func<DashboardRequest, Task> handler) => async http =>
        {
            var headers = http.Response.Headers;
            // No inline script or style is allowed: the page's one script and one stylesheet come from the package.
            headers["Content-Security-Policy"] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers["X-Content-Type-Options"] = "nosniff";
            headers["X-Frame-Options"] = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cache-Control"] = "no-store";
            int? refused = await AuthorizeAsync(http).ConfigureAwait(false);
            if (refused is { } status)
            {
                http.Response.StatusCode = status;
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync(status == StatusCodes.Status401Unauthorized
                    ? "The StatesGen dashboard needs an authenticated user."
                    : "The StatesGen dashboard is not authorized for this request (by default only local requests are).").ConfigureAwait(false);
                return;
            }
            await handler(new DashboardRequest(this, http)).ConfigureAwait(false);
        };

        /// <summary>Null when the request may go on, else the status code to refuse it with.</summary>
        private async Task<int?> AuthorizeAsync(HttpContext http)
        {
            if (Options.Authorize is null && Options.AuthorizationPolicy is null)
                return IsLocal(http) ? null : StatusCodes.Status403Forbidden;
            if (Options.AuthorizationPolicy is { } policy)
            {
                var authorization = http.RequestServices.GetService<IAuthorizationService>()
                    ?? throw new InvalidOperationException($"The StatesGen dashboard's AuthorizationPolicy '{policy}' needs services.AddAuthorization().");
                var result = await authorization.AuthorizeAsync(http.User, policy).ConfigureAwait(false);
                if (!result.Succeeded)
                    return http.User.Identity?.IsAuthenticated == true ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
            }
            if (Options.Authorize is { } authorize && !authorize(http)) return StatusCodes.Status403Forbidden;
            return null;
        }

        /// <summary>
        /// A loopback address, or a request from the server's own address (Hangfire's local-requests rule). A request
        /// without a remote address is not local (a Unix socket may carry anyone's request), except on ASP.NET Core's
        /// in-memory TestServer, whose requests come from the process itself.
        /// </summary>
        internal static bool IsLocal(HttpContext http)
        {
            var connection = http.Connection;
            var remote = connection.RemoteIpAddress;
            if (remote is null)
                return http.RequestServices.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.GetType().FullName == "Microsoft.AspNetCore.TestHost.TestServer";
            if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
            if (IPAddress.IsLoopback(remote)) return true;
            var local = connection.LocalIpAddress;
            if (local is null) return false;
            if (local.IsIPv4MappedToIPv6) local = local.MapToIPv4();
            return remote.Equals(local);
        }
    }

    /// <summary>One request to the dashboard: the services it reads and the links it writes.</summary>
    internal sealed class DashboardRequest
    {
        private IReadOnlyList<IStateMachine>? _machines;

        public DashboardRequest(Dashboard dashboard, HttpContext http)
        {
            Dashboard = dashboard;
            Http = http;
            Base = http.Request.PathBase.Add(new PathString(dashboard.Prefix)).Value ?? "";
        }

        public Dashboard Dashboard { get; }
        public HttpContext Http { get; }

        /// <summary>The dashboard's path from the site root, without a trailing slash.</summary>
        public string Base { get; }

        public IExecutionStore Store => Http.RequestServices.GetService<IExecutionStore>()
            ?? throw new InvalidOperationException("The StatesGen dashboard needs an IExecutionStore in DI, such as services.AddStatesGenSqliteStore(\"Data Source=executions.db\").");

        /// <summary>The generated machines registered with <c>AddStateMachine</c>, by name.</summary>
        public IReadOnlyList<IStateMachine> Machines => _machines ??= Http.RequestServices.GetServices<RegisteredStateMachine>()
            .Select(r => r.MachineType).Distinct()
            .Select(t => Http.RequestServices.GetService(t) as IStateMachine).OfType<IStateMachine>()
            .OrderBy(m => Html.MachineName(m.StateMachineArn), StringComparer.Ordinal).ToList();

        public IStateMachine? Machine(string? arn) => arn is null ? null : Machines.FirstOrDefault(m => m.StateMachineArn == arn);

        public string ExecutionUrl(string machine, string name) =>
            Base + "/execution?machine=" + Uri.EscapeDataString(machine) + "&name=" + Uri.EscapeDataString(name);

        /// <summary>A hidden antiforgery field for a form; also sets the antiforgery cookie.</summary>
        public string AntiforgeryField()
        {
            var tokens = Dashboard.Antiforgery.GetAndStoreTokens(Http);
            return new Html().Raw("<input type=\"hidden\"").Attr("name", tokens.FormFieldName).Attr("value", tokens.RequestToken).Raw(">").ToString();
        }

        public string? Query(string name)
        {
            var value = Http.Request.Query[name].ToString();
            return value.Length == 0 ? null : value;
        }
    }
}
