using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace StatesGen.Tests.Infrastructure;

/// <summary>
/// Plays a case's <c>tasks</c>, keyed by Task state name. Behaviours (nestable as in the outside harness):
/// <c>{"byInput": [{"input": x, ...behaviour}]}</c> picks the first unused entry whose input deep-equals the call
/// (<see cref="JsonEquality"/>), reusing the last matching one when all are used;
/// <c>{"return": x}</c>; <c>{"fail": {"error", "cause"}}</c>; <c>{"echo": true}</c> returns the input;
/// <c>{"delayMs": n, ...}</c> waits first; <c>{"failTimes": n, "error", "cause", "then": behaviour}</c> fails the
/// state's first n calls. A call nothing matches fails with <c>Harness.UnmockedTask</c>/<c>Harness.UnmockedInput</c>
/// (the outside harness's names) and is listed in <see cref="Problems"/>.
/// </summary>
public sealed class CaseTaskHandler
{
    private readonly JsonObject? _tasks;
    private readonly TimeProvider _delayClock;
    private readonly ConcurrentDictionary<string, int> _callsPerState = new();
    private readonly Dictionary<JsonArray, HashSet<int>> _usedEntries = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly ConcurrentQueue<string> _problems = new();

    /// <param name="delayClock">The clock for <c>delayMs</c>; the real one by default, because a delay exists to
    /// make real concurrency visible (the seed's Map with MaxConcurrency 2).</param>
    public CaseTaskHandler(JsonObject? tasks, TimeProvider? delayClock = null)
    {
        _tasks = tasks;
        _delayClock = delayClock ?? TimeProvider.System;
        Handler = HandleAsync;
    }

    public static CaseTaskHandler For(CaseFile caseFile, TimeProvider? delayClock = null) => new(caseFile.Tasks, delayClock);

    /// <summary>The delegate to give the generated constructor.</summary>
    public TaskHandler Handler { get; }

    /// <summary>Every call, in arrival order, with a copy of its input.</summary>
    public IReadOnlyList<RecordedCall> Calls => _calls.ToArray();

    /// <summary>Calls that no behaviour described, and recorded entries that had to be reused.</summary>
    public IReadOnlyList<string> Problems => _problems.ToArray();

    /// <summary>
    /// The recorded calls that were not made: the entries of each state's top-level <c>byInput</c> that no call
    /// consumed (a recording lists every call the execution made, so each one is expected exactly once).
    /// </summary>
    public IReadOnlyList<string> UnusedEntries()
    {
        var unused = new List<string>();
        if (_tasks is null) return unused;
        lock (_usedEntries)
        {
            foreach (var (state, behaviour) in _tasks)
            {
                if (behaviour?["byInput"] is not JsonArray entries) continue;
                var used = _usedEntries.GetValueOrDefault(entries);
                for (int i = 0; i < entries.Count; i++)
                    if (used is null || !used.Contains(i))
                        unused.Add($"\"{state}\" was not called with {JsonEquality.Describe(entries[i]?["input"], 200)} (entry {i})");
            }
        }
        return unused;
    }

    public async ValueTask<JsonNode?> HandleAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        _calls.Enqueue(new RecordedCall(invocation.StateName, invocation.Resource, invocation.Input?.DeepClone(), invocation.RetryCount, invocation.TaskToken));
        if (_tasks?[invocation.StateName] is not JsonObject behaviour)
        {
            _problems.Enqueue($"no behaviour for task state \"{invocation.StateName}\"");
            throw new StatesException("Harness.UnmockedTask", "no behaviour for task state " + invocation.StateName);
        }
        var call = _callsPerState.AddOrUpdate(invocation.StateName, 1, (_, n) => n + 1);
        return await ApplyAsync(behaviour, invocation, call, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<JsonNode?> ApplyAsync(JsonObject behaviour, TaskInvocation invocation, int call, CancellationToken cancellationToken)
    {
        if (behaviour["delayMs"] is JsonNode delay)
            await Task.Delay(TimeSpan.FromMilliseconds(delay.GetValue<double>()), _delayClock, cancellationToken).ConfigureAwait(false);
        if (behaviour["byInput"] is JsonArray entries)
            return await ApplyAsync(Choose(entries, invocation), invocation, call, cancellationToken).ConfigureAwait(false);
        if (behaviour["failTimes"] is JsonNode failTimes)
        {
            if (call <= failTimes.GetValue<int>()) throw new StatesException((string)behaviour["error"]!, (string?)behaviour["cause"]);
            if (behaviour["then"] is JsonObject then) return await ApplyAsync(then, invocation, 0, cancellationToken).ConfigureAwait(false);
        }
        if (behaviour["fail"] is JsonObject fail) throw new StatesException((string?)fail["error"] ?? "", (string?)fail["cause"]);
        // A copy: generated code attaches results to other nodes, and a node can have one parent only.
        if (behaviour.ContainsKey("return")) return behaviour["return"]?.DeepClone();
        if (behaviour["echo"] is not null) return invocation.Input?.DeepClone();
        throw new InvalidOperationException("unknown task behaviour " + JsonEquality.Describe(behaviour));
    }

    private JsonObject Choose(JsonArray entries, TaskInvocation invocation)
    {
        lock (_usedEntries)
        {
            if (!_usedEntries.TryGetValue(entries, out var used)) _usedEntries[entries] = used = [];
            int lastMatch = -1;
            for (int i = 0; i < entries.Count; i++)
            {
                if (!JsonEquality.DeepEquals(entries[i]?["input"], invocation.Input)) continue;
                if (used.Add(i)) return entries[i]!.AsObject();
                lastMatch = i;
            }
            if (lastMatch >= 0)
            {
                _problems.Enqueue($"\"{invocation.StateName}\" was called more often with {JsonEquality.Describe(invocation.Input, 200)} than recorded; reused entry {lastMatch}");
                return entries[lastMatch]!.AsObject();
            }
        }
        _problems.Enqueue($"\"{invocation.StateName}\" was called with an unrecorded input {JsonEquality.Describe(invocation.Input, 400)}");
        throw new StatesException("Harness.UnmockedInput", "no recorded result for input " + invocation.Input?.ToJsonString());
    }
}

/// <summary>One task call as the handler saw it.</summary>
public sealed record RecordedCall(string StateName, string Resource, JsonNode? Input, int RetryCount, string? TaskToken);
