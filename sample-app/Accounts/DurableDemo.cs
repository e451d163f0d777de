using System.Threading.Channels;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SampleApp.Workflows;
using StatesGen;
using StatesGen.Hosting;
using StatesGen.Sqlite;

namespace SampleApp.Accounts;

/// <summary>
/// The account application's review path survives a restart: executions live in a SQLite file (StatesGen.Sqlite), a
/// host stops while a review is pending, a new host on the same file resumes the execution, and the review is answered
/// through the store, as a web endpoint in any process would.
/// </summary>
internal static class DurableDemo
{
    private const string Name = "application-42";

    public static async Task RunAsync(SmokeChecks checks, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine("== Durable executions: a restart while a review is pending (StatesGen.Sqlite, StatesGen.Hosting) ==");
        var folder = Directory.CreateTempSubdirectory("statesgen-sample-");
        var file = Path.Combine(folder.FullName, "executions.db");
        Console.WriteLine($"Executions are kept in {file} (AddStatesGenSqliteStore).");
        var reviews = Channel.CreateUnbounded<ReviewRequest>();
        var input = JsonNode.Parse("""{ "application": { "id": "42", "name": "Uhura", "address": "NoStreetHere" } }""");
        try
        {
            string token;
            using (var host = BuildHost(file, reviews.Writer))
            {
                await host.StartAsync(cancellationToken);
                var machine = host.Services.GetRequiredService<AccountApplication>();
                _ = host.Services.GetRequiredService<DurableExecutionService>().Start(machine, input, Name);
                token = (await reviews.Reader.ReadAsync(cancellationToken)).TaskToken;
                Console.WriteLine($"1. Host 1 started execution {Name}; the address check flagged it, and it waits for a human review (task token {token[..12]}...).");
                await host.StopAsync(cancellationToken);
                Console.WriteLine("2. Host 1 stopped while the review was pending.");
            }
            using (var store = new SqliteExecutionStore("Data Source=" + file))
            {
                var stored = await store.GetExecutionAsync(AccountApplicationArn, Name, cancellationToken);
                Console.WriteLine($"   The store still has the execution: {stored?.Status}.");
                checks.Expect(stored?.Status == ExecutionStatus.Running, $"{Name} to stay running in the store while no host runs it");
            }
            using (var host = BuildHost(file, reviews.Writer))
            {
                // Starting the host resumes every unfinished execution of the registered machines.
                await host.StartAsync(cancellationToken);
                var again = await reviews.Reader.ReadAsync(cancellationToken);
                Console.WriteLine($"3. Host 2 started on the same file and resumed {Name}: the checks that had run were replayed, not run again, "
                    + $"and the review request was sent again with {(again.TaskToken == token ? "the same" : "a DIFFERENT")} task token.");
                checks.Expect(again.TaskToken == token, "the resumed review task to get the same task token");

                using (var endpoint = new SqliteExecutionStore("Data Source=" + file))
                    await endpoint.SendTaskSuccessAsync(token, new JsonObject { ["decision"] = "APPROVE" }, cancellationToken);
                Console.WriteLine("4. A web endpoint (here: another store on the same file) answered the review: SendTaskSuccessAsync(token, {\"decision\":\"APPROVE\"}).");

                var machine = host.Services.GetRequiredService<AccountApplication>();
                ExecutionResult? result;
                while ((result = await machine.DescribeExecutionAsync(Name, cancellationToken))?.Status == ExecutionStatus.Running)
                    await Task.Delay(50, cancellationToken);
                var status = (string?)result?.Output?["decision"]?["status"];
                Console.WriteLine($"5. The execution completed: {result?.Status}, decision {status}; its history has {result?.Events.Count} events, "
                    + $"{result?.Events.Count(e => e.Type == "ExecutionStarted")} ExecutionStarted, across both hosts.");
                checks.Expect(result?.Status == ExecutionStatus.Succeeded && status == "APPROVED", $"{Name} to be APPROVED after the restart");
                checks.Expect(result?.Events.Count(e => e.Type.EndsWith("Scheduled", StringComparison.Ordinal) && e.StateName == "Check Address") == 1,
                    "the address check to run once, not again after the restart");
                await host.StopAsync(cancellationToken);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private const string AccountApplicationArn = "arn:aws:states:local:000000000000:stateMachine:AccountApplication";

    private static IHost BuildHost(string file, ChannelWriter<ReviewRequest> reviews)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(reviews);
        builder.Services.AddStateMachine<AccountApplication, AccountApplication.ITasks, ApplicationHandlers>();
        builder.Services.AddStatesGenSqliteStore("Data Source=" + file);
        return builder.Build();
    }
}
