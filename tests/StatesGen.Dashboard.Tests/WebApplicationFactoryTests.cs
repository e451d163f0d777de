using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StatesGen.Dashboard.Tests.Workflows;

namespace StatesGen.Dashboard.Tests;

/// <summary>The dashboard in a host built by Microsoft.AspNetCore.Mvc.Testing's WebApplicationFactory, as an app's own tests would.</summary>
public sealed class DashboardFactory : WebApplicationFactory<DashboardFactory>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("statesgen-factory-").FullName;

    // The factory looks for the app's project folder beside the solution file; this host has no files to serve, so
    // its content root is the test output folder (the factory's documented setting for that).
    static DashboardFactory() => Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_STATESGEN_DASHBOARD_TESTS", AppContext.BaseDirectory);

    protected override IHostBuilder CreateHostBuilder() => Host.CreateDefaultBuilder().ConfigureWebHostDefaults(web => web
        .ConfigureServices(services =>
        {
            services.AddRouting();
            services.AddSingleton<ReviewInbox>();
            services.AddSingleton<PaymentService>();
            services.AddStateMachine<Charge, Charge.ITasks, ChargeTasks>();
            services.AddStatesGenSqliteStore("Data Source=" + Path.Combine(_directory, "executions.db"));
        })
        .Configure(app => app.UseRouting().UseEndpoints(endpoints => endpoints.MapStatesGenDashboard())));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

public sealed class WebApplicationFactoryTests
{
    [Fact]
    public async Task The_default_dashboard_serves_the_factorys_client_and_refuses_actions_without_antiforgery()
    {
        using var factory = new DashboardFactory();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var charge = (IStateMachine)factory.Services.GetRequiredService<Charge>();
        await charge.StartExecutionAsync(Json("""{ "amount": 5 }"""), "factory-run");

        var list = await client.GetStringAsync("/statesgen");
        Assert.Contains(">factory-run</a>", list);
        var (html, cookie, token) = await Forms.OpenAsync(client, "/statesgen/start");
        Assert.Contains("data-state=\"Charge Card\"", html);
        var fields = new[] { ("machine", charge.StateMachineArn), ("name", "factory-started"), ("input", "{}") };
        Assert.Equal(HttpStatusCode.BadRequest, (await Forms.PostAsync(client, "/statesgen/actions/start", cookie, null, fields)).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await Forms.PostAsync(client, "/statesgen/actions/start", cookie, token, fields)).StatusCode);
        await DashboardHost.WaitUntilAsync(async () =>
            (await factory.Services.GetRequiredService<IExecutionStore>().GetExecutionAsync(charge.StateMachineArn, "factory-started"))?.Status == ExecutionStatus.Succeeded);
    }

    private static System.Text.Json.Nodes.JsonNode? Json(string text) => System.Text.Json.Nodes.JsonNode.Parse(text);
}
