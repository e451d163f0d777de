using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SampleApp.Accounts;
using SampleApp.Fulfilment;
using SampleApp.Orders;
using SampleApp.Workflows;
using SampleApp.Workflows.Fulfilment;
using StatesGen;
using StatesGen.Hosting;

namespace SampleApp;

/// <summary>
/// <c>dotnet run --project sample-app -- --dashboard</c>: a web app with the StatesGen dashboard on
/// http://localhost:5000/statesgen (or ASPNETCORE_URLS), its executions in a SQLite file that survives restarts, and
/// account applications waiting for a human review: open one and click Approve (its output starts as
/// {"decision":"APPROVE"}; {"decision":"REJECT"} rejects the application). Runs until Ctrl+C.
/// </summary>
internal static class DashboardMode
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args.Where(a => a != "--dashboard").ToArray());
        if (Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is null) builder.WebHost.UseUrls("http://localhost:5000");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        var file = Path.Combine(Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "statesgen-sample")).FullName, "dashboard.db");
        // The review handler hands its token to a queue; here nobody reads it: the reviewer is whoever opens the dashboard.
        builder.Services.AddSingleton(Channel.CreateUnbounded<ReviewRequest>().Writer);
        builder.Services.AddStateMachine<AccountApplication, AccountApplication.ITasks, ApplicationHandlers>();
        builder.Services.AddStateMachine<OrderProcessing, OrderProcessing.ITasks, StoreOrderTasks>();
        // A parent that starts a child execution per order (nested executions): the dashboard links them.
        builder.Services.AddStateMachine<FulfilOrders, FulfilOrders.ITasks, FulfilmentTasks>();
        builder.Services.AddStateMachine<ShipOrder, ShipOrder.ITasks, FulfilmentTasks>();
        builder.Services.AddStatesGenSqliteStore("Data Source=" + file);
        var app = builder.Build();
        // Local requests only (the default); the Approve form starts with the sample's decision.
        app.MapStatesGenDashboard("/statesgen", new StatesGen.Dashboard.StatesGenDashboardOptions { DefaultTaskOutput = """{ "decision": "APPROVE" }""" });
        await app.StartAsync();

        // A few executions to look at; names are fixed, so a restart on the same file resumes them instead.
        var runs = app.Services.GetRequiredService<DurableExecutionService>();
        var store = app.Services.GetRequiredService<IExecutionStore>();
        var accounts = app.Services.GetRequiredService<AccountApplication>();
        var orders = app.Services.GetRequiredService<OrderProcessing>();
        var fulfilment = app.Services.GetRequiredService<FulfilOrders>();
        (IStateMachine Machine, string Name, string Input)[] seeds =
        [
            (accounts, "application-101", """{ "application": { "id": "101", "name": "Gabe", "address": "ABadAddress" } }"""),
            (accounts, "application-102", """{ "application": { "id": "102", "name": "Uhura", "address": "NoStreetHere" } }"""),
            (accounts, "application-103", """{ "application": { "id": "103", "name": "Spock", "address": "123 Enterprise Street" } }"""),
            (accounts, "application-104", """{ "application": { "id": "104", "name": "UNPROCESSABLE_DATA", "address": "123 Street" } }"""),
            (orders, "orders-1", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Workflows", "OrderProcessing.input.json"))),
            (fulfilment, "batch-1", FulfilmentDemo.Orders),
        ];
        foreach (var (machine, name, input) in seeds)
            if (await store.GetExecutionAsync(machine.StateMachineArn, name) is null)
                _ = runs.Start(machine, JsonNode.Parse(input), name);

        var address = app.Urls.FirstOrDefault() ?? "http://localhost:5000";
        Console.WriteLine($"StatesGen dashboard: {address.TrimEnd('/')}/statesgen (executions in {file}). Ctrl+C to stop.");
        Console.WriteLine("Applications 101 and 102 wait for a review: open one and click Approve (the output {\"decision\":\"REJECT\"} rejects the application).");
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>The typed face of the order simulator, for AddStateMachine.</summary>
    private sealed class StoreOrderTasks : OrderProcessing.ITasks
    {
        public ValueTask<JsonNode?> StoreOrderAsync(JsonNode? input, TaskContext context) =>
            StoreOrderSimulator.HandleAsync(context.Invocation, context.CancellationToken);
    }
}
