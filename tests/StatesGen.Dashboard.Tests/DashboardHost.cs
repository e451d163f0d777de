using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StatesGen.Dashboard.Tests.Workflows;
using StatesGen.Durability;
using StatesGen.Hosting;

namespace StatesGen.Dashboard.Tests;

/// <summary>Tells the test which review tokens the Pending Review task handed out.</summary>
public sealed class ReviewInbox
{
    public Channel<(string Id, string Token)> Requests { get; } = Channel.CreateUnbounded<(string, string)>();
}

/// <summary>The payment service of Charge.asl.json: it fails while it is down.</summary>
public sealed class PaymentService
{
    public volatile bool Down;
}

public sealed class ApplicationTasks(ReviewInbox inbox) : AccountApplication.ITasks
{
    public ValueTask<JsonNode?> CheckNameAsync(JsonNode? input, TaskContext context)
    {
        var name = (string?)input?["data"]?["name"] ?? "";
        if (name.Contains("UNPROCESSABLE", StringComparison.Ordinal)) throw new StatesException("UnprocessableDataException", "The name cannot be checked.");
        return ValueTask.FromResult<JsonNode?>(new JsonObject { ["flagged"] = false });
    }

    public ValueTask<JsonNode?> CheckAddressAsync(JsonNode? input, TaskContext context) =>
        ValueTask.FromResult<JsonNode?>(new JsonObject { ["flagged"] = !Regex.IsMatch((string?)input?["data"]?["address"] ?? "", @"^\d+ \w+") });

    public async ValueTask<JsonNode?> PendingReviewAsync(JsonNode? input, TaskContext context)
    {
        await inbox.Requests.Writer.WriteAsync(((string?)input?["Payload"]?["id"] ?? "?", context.TaskToken!), context.CancellationToken);
        return null; // wait for SendTaskSuccess or SendTaskFailure
    }

    public ValueTask<JsonNode?> ApproveApplicationAsync(JsonNode? input, TaskContext context) => ValueTask.FromResult<JsonNode?>(new JsonObject { ["status"] = "APPROVED" });
    public ValueTask<JsonNode?> RejectApplicationAsync(JsonNode? input, TaskContext context) => ValueTask.FromResult<JsonNode?>(new JsonObject { ["status"] = "REJECTED" });
    public ValueTask<JsonNode?> FlagApplicationAsUnprocessableAsync(JsonNode? input, TaskContext context) => ValueTask.FromResult<JsonNode?>(new JsonObject { ["status"] = "FLAGGED" });
}

public sealed class ShippingTasks : ShipOrders.ITasks
{
    public async ValueTask<JsonNode?> ShipOrderAsync(JsonNode? input, TaskContext context)
    {
        await Task.Delay((int?)input?["ms"] ?? 10, context.CancellationToken);
        if ((bool?)input?["outOfStock"] == true) throw new StatesException("OutOfStock", $"Order {input?["id"]} is out of stock.");
        return new JsonObject { ["id"] = input?["id"]?.DeepClone(), ["shipped"] = true };
    }
}

public sealed class ChargeTasks(PaymentService payments) : Charge.ITasks
{
    public ValueTask<JsonNode?> ChargeCardAsync(JsonNode? input, TaskContext context) =>
        payments.Down ? throw new StatesException("PaymentServiceDown", "The payment service did not answer.")
                      : ValueTask.FromResult<JsonNode?>(new JsonObject { ["charged"] = true });
}

/// <summary>
/// Billing (and BillMany, per item) starts Charge as a nested execution, whose Task state it handles with the same object.
/// </summary>
public sealed class BillingTasks(PaymentService payments) : Billing.ITasks, BillMany.ITasks, Charge.ITasks
{
    private readonly ChargeTasks _charge = new(payments);

    public ValueTask<JsonNode?> RunChargeAsync(JsonNode? input, TaskContext context) =>
        throw new InvalidOperationException("Run Charge starts the Charge definition of this project in-process.");

    public ValueTask<JsonNode?> ChargeCardAsync(JsonNode? input, TaskContext context) => _charge.ChargeCardAsync(input, context);
}

/// <summary>FanOut has no Task state.</summary>
public sealed class FanOutTasks : FanOut.ITasks
{
}

