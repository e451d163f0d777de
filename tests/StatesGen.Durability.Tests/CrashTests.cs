using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using StatesGen.Sqlite;
using StatesGen.Sqlite.Tests;

namespace StatesGen.Durability.Tests;

[CollectionDefinition(nameof(CrashTests), DisableParallelization = true)]
public sealed class CrashCollection
{
}

/// <summary>
/// Crash tests with real processes: a child process (this assembly, see <see cref="Program"/>) runs the Crash workflow
/// on a SQLite file and is killed with SIGKILL at a chosen point; a new process resumes the execution. The output must
/// equal an uninterrupted run's, no task whose outcome was recorded may run again, a task in flight at the kill runs
/// again with the same idempotency key, token and input, and the clock reads and random values keep their values.
/// </summary>
[Collection(nameof(CrashTests))]
public sealed class CrashTests : IDisposable
{
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromSeconds(60);
    private static readonly string[] s_stampFields = ["id", "entered", "started", "lucky"];

    private readonly string _directory = Directory.CreateTempSubdirectory("statesgen-crash-").FullName;
    private string File => Path.Combine(_directory, "store.db");
    private string Log => Path.Combine(_directory, "invocations.log");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private ChildProcess Run(string name, string mode, string slow = "-", string answer = "self") =>
        new("run", File, name, Log, mode, slow, answer);

    /// <summary>Reads the child's lines until the <paramref name="occurrence"/>th one equal to <paramref name="marker"/>.</summary>
    private static async Task WaitForAsync(ChildProcess child, string marker, int occurrence)
    {
        int seen = 0;
        while (true)
        {
            var line = (await child.ReadLineAsync(ChildTimeout)).TrimEnd();
            if (line.StartsWith("result ", StringComparison.Ordinal) || line.StartsWith("exception ", StringComparison.Ordinal))
                throw new Xunit.Sdk.XunitException($"The child ended before '{marker}': {line}");
            if (line == marker && ++seen == occurrence) return;
        }
    }

    private static async Task<JsonObject> ResultAsync(ChildProcess child)
    {
        while (true)
        {
            var line = await child.ReadLineAsync(ChildTimeout);
            if (line.StartsWith("exception ", StringComparison.Ordinal)) throw new Xunit.Sdk.XunitException("The child failed: " + line);
            if (line.StartsWith("result ", StringComparison.Ordinal))
            {
                Assert.Equal(0, await child.WaitForExitAsync(ChildTimeout));
                return JsonNode.Parse(line["result ".Length..])!.AsObject();
            }
        }
    }

    private List<JsonObject> Invocations() => System.IO.File.Exists(Log)
        ? System.IO.File.ReadAllLines(Log).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList()
        : [];

    /// <summary>The output without the values that differ between executions (a UUID, times, a random number).</summary>
    private static JsonNode WithoutStamp(JsonNode output)
    {
        var copy = output.DeepClone().AsObject();
        foreach (var field in s_stampFields) copy.Remove(field);
        return copy;
    }

