using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StatesGen.Durability.Tests.Workflows;
using StatesGen.Hosting;
using StatesGen.Sqlite;

namespace StatesGen.Durability.Tests;

/// <summary>
/// StatesGen.Hosting with a store: AddStatesGenSqliteStore registers the store, options that use it and
/// DurableExecutionService, which resumes unfinished executions when a host starts.
/// </summary>
public sealed class HostingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("statesgen-hosting-").FullName;
    private string ConnectionString => "Data Source=" + Path.Combine(_directory, "store.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private sealed class ApprovalTasks(Channel<string> asked, ConcurrentQueue<string> recorded) : Approval.ITasks
    {
        public async ValueTask<JsonNode?> AskAsync(JsonNode? input, TaskContext context)
        {
            await asked.Writer.WriteAsync(context.TaskToken!, context.CancellationToken);
            return null;
        }

        public ValueTask<JsonNode?> RecordAsync(JsonNode? input, TaskContext context)
        {
            recorded.Enqueue(input!["answer"]!.ToJsonString());
            return default;
        }
    }

    private IHost Build(Channel<string> asked, ConcurrentQueue<string> recorded)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(asked);
        builder.Services.AddSingleton(recorded);
        builder.Services.AddStateMachine<Approval, Approval.ITasks, ApprovalTasks>();
        builder.Services.AddStatesGenSqliteStore(ConnectionString);
        return builder.Build();
    }

    [Fact]
    public async Task A_new_host_resumes_the_executions_an_old_host_left_running()
    {
        var asked = Channel.CreateUnbounded<string>();
        var recorded = new ConcurrentQueue<string>();
        string token;
        using (var host = Build(asked, recorded))
        {
            await host.StartAsync();
            var service = host.Services.GetRequiredService<DurableExecutionService>();
            Assert.IsType<Approval>(Assert.Single(service.Machines));
            var machine = host.Services.GetRequiredService<Approval>();
            var run = service.Start(machine, JsonNode.Parse("""{"request":"new laptop"}"""), "laptop");
            token = await asked.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            await host.StopAsync();
            // Stopping the host stops the run, not the execution.
            Assert.Equal(ExecutionStatus.Running, (await run).Status);
        }

        using (var host = Build(asked, recorded))
        {
            await host.StartAsync();
            // The callback task was in flight: it is invoked again, with the same token.
            Assert.Equal(token, await asked.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
            await host.Services.GetRequiredService<IExecutionStore>().SendTaskSuccessAsync(token, JsonNode.Parse("""{"approved":true}"""));
            var machine = host.Services.GetRequiredService<Approval>();
            ExecutionResult? result;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((result = await machine.DescribeExecutionAsync("laptop"))!.Status == ExecutionStatus.Running && DateTime.UtcNow < deadline)
                await Task.Delay(20);
            Assert.Equal(ExecutionStatus.Succeeded, result.Status);
            Assert.Equal(["""{"approved":true}"""], recorded);
            await host.StopAsync();
        }
    }
}
