using StatesGen.Testing;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace StatesGen.Tests.Infrastructure;

/// <summary>The test helpers are code too: these pin down the behaviour the generator tests rely on.</summary>
public sealed class InfrastructureTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("statesgen-infra-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void SnapshotMismatchWritesReceivedFileAndShowsDiff()
    {
        var verified = Path.Combine(_scratch, "Snapshots", "T.M.verified.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(verified)!);
        File.WriteAllText(verified, "one\ntwo\nthree\n");

        var failure = Assert.ThrowsAny<XunitException>(() => Snapshot.MatchFile("one\nTWO\nthree", verified, accept: false));

        var received = Path.Combine(_scratch, "Snapshots", "T.M.received.txt");
        Assert.Equal("one\nTWO\nthree\n", File.ReadAllText(received));
        Assert.Contains("- two", failure.Message);
        Assert.Contains("+ TWO", failure.Message);
        Assert.Equal("one\ntwo\nthree\n", File.ReadAllText(verified));
    }

    [Fact]
    public void SnapshotMatchIgnoresLineEndingsAndRemovesStaleReceivedFile()
    {
        var verified = Path.Combine(_scratch, "T.M.verified.txt");
        File.WriteAllText(verified, "a\r\nb\r\n\r\n");
        File.WriteAllText(Path.Combine(_scratch, "T.M.received.txt"), "old");

        Snapshot.MatchFile("a\nb", verified, accept: false);

        Assert.False(File.Exists(Path.Combine(_scratch, "T.M.received.txt")));
    }

    [Fact]
    public void SnapshotAcceptWritesVerifiedFile()
    {
        var verified = Path.Combine(_scratch, "New", "T.M.verified.txt");
        Assert.ThrowsAny<XunitException>(() => Snapshot.MatchFile("x", verified, accept: false));

        Snapshot.MatchFile("x", verified, accept: true);

        Assert.Equal("x\n", File.ReadAllText(verified));
        Assert.False(File.Exists(Path.Combine(_scratch, "New", "T.M.received.txt")));
    }

    [Fact]
    public async Task FakeTimeFiresTimersOnlyWhenAdvanced()
    {
        var time = new ManualTimeProvider();
        var delay = Task.Delay(TimeSpan.FromSeconds(10), time);
        var fired = new List<int>();
        using var second = time.CreateTimer(_ => fired.Add(2), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        using var first = time.CreateTimer(_ => fired.Add(1), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(delay.IsCompleted);
        Assert.Equal([1, 2], fired);

        time.Advance(TimeSpan.FromSeconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(ManualTimeProvider.DefaultStart.AddSeconds(10), time.GetUtcNow());
        Assert.Equal(0, time.PendingTimers);
    }

    [Fact]
    public async Task FakeTimeCancelsTokenSourcesAndDropsCancelledDelays()
    {
        var time = new ManualTimeProvider();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
        using var cancel = new CancellationTokenSource();
        var cancelled = Task.Delay(TimeSpan.FromSeconds(3), time, cancel.Token);

        await cancel.CancelAsync();
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(timeout.IsCancellationRequested);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(0, time.PendingTimers);
    }

    [Fact]
    public async Task FakeTimeAutoAdvanceCompletesDelaysAtOnceAndCountsTheirTime()
    {
        var time = new ManualTimeProvider(autoAdvance: true);

        await Task.Delay(TimeSpan.FromHours(2), time).WaitAsync(TimeSpan.FromSeconds(5));
        // One after the other: two delays created together may each move the clock from wherever the other left it
        // (the advance runs on the thread pool, soon after the timer is made), so only a sequence has one answer.
        await Task.Delay(TimeSpan.FromSeconds(3), time).WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(TimeSpan.FromSeconds(5), time).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(8), time.Elapsed);
        // A timeout far away (a Task's default TimeoutSeconds) must not be reached by itself.
        using var timeout = new CancellationTokenSource(TimeSpan.FromDays(30), time);
        await Task.Delay(50);
        Assert.False(timeout.IsCancellationRequested);
    }

    [Fact]
    public async Task AutoAdvancingClockMovesOnlyWhenTheExecutionDoesNothingButWait()
    {
        var start = ManualTimeProvider.DefaultStart;
        // The clock also moves once the pool has held queued work for 250 ms with nothing changing (the pool is shared
        // with every test running beside this one): a pool starved for that long under CI load can hold this flow's own
        // continuation. An attempt that saw the clock move under its work only after such a move says nothing about the
        // rule tested here and is made again; a move under running work with the pool empty still fails the test.
        for (int attempt = 1; ; attempt++)
        {
            var time = new AutoAdvancingTimeProvider(start);
            var (busyUntil, siblingSaw, timedOutAt, end) = await time.RunAsync(async () =>
            {
                // Real work (thread-pool hops, blocked threads) while a 1 s timeout is pending: the clock stays put.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1), time);
                await Busy();
                var busyUntil = time.GetUtcNow();
                // A sibling still working when this flow starts waiting runs to its end before the clock moves.
                var sibling = Task.Run(async () => { await Busy(); return time.GetUtcNow(); });
                // The 3 s delay waits on the clock, the 1 s timeout cancels it at 1 s.
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Delay(TimeSpan.FromSeconds(3), time, timeout.Token));
                var timedOutAt = time.GetUtcNow();
                await Task.Delay(TimeSpan.FromHours(2), time);
                return (busyUntil, await sibling, timedOutAt, time.GetUtcNow());
            }).WaitAsync(TimeSpan.FromSeconds(20));
            if ((busyUntil != start || siblingSaw != start) && time.MovesWithWorkQueued > 0)
            {
                Assert.True(attempt < 10, "in 10 attempts, the clock moved under the work every time, each time with the pool holding queued work");
                continue;
            }

            Assert.Equal(start, busyUntil);
            Assert.Equal(start, siblingSaw);
            Assert.Equal(start.AddSeconds(1), timedOutAt);
            Assert.Equal(start.AddSeconds(1).AddHours(2), end);
            Assert.Equal(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1), time.Elapsed);
            break;
        }

        static async Task Busy()
        {
            for (int i = 0; i < 10; i++)
            {
                await Task.Yield();
                Thread.Sleep(2);
            }
        }
    }


    [Fact]
    public async Task AutoAdvancingClockTellsWhatAnUnfinishedExecutionIsDoing()
    {
        // What the conformance runner reports for an execution that never ends: started or not, in its code or waiting.
        var time = new AutoAdvancingTimeProvider(ManualTimeProvider.DefaultStart);
        Assert.False(time.Started);
        using var stop = new CancellationTokenSource();
        var waiting = new TaskCompletionSource();
        var inCode = new ManualResetEventSlim();
        var release = new ManualResetEventSlim();
        var run = time.RunAsync(async () =>
        {
            inCode.Set();
            release.Wait(TimeSpan.FromSeconds(20));
            using var timer = time.CreateTimer(_ => { }, null, TimeSpan.FromDays(2), Timeout.InfiniteTimeSpan);
            await waiting.Task; // never by the clock: the timer is due in two days, and nothing completes this until the end
            return 0;
        }, stop.Token);
        Assert.True(inCode.Wait(TimeSpan.FromSeconds(20)));
        Assert.True(time.Started);
        Assert.Equal(1, time.Running);
        Assert.StartsWith("started: yes, threads in its code: 1, timers pending: 0", time.Activity);
        release.Set();
        for (var waited = 0; time.Running > 0 && waited < 2000; waited += 10) await Task.Delay(10);
        stop.Cancel(); // before the clock jumps to the timer: only the description is under test here
        Assert.Equal(0, time.Running);
        Assert.StartsWith("started: yes, threads in its code: 0, timers pending: ", time.Activity);
        waiting.SetResult();
        await run.WaitAsync(TimeSpan.FromSeconds(20));
    }
    [Fact]
    public async Task CaseHandlerConsumesRecordedEntriesInOrderComparingJsonByValue()
    {
        var handler = new CaseTaskHandler(JsonNode.Parse("""
            { "Charge": { "byInput": [
                { "input": { "amount": 1.0, "id": "a" }, "fail": { "error": "Payment.Busy", "cause": "retry" } },
                { "input": { "id": "a", "amount": 1 }, "return": { "ok": true } },
                { "input": { "id": "b", "amount": 1 }, "return": { "ok": "b" } } ] } }
            """)!.AsObject());

        var busy = await Assert.ThrowsAsync<StatesException>(() => Call(handler, "Charge", """{"id":"a","amount":1}"""));
        var second = await Call(handler, "Charge", """{"amount":1e0,"id":"a"}""");
        var other = await Call(handler, "Charge", """{"id":"b","amount":1}""");

        Assert.Equal(("Payment.Busy", "retry"), (busy.Error, busy.Cause));
        Assert.True(JsonEquality.DeepEquals(JsonNode.Parse("""{"ok":true}"""), second));
        Assert.Equal("b", (string?)other!["ok"]);
        Assert.Empty(handler.Problems);
        Assert.Equal(3, handler.Calls.Count);
    }

    [Fact]
    public async Task CaseHandlerReportsUnrecordedCalls()
    {
        var handler = new CaseTaskHandler(JsonNode.Parse("""{ "A": { "byInput": [ { "input": 1, "return": 2 } ] } }""")!.AsObject());

        var unknownInput = await Assert.ThrowsAsync<StatesException>(() => Call(handler, "A", "3"));
        var unknownState = await Assert.ThrowsAsync<StatesException>(() => Call(handler, "B", "1"));

        Assert.Equal("Harness.UnmockedInput", unknownInput.Error);
        Assert.Equal("Harness.UnmockedTask", unknownState.Error);
        Assert.Equal(2, handler.Problems.Count);
    }

    [Fact]
    public async Task CaseHandlerPlaysFailTimesThenEchoAndDelay()
    {
        var handler = new CaseTaskHandler(JsonNode.Parse("""
            { "Flaky": { "failTimes": 2, "error": "Flaky.Error", "then": { "echo": true } },
              "Slow": { "delayMs": 10, "return": [1, 2] } }
            """)!.AsObject());

        await Assert.ThrowsAsync<StatesException>(() => Call(handler, "Flaky", "{}"));
        await Assert.ThrowsAsync<StatesException>(() => Call(handler, "Flaky", "{}"));
        var echoed = await Call(handler, "Flaky", """{"x":1}""");
        var slow = await Call(handler, "Slow", "null");

        Assert.True(JsonEquality.DeepEquals(JsonNode.Parse("""{"x":1}"""), echoed));
        Assert.True(JsonEquality.DeepEquals(JsonNode.Parse("[1,2]"), slow));
    }

    [Theory]
    [InlineData("""{"a":1,"b":[1,2]}""", """{"b":[1.0,2e0],"a":1}""", true)]
    [InlineData("[1,2]", "[2,1]", false)]
    [InlineData("""{"a":null}""", """{"a":null}""", true)]
    [InlineData("""{"a":null}""", "{}", false)]
    [InlineData("\"1\"", "1", false)]
    [InlineData("\"\\u0041\"", "\"A\"", true)]
    [InlineData("1e400", "1e400", true)]
    public void JsonEqualityComparesNumbersByValueAndIgnoresKeyOrder(string a, string b, bool equal) =>
        Assert.Equal(equal, JsonEquality.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b)));

    [Fact]
    public void CaseFileReadsExpectationsWithoutErrorName()
    {
        var file = CaseFile.Parse("""{"definition":{"StartAt":"F","States":{"F":{"Type":"Fail"}}},"input":{},"tasks":{},"expected":{"error":null}}""", "/x/fail-004.case.json");

        Assert.Equal("fail", file.Family);
        Assert.False(file.Expected.ExpectsOutput);
        Assert.True(file.Expected.ErrorMatches(""));
        Assert.False(file.Expected.ErrorMatches("States.ALL"));
        Assert.True(file.Expected.CauseMatches("anything: the cause was redacted"));
    }

    [Fact]
    public async Task HarnessCompilesLoadsAndRunsAContractShapedClass()
    {
        // Hand-written stand-in for a generated class: proves references, loading and the reflection wrapper.
        const string machine = """
            using System.Text.Json.Nodes;
            namespace TestProject;
            public sealed class Echo(StatesGen.TaskHandler handler, object? options = null)
            {
                public object? Options { get; } = options;
                public async System.Threading.Tasks.Task<JsonNode?> ExecuteAsync(JsonNode? input, System.Threading.CancellationToken cancellationToken = default)
                {
                    var result = await handler(new StatesGen.TaskInvocation("Call", "arn:test", input), cancellationToken);
                    return result ?? throw new StatesGen.StatesException("Echo.Null", "the task returned null");
                }
            }
            """;
        var run = GeneratorHarness.Run([], new HarnessOptions { CSharpSources = [machine] }).AssertClean();
        using var assembly = run.Load();
        var handler = new CaseTaskHandler(JsonNode.Parse("""{ "Call": { "byInput": [ { "input": {"n": 1}, "echo": true }, { "input": {"n": 2}, "return": null } ] } }""")!.AsObject());
        var echo = assembly.Create("TestProject.Echo", handler.Handler, options: "opts");

        var output = await echo.ExecuteAsync(JsonNode.Parse("""{"n":1}"""));
        var failure = await Assert.ThrowsAsync<StatesException>(() => echo.ExecuteAsync(JsonNode.Parse("""{"n":2}""")));

        Assert.True(JsonEquality.DeepEquals(JsonNode.Parse("""{"n":1}"""), output));
        Assert.Equal("Echo.Null", failure.Error);
        Assert.Equal("opts", (string)echo.Dynamic.Options);
    }

    private static async Task<JsonNode?> Call(CaseTaskHandler handler, string state, string input) =>
        await handler.HandleAsync(new TaskInvocation(state, "arn:test", JsonNode.Parse(input)), CancellationToken.None);
}