/// <summary>
/// An ASP.NET Core app with the six test machines, a SQLite store in a temporary file and the dashboard at
/// /statesgen: on a TestServer (requests carry the remote address of the X-Test-Remote header, loopback by default)
/// or on Kestrel at 127.0.0.1 on a free port, for the browser.
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly string _directory;

    private DashboardHost(WebApplication app, string directory)
    {
        App = app;
        _directory = directory;
    }

    public WebApplication App { get; }

    /// <summary>The SQLite file of the store.</summary>
    public string DatabasePath => Path.Combine(_directory, "executions.db");
    public IServiceProvider Services => App.Services;
    public IExecutionStore Store => Services.GetRequiredService<IExecutionStore>();
    public ReviewInbox Reviews => Services.GetRequiredService<ReviewInbox>();
    public PaymentService Payments => Services.GetRequiredService<PaymentService>();
    public DurableExecutionService Runs => Services.GetRequiredService<DurableExecutionService>();
    public IStateMachine Machine<T>() where T : IStateMachine => Services.GetRequiredService<T>();

    /// <summary>The Kestrel address, such as http://127.0.0.1:41234 (Kestrel hosts only).</summary>
    public string BaseUrl { get; private set; } = "";

    public HttpClient CreateClient() => App.GetTestClient();

    public static async Task<DashboardHost> StartAsync(bool kestrel = false, StatesGenDashboardOptions? options = null,
        Action<IServiceCollection>? services = null, Action<WebApplication>? pipeline = null, bool fakeRemoteAddress = true)
    {
        var directory = Directory.CreateTempSubdirectory("statesgen-dashboard-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (kestrel) builder.WebHost.UseUrls("http://127.0.0.1:0");
        else builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<ReviewInbox>();
        builder.Services.AddSingleton<PaymentService>();
        builder.Services.AddStateMachine<AccountApplication, AccountApplication.ITasks, ApplicationTasks>();
        builder.Services.AddStateMachine<ShipOrders, ShipOrders.ITasks, ShippingTasks>();
        builder.Services.AddStateMachine<Charge, Charge.ITasks, ChargeTasks>();
        builder.Services.AddStateMachine<Billing, Billing.ITasks, BillingTasks>();
        builder.Services.AddStateMachine<BillMany, BillMany.ITasks, BillingTasks>();
        builder.Services.AddStateMachine<FanOut, FanOut.ITasks, FanOutTasks>();
        builder.Services.AddStatesGenSqliteStore("Data Source=" + Path.Combine(directory, "executions.db"));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        if (!kestrel && fakeRemoteAddress)
            app.Use((http, next) =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse(http.Request.Headers["X-Test-Remote"] is { Count: > 0 } remote ? remote.ToString() : "127.0.0.1");
                return next(http);
            });
        pipeline?.Invoke(app);
        if (options is null) app.MapStatesGenDashboard();
        else app.MapStatesGenDashboard("/statesgen", options);
        await app.StartAsync();
        var host = new DashboardHost(app, directory);
        if (kestrel)
            host.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return host;
    }

    /// <summary>Starts an execution in the background and waits until the store has it.</summary>
    public async Task<Task<ExecutionResult>> StartAsync(IStateMachine machine, string input, string name)
    {
        var run = Runs.Start(machine, JsonNode.Parse(input), name);
        await WaitUntilAsync(async () => run.IsCompleted || await Store.GetExecutionAsync(machine.StateMachineArn, name) is not null);
        return run;
    }

    /// <summary>
    /// Starts the account application "application-<paramref name="id"/>" and waits until its human review has received
    /// its task token: the machine and the token.
    /// </summary>
    public async Task<(IStateMachine Accounts, string Token)> StartReviewAsync(string id, string address = "ABadAddress")
    {
        var accounts = Machine<AccountApplication>();
        await StartAsync(accounts, $$"""{ "application": { "id": "{{id}}", "name": "Gabe", "address": "{{address}}" } }""", "application-" + id);
        var (_, token) = await Reviews.Requests.Reader.ReadAsync();
        return (accounts, token);
    }

    public async Task<ExecutionRecord> WaitForStatusAsync(IStateMachine machine, string name, ExecutionStatus status)
    {
        ExecutionRecord? record = null;
        await WaitUntilAsync(async () => (record = await Store.GetExecutionAsync(machine.StateMachineArn, name))?.Status == status,
            $"{name} to be {status}, it is {record?.Status.ToString() ?? "unknown"}");
        return record!;
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string? what = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Timed out waiting for " + (what ?? "a condition"));
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
