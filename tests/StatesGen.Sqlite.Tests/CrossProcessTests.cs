using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using StatesGen.Durability;
using Xunit.Abstractions;

namespace StatesGen.Sqlite.Tests;

[CollectionDefinition(nameof(CrossProcessTests), DisableParallelization = true)]
public sealed class CrossProcessCollection
{
}

/// <summary>
/// Real processes on one file: this test assembly runs again as a child (see <see cref="Program"/>). Not run in
/// parallel with other tests, so their timings measure the store rather than a busy machine.
/// </summary>
[Collection(nameof(CrossProcessTests))]
public sealed class CrossProcessTests : IDisposable
{
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromSeconds(60);

    private readonly StoreFile _file = new();
    private readonly ITestOutputHelper _output;

    public CrossProcessTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _file.Dispose();

    private static DateTimeOffset Ticks(string text) => new(long.Parse(text, CultureInfo.InvariantCulture), TimeSpan.Zero);

    [Fact]
    public async Task A_task_token_answered_by_another_process_lets_the_waiting_run_continue_long_before_its_deadline()
    {
        using var store = _file.Open();
        var (_, lease) = await store.StartAsync();
        await store.RegisterTaskTokenAsync(lease, "review-token", "Review/0/token", TimeSpan.FromMinutes(5), null);
        var continued = new TaskCompletionSource<DateTimeOffset>();
        var waiting = Task.Run(async () =>
        {
            var record = await store.WaitForTaskTokenAsync("review-token");
            continued.SetResult(DateTimeOffset.UtcNow);
            return record;
        });

        using var child = new ChildProcess("answer", _file.Path, "review-token", """{"approved":true,"by":"child"}""");
        var line = await child.ReadLineAsync(ChildTimeout);
        Assert.StartsWith("sent ", line);
        var sent = Ticks(line["sent ".Length..]);
        var answer = await waiting.WaitAsync(ChildTimeout);
        var delay = await continued.Task - sent;
        _output.WriteLine($"continued {delay.TotalMilliseconds:F0} ms after the child committed its answer");

        Assert.Equal(0, await child.WaitForExitAsync(ChildTimeout));
        Assert.Equal(TaskTokenStatus.Succeeded, answer.Status);
        Assert.Equal("child", (string)answer.Output!["by"]!);
        // Another process's answer is seen by the store's 250 ms look-out (about that long on a quiet machine, see the
        // output), not at the token's 5-minute deadline; the bound leaves room for a stalled CI machine.
        Assert.True(delay < TimeSpan.FromSeconds(15), $"continued {delay.TotalMilliseconds} ms after the answer");
    }

    [Fact]
    public async Task An_answer_from_another_process_while_nothing_runs_the_execution_is_there_when_it_resumes()
    {
        long id;
        using (var store = _file.Open())
        {
            var execution = await store.CreateExecutionAsync(StoreFile.Machine, "order-1", new JsonObject(), "h", DateTimeOffset.UtcNow);
            id = execution.Id;
            var lease = await store.AcquireLeaseAsync(id, "runner-1", TimeSpan.FromSeconds(1), TimeSpan.Zero);
            await store.RegisterTaskTokenAsync(lease!, "review-token", "Review/0/token", null, null);
        } // the runner stops without releasing its lease, as a crash would leave it

        using (var child = new ChildProcess("answer", _file.Path, "review-token", "\"approved\""))
        {
            Assert.StartsWith("sent ", await child.ReadLineAsync(ChildTimeout));
            Assert.Equal(0, await child.WaitForExitAsync(ChildTimeout));
        }

        using var resumed = _file.Open();
        var lease2 = await resumed.AcquireLeaseAsync(id, "runner-2", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10));
        var record = await resumed.RegisterTaskTokenAsync(lease2!, "review-token", "Review/0/token", null, null);
        Assert.Equal(TaskTokenStatus.Succeeded, record.Status);
        Assert.Equal("approved", (string)(await resumed.WaitForTaskTokenAsync("review-token")).Output!);
    }

    [Fact]
    public async Task Two_processes_race_for_one_lease_and_the_loser_takes_over_once_the_killed_winner_s_lease_expires()
    {
        const int LeaseMilliseconds = 4000;
        long id;
        using (var store = _file.Open())
            id = (await store.CreateExecutionAsync(StoreFile.Machine, "contested", new JsonObject(), "h", DateTimeOffset.UtcNow)).Id;

        var args = new[] { _file.Path, id.ToString(CultureInfo.InvariantCulture), "", LeaseMilliseconds.ToString(CultureInfo.InvariantCulture) };
        using var first = new ChildProcess("lease", args[0], args[1], "first", args[3]);
        using var second = new ChildProcess("lease", args[0], args[1], "second", args[3]);
        var firstSays = await first.ReadLineAsync(ChildTimeout);
        var secondSays = await second.ReadLineAsync(ChildTimeout);
        _output.WriteLine($"first: {firstSays}; second: {secondSays}");

        // Exactly one wins; the other waits.
        Assert.True(firstSays == "won 1" ^ secondSays == "won 1", $"first said '{firstSays}', second said '{secondSays}'");
        var (winner, loser) = firstSays == "won 1" ? (first, second) : (second, first);
        Assert.Equal("lost", firstSays == "won 1" ? secondSays : firstSays);

        // The winner keeps renewing: the loser cannot take over while it lives, even past one lease duration.
        await Task.Delay(LeaseMilliseconds + 1000);
        var early = loser.ReadLineAsync(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAsync<TimeoutException>(() => early);

        var killed = DateTimeOffset.UtcNow;
        winner.Kill(); // SIGKILL: no release, no last renewal
        var line = await loser.ReadLineAsync(ChildTimeout);
        Assert.StartsWith("took-over ", line);
        var parts = line.Split(' ');
        var tookOver = Ticks(parts[1]);
        var after = tookOver - killed;
        _output.WriteLine($"took over {after.TotalMilliseconds:F0} ms after the kill, generation {parts[2]}");

        Assert.Equal("2", parts[2]);
        // The last renewal was at most a sixth of the lease (plus a little) before the kill, so the lease outlived the
        // winner by most of its duration; the loser looks again every 250 ms at most.
        Assert.True(after > TimeSpan.FromMilliseconds(LeaseMilliseconds * 2 / 3), $"taken over {after.TotalMilliseconds} ms after the kill, before the lease expired");
        // About the lease after the kill on a quiet machine (see the output); the bound leaves room for a stalled CI machine.
        Assert.True(after < TimeSpan.FromMilliseconds(LeaseMilliseconds * 3), $"took over {after.TotalMilliseconds} ms after the kill");
        Assert.Equal(0, await loser.WaitForExitAsync(ChildTimeout));
    }
}
