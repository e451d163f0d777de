using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace StatesGen.Dashboard.Tests;

/// <summary>Local requests only by default; a function or an authorization policy instead when configured.</summary>
public sealed class AuthorizationTests
{
    private static HttpRequestMessage Get(string url, string remote)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Test-Remote", remote);
        return request;
    }

    [Theory]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("::1", HttpStatusCode.OK)]
    [InlineData("::ffff:127.0.0.1", HttpStatusCode.OK)]
    [InlineData("10.1.2.3", HttpStatusCode.Forbidden)]
    [InlineData("203.0.113.9", HttpStatusCode.Forbidden)]
    public async Task By_default_only_local_requests_are_served(string remote, HttpStatusCode expected)
    {
        await using var host = await DashboardHost.StartAsync();
        var client = host.CreateClient();
        foreach (var url in new[] { "/statesgen", "/statesgen/start", "/statesgen/assets/dashboard.js", "/statesgen/execution?machine=a&name=b" })
            Assert.Equal(expected == HttpStatusCode.OK && url.Contains("execution") ? HttpStatusCode.NotFound : expected, (await client.SendAsync(Get(url, remote))).StatusCode);
        // Actions too, before their antiforgery check.
        var post = new HttpRequestMessage(HttpMethod.Post, "/statesgen/actions/stop") { Content = new FormUrlEncodedContent(new Dictionary<string, string>()) };
        post.Headers.Add("X-Test-Remote", remote);
        Assert.Equal(expected == HttpStatusCode.OK ? HttpStatusCode.BadRequest : expected, (await client.SendAsync(post)).StatusCode);
    }

    [Fact]
    public async Task In_memory_test_server_requests_have_no_remote_address_and_count_as_local()
    {
        await using var host = await DashboardHost.StartAsync(fakeRemoteAddress: false);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient().GetAsync("/statesgen")).StatusCode);
    }

    [Fact]
    public async Task A_request_without_a_remote_address_on_a_real_server_is_not_local()
    {
        // Kestrel on a Unix socket, say: no remote address says nothing about where the request came from.
        await using var host = await DashboardHost.StartAsync(kestrel: true, pipeline: app => app.Use((http, next) =>
        {
            http.Connection.RemoteIpAddress = null;
            return next(http);
        }));
        using var client = new HttpClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(host.BaseUrl + "/statesgen")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(host.BaseUrl + "/statesgen/assets/dashboard.css")).StatusCode);
    }

    [Fact]
    public async Task A_real_loopback_request_is_served()
    {
        await using var host = await DashboardHost.StartAsync(kestrel: true);
        using var client = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(host.BaseUrl + "/statesgen")).StatusCode);
    }

    [Fact]
    public async Task An_authorize_function_replaces_the_local_only_default()
    {
        var options = new StatesGenDashboardOptions { Authorize = http => http.Request.Headers["X-Operator"] == "yes" };
        await using var host = await DashboardHost.StartAsync(options: options);
        var client = host.CreateClient();
        var remote = Get("/statesgen", "10.1.2.3");
        remote.Headers.Add("X-Operator", "yes");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(remote)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(Get("/statesgen", "127.0.0.1"))).StatusCode);
    }

    [Fact]
    public async Task An_authorization_policy_replaces_the_local_only_default()
    {
        var options = new StatesGenDashboardOptions { AuthorizationPolicy = "operators" };
        await using var host = await DashboardHost.StartAsync(options: options,
            services: s => s.AddAuthorization(o => o.AddPolicy("operators", p => p.RequireClaim("role", "operator"))),
            pipeline: app => app.Use((http, next) =>
            {
                // A stand-in for authentication: the X-Test-User header becomes the user, with its role.
                if (http.Request.Headers["X-Test-User"] is { Count: > 0 } user)
                    http.User = new ClaimsPrincipal(new ClaimsIdentity(new[] { new Claim("name", user.ToString()), new Claim("role", user.ToString() == "ops" ? "operator" : "viewer") }, "test"));
                return next(http);
            }));
        var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Get("/statesgen", "127.0.0.1"))).StatusCode);
        var viewer = Get("/statesgen", "10.1.2.3");
        viewer.Headers.Add("X-Test-User", "someone");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(viewer)).StatusCode);
        var operatorRequest = Get("/statesgen", "10.1.2.3");
        operatorRequest.Headers.Add("X-Test-User", "ops");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(operatorRequest)).StatusCode);
    }
}