    // One uninterrupted run of the workflow, shared by the cases (in a folder of its own).
    private static readonly Lazy<Task<JsonNode>> s_uninterrupted = new(async () =>
    {
        var directory = Directory.CreateTempSubdirectory("statesgen-crash-baseline-").FullName;
        try
        {
            using var child = new ChildProcess("run", Path.Combine(directory, "store.db"), "uninterrupted", Path.Combine(directory, "log"), "start", "-", "self");
            var result = await ResultAsync(child);
            Assert.Equal("Succeeded", (string?)result["status"]);
            return WithoutStamp(result["output"]!);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    });

    // Idempotency keys are derived from the execution id and the journal key (DurableRun.IdempotencyKey); the test
    // derives the keys of the recorded tasks the same way to tell recorded tasks from tasks in flight.
    private static string KeyOf(string name, string journalKey) => Convert.ToHexString(SHA256.HashData(
        Encoding.UTF8.GetBytes("arn:aws:states:local:000000000000:execution:Crash:" + name + "\n" + journalKey)), 0, 16).ToLowerInvariant();

    private async Task<HashSet<string>> RecordedTaskKeysAsync(string name)
    {
        using var store = new SqliteExecutionStore("Data Source=" + File);
        var record = await store.GetExecutionAsync("arn:aws:states:local:000000000000:stateMachine:Crash", name);
        Assert.NotNull(record);
        Assert.Equal(ExecutionStatus.Running, record.Status);
        var journal = await store.ReadJournalAsync(record.Id);
        return journal.Where(e => e.Key.EndsWith(":task", StringComparison.Ordinal)).Select(e => KeyOf(name, e.Key)).ToHashSet();
    }

    [Theory]
    [InlineData("during-a-task", "event TaskStarted Charge", 1, 300, "Charge")]
    [InlineData("during-a-wait", "event WaitStateEntered Pause", 1, 400, "-")]
    [InlineData("during-a-retry-backoff", "event TaskFailed Flaky", 1, 400, "-")]
    [InlineData("in-the-middle-of-a-map", "event MapIterationSucceeded Items 2", 1, 0, "-")]
    [InlineData("in-the-middle-of-a-parallel", "event TaskStarted Left", 1, 200, "Left,Right")]
    [InlineData("while-waiting-for-a-callback", "invoked Review", 1, 300, "-")]
    public async Task A_killed_execution_resumes_in_a_new_process_as_if_nothing_happened(string point, string marker, int occurrence, int delayMs, string slow)
    {
        var expected = await s_uninterrupted.Value;
        var name = point;
        bool callback = point == "while-waiting-for-a-callback";
        using (var first = Run(name, "start", slow, callback ? "none" : "self"))
        {
            await WaitForAsync(first, marker, occurrence);
            await Task.Delay(delayMs);
            first.Kill();
        }
        var beforeCrash = Invocations();
        var recorded = await RecordedTaskKeysAsync(name);
        int firstPid = beforeCrash[0]["pid"]!.GetValue<int>();
        Assert.All(beforeCrash, i => Assert.Equal(firstPid, i["pid"]!.GetValue<int>()));

        if (callback)
        {
            // The callback is answered from this (third) process while nothing runs the execution.
            var token = (string)beforeCrash.Single(i => (string?)i["state"] == "Review")["token"]!;
            using var endpoint = new SqliteExecutionStore("Data Source=" + File);
            await endpoint.SendTaskSuccessAsync(token, JsonNode.Parse("""{"approved":true}"""));
        }

        JsonObject result;
        using (var second = Run(name, "resume"))
            result = await ResultAsync(second);
        Assert.Equal("Succeeded", (string?)result["status"]);
        var output = result["output"]!;
        Assert.True(JsonNode.DeepEquals(expected, WithoutStamp(output)), $"expected {expected.ToJsonString()}, got {output.ToJsonString()}");

        var afterCrash = Invocations().Skip(beforeCrash.Count).ToList();
        // No task whose outcome was recorded ran again.
        Assert.DoesNotContain(afterCrash, i => recorded.Contains((string)i["key"]!));
        // A task in flight at the kill ran again with the same key, token and input (a callback answered meanwhile did not).
        foreach (var inFlight in beforeCrash.Where(i => !recorded.Contains((string)i["key"]!)))
        {
            if (callback && (string?)inFlight["state"] == "Review") continue;
            var again = afterCrash.Single(i => (string?)i["key"] == (string?)inFlight["key"]);
            Assert.Equal((string?)inFlight["token"], (string?)again["token"]);
            Assert.True(JsonNode.DeepEquals(inFlight["input"], again["input"]), $"{inFlight["input"]} vs {again["input"]}");
        }
        Assert.Equal(afterCrash.Count, afterCrash.Select(i => (string)i["key"]!).Distinct().Count());
        if (callback) Assert.DoesNotContain(afterCrash, i => (string?)i["state"] == "Review");
        // The UUID, the random number and the $$ times are those the first process produced (Charge saw them).
        var stampSeen = beforeCrash.First(i => (string?)i["state"] == "Charge")["input"]!["stamp"]!;
        foreach (var field in s_stampFields) Assert.True(JsonNode.DeepEquals(stampSeen[field], output[field]), $"{field}: {stampSeen[field]} vs {output[field]}");
        // Every task ran: those of the first process that were recorded, and the rest after the crash.
        // Charge, Flaky twice (a retry), six items, two branches, Review.
        Assert.Equal(12, beforeCrash.Select(i => (string)i["key"]!).Concat(afterCrash.Select(i => (string)i["key"]!)).Distinct().Count());
    }

    [Fact]
    public async Task A_parent_killed_while_its_nested_child_runs_reattaches_to_that_child_in_a_new_process()
    {
        // The parent ships three orders one after the other, each by a ShipOne child execution; Pack takes 3 s. The
        // process dies while the second child's Pack runs.
        using (var first = new ChildProcess("nested", File, "ship", Log, "start"))
        {
            await WaitForAsync(first, "invoked Pack", 2);
            await Task.Delay(300);
            first.Kill();
        }
        var beforeCrash = Invocations();
        Assert.Equal(["Pack", "Label", "Pack"], beforeCrash.Select(i => (string)i["state"]!));
        JsonObject result;
        using (var second = new ChildProcess("nested", File, "ship", Log, "resume"))
            result = await ResultAsync(second);
        Assert.Equal("Succeeded", (string?)result["status"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            [ { "id": 1, "box": { "box": "box-1" }, "label": "label-1" },
              { "id": 2, "box": { "box": "box-2" }, "label": "label-2" },
              { "id": 3, "box": { "box": "box-3" }, "label": "label-3" } ]
            """), result["output"]), result["output"]!.ToJsonString());
        // The first child was not run again, the second was resumed (its Pack invoked again with the same key), the third
        // started: three child executions, each task of each child recorded once.
        var afterCrash = Invocations().Skip(beforeCrash.Count).ToList();
        Assert.Equal(["Pack", "Label", "Pack", "Label"], afterCrash.Select(i => (string)i["state"]!));
        Assert.Equal((string?)beforeCrash[2]["key"], (string?)afterCrash[0]["key"]);
        using var store = new SqliteExecutionStore("Data Source=" + File);
        var children = await store.ListExecutionsAsync(new StatesGen.Durability.ExecutionQuery { StateMachine = "arn:aws:states:local:000000000000:stateMachine:ShipOne" });
        Assert.Equal(3, children.Executions.Count);
        Assert.All(children.Executions, c => Assert.Equal(ExecutionStatus.Succeeded, c.Status));
    }

    [Fact]
    public async Task Two_processes_racing_to_resume_one_execution_run_each_task_once()
    {
        using (var first = Run("race", "start"))
        {
            await WaitForAsync(first, "event MapIterationSucceeded Items 1", 1);
            first.Kill();
        }
        var beforeCrash = Invocations().Count;
        using var a = Run("race", "resume");
        using var b = Run("race", "resume");
        var resultA = await ResultAsync(a);
        var resultB = await ResultAsync(b);
        // One resumed it (after the dead process's lease expired); the other waited for the lease and found it finished.
        Assert.Equal("Succeeded", (string?)resultA["status"]);
        Assert.Equal("Succeeded", (string?)resultB["status"]);
        Assert.True(JsonNode.DeepEquals(resultA["output"], resultB["output"]));
        var afterCrash = Invocations().Skip(beforeCrash).ToList();
        Assert.Single(afterCrash.Select(i => i["pid"]!.GetValue<int>()).Distinct());
        Assert.Equal(afterCrash.Count, afterCrash.Select(i => (string)i["key"]!).Distinct().Count());
    }
}
