using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace StatesGen.Dashboard
{
    /// <summary>The frame of every page: header, navigation, the one stylesheet and the one script.</summary>
    internal static class Layout
    {
        public static Task WriteAsync(DashboardRequest request, string title, Html body, int statusCode = StatusCodes.Status200OK)
        {
            var page = new Html();
            page.Raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .Raw("<title>").Text(title).Raw(" · ").Text(request.Dashboard.Options.Title).Raw("</title>")
                .Raw("<link rel=\"stylesheet\"").Attr("href", request.Base + "/assets/dashboard.css").Raw(">")
                .Raw("<link rel=\"icon\" type=\"image/svg+xml\"").Attr("href", request.Base + "/assets/favicon.svg").Raw(">")
                .Raw("<script defer").Attr("src", request.Base + "/assets/dashboard.js").Raw("></script>")
                .Raw("</head><body><header><a class=\"brand\"").Attr("href", request.Base + "/").Raw(">").Text(request.Dashboard.Options.Title).Raw("</a>")
                .Raw("<nav><a").Attr("href", request.Base + "/").Raw(">Executions</a><a").Attr("href", request.Base + "/start").Raw(">Start an execution</a></nav></header><main>")
                .Raw(body.ToString())
                .Raw("</main></body></html>");
            request.Http.Response.StatusCode = statusCode;
            request.Http.Response.ContentType = "text/html; charset=utf-8";
            return request.Http.Response.WriteAsync(page.ToString());
        }

        /// <summary>A page that says what went wrong, in words a user can act on.</summary>
        public static Task ErrorAsync(DashboardRequest request, int statusCode, string title, string message)
        {
            var body = new Html().Element("h1", title).Raw("<p class=\"error\" role=\"alert\">").Text(message).Raw("</p>")
                .Raw("<p><a").Attr("href", request.Base + "/").Raw(">Back to the executions</a></p>");
            return WriteAsync(request, title, body, statusCode);
        }
    }
}
