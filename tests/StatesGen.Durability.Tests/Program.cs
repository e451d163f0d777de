using System.Globalization;
using System.Text.Json.Nodes;
using StatesGen.Durability.Tests.Workflows;
using StatesGen.Sqlite;

namespace StatesGen.Durability.Tests;

/// <summary>
/// The child process of the crash tests: this test assembly run again with <c>dotnet exec</c>. The test host never calls
/// Main. It runs or resumes one execution of the generated <see cref="Crash"/> machine on a SQLite file, prints every
/// history event as it happens (so the parent can kill it at a chosen point), appends every task invocation to a log
/// file, and prints the outcome.
/// </summary>
public static class Program
{
    // run <file> <name> <log> <start|resume> <slow states, comma-separated, or -> <self|none: who answers the review>
    public static async Task<int> Main(string[] args)
    {
        try
        {
            if (args.Length == 5 && args[0] == "nested") return await NestedAsync(args[1], args[2], args[3], args[4]);
            if (args.Length != 7 || args[0] != "run")
            {
                Console.Error.WriteLine("usage: run <file> <name> <log> <start|resume> <slow states|-> <self|none>");
                return 2;
            }
            string file = args[1], name = args[2], log = args[3], mode = args[4];
            var slow = args[5] == "-" ? new HashSet<string>() : new HashSet<string>(args[5].Split(','));
            bool answerSelf = args[6] == "self";
            using var store = new SqliteExecutionStore("Data Source=" + file);
            var machine = new Crash(new CrashTasks(store, log, slow, answerSelf).HandleAsync, new StateMachineOptions
            {
                Store = store,
                Observer = new PrintingObserver(),
                LeaseDuration = TimeSpan.FromSeconds(2),
            });
            var result = mode == "start"
                ? await machine.StartExecutionAsync(JsonNode.Parse("""{"amount":42,"items":[1,2,3,4,5,6]}"""), name)
                : await machine.ResumeExecutionAsync(name);
            var outcome = new JsonObject
            {
                ["status"] = result.Status.ToString(),
                ["output"] = result.Output?.DeepClone(),
                ["error"] = result.Error,
                ["cause"] = result.Cause,
                ["events"] = result.Events.Count,
            };
            Console.WriteLine("result " + outcome.ToJsonString());
            return 0;
        }
        catch (Exception e)
        {
            Console.WriteLine("exception " + e.GetType().Name + ": " + e.Message.ReplaceLineEndings(" "));
            return 1;
        }
    }

    // nested <file> <name> <log> <start|resume>: the Shipping parent, whose children (ShipOne) run in this process too.
    private static async Task<int> NestedAsync(string file, string name, string log, string mode)
    {
        using var store = new SqliteExecutionStore("Data Source=" + file);
        var machine = new Shipping(new CrashTasks(store, log, new HashSet<string> { "Pack" }, answerSelf: false).HandleAsync, new StateMachineOptions
        {
            Store = store,
            Observer = new PrintingObserver(),
            LeaseDuration = TimeSpan.FromSeconds(2),
        });
        var result = mode == "start"
            ? await machine.StartExecutionAsync(JsonNode.Parse("""{"orders":[{"id":1},{"id":2},{"id":3}]}"""), name)
            : await machine.ResumeExecutionAsync(name);
        var outcome = new JsonObject { ["status"] = result.Status.ToString(), ["output"] = result.Output?.DeepClone(), ["error"] = result.Error };
        Console.WriteLine("result " + outcome.ToJsonString());
        return 0;
    }

    private sealed class PrintingObserver : IExecutionObserver
    {
        public void OnEvent(string executionName, ExecutionEvent e) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"event {e.Type} {e.StateName} {e.Index}"));
    }
}

/// <summary>The Task states of the crash workflow: deterministic results, a flaky first attempt, a callback.</summary>
internal sealed class CrashTasks(SqliteExecutionStore store, string log, HashSet<string> slow, bool answerSelf)
{
    private static readonly object s_logGate = new();

    public async ValueTask<JsonNode?> HandleAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var line = new JsonObject
        {
            ["pid"] = Environment.ProcessId,
            ["state"] = invocation.StateName,
            ["key"] = invocation.IdempotencyKey,
            ["token"] = invocation.TaskToken,
            ["retry"] = invocation.RetryCount,
            ["input"] = invocation.Input?.DeepClone(),
        };
        lock (s_logGate) File.AppendAllText(log, line.ToJsonString() + "\n");
        Console.WriteLine("invoked " + invocation.StateName);
        if (slow.Contains(invocation.StateName)) await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        switch (invocation.StateName)
        {
            case "Charge":
                return new JsonObject { ["charged"] = invocation.Input!["amount"]!.DeepClone() };
            case "Flaky":
                if (invocation.RetryCount == 0) throw new StatesException("Flaky.Busy", "Try again later.");
                return "steady";
            case "Item":
                await Task.Delay(100, cancellationToken);
                return invocation.Input!.GetValue<int>() * 10;
            case "Pack":
                return new JsonObject { ["box"] = "box-" + invocation.Input!["id"] };
            case "Label":
                return "label-" + invocation.Input!["id"];
            case "Review":
                if (answerSelf) _ = AnswerLaterAsync(invocation.TaskToken!);
                return null;
            default:
                return invocation.StateName.ToLowerInvariant();
        }
    }

    private async Task AnswerLaterAsync(string token)
    {
        await Task.Delay(500);
        await store.SendTaskSuccessAsync(token, JsonNode.Parse("""{"approved":true}"""));
    }
}
