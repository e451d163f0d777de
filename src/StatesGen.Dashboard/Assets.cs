using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace StatesGen.Dashboard
{
    /// <summary>The stylesheet, script and icon, embedded in the assembly: nothing is fetched from elsewhere.</summary>
    internal static class Assets
    {
        private static readonly Lazy<byte[]> s_css = new(() => Read("dashboard.css"));
        private static readonly Lazy<byte[]> s_js = new(() => Read("dashboard.js"));
        private static readonly Lazy<byte[]> s_icon = new(() => Read("favicon.svg"));

        public static Task ServeAsync(DashboardRequest request)
        {
            var file = request.Http.Request.RouteValues["file"] as string;
            var (content, type) = file switch
            {
                "dashboard.css" => (s_css.Value, "text/css; charset=utf-8"),
                "dashboard.js" => (s_js.Value, "text/javascript; charset=utf-8"),
                "favicon.svg" => (s_icon.Value, "image/svg+xml"),
                _ => (null, null),
            };
            if (content is null)
            {
                request.Http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            request.Http.Response.ContentType = type;
            request.Http.Response.Headers.CacheControl = "public, max-age=3600";
            return request.Http.Response.Body.WriteAsync(content).AsTask();
        }

        private static byte[] Read(string name)
        {
            using var stream = typeof(Assets).Assembly.GetManifestResourceStream("StatesGen.Dashboard.Assets." + name)
                ?? throw new InvalidOperationException($"The embedded asset {name} is missing from StatesGen.Dashboard.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
