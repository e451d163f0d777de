using System.Text.Json.Nodes;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StatesGen.Tests.Infrastructure;

namespace StatesGen.Tests.Conformance;

/// <summary>How a case ended; anything but <see cref="Pass"/> is a difference from the recording.</summary>
public enum CaseStatus { Pass, WrongOutput, WrongError, WrongCause, WrongTaskCalls, WrongReached, WrongVariables, NoCompile, NoType, Crash, Hang }

/// <summary>The outcome of one case. <see cref="CauseMatches"/> is set when a failure with the right error was seen;
/// <see cref="Waited"/> is the fake time its execution spent in Waits, retry back-offs and timeouts.</summary>
public sealed record CaseResult(CaseFile Case, string ClassName, CaseStatus Status, string Detail, TimeSpan Elapsed,
    bool? CauseMatches = null, IReadOnlyList<string>? Warnings = null, TimeSpan Waited = default)
{
    /// <summary>Set when a case ran again because its first run hung or never started (see <see cref="ConformanceRunner"/>): what that run did.</summary>
    public string? Rerun { get; init; }

    public bool Passed => Status == CaseStatus.Pass;
    /// <summary>pass, wrong-output, wrong-error, wrong-cause, wrong-task-calls, wrong-reached, wrong-variables, no-compile, no-type, crash, hang.</summary>
    public string StatusName => NameOf(Status);
    public static string NameOf(CaseStatus status) => Regex.Replace(status.ToString(), "(?<=[a-z])(?=[A-Z])", "-").ToLowerInvariant();
    public override string ToString() => $"{Case.Id} ({ClassName}): {StatusName}" + (Detail.Length > 0 ? "\n" + Detail : "");
}

/// <summary>All results, with where the time went: <see cref="EmitRounds"/> holds each emit (a round drops the cases
/// whose code did not compile and emits the rest again).</summary>
public sealed record ConformanceRun(IReadOnlyList<CaseResult> Results, TimeSpan GenerateTime, TimeSpan CompileTime,
    TimeSpan ExecuteTime, IReadOnlyList<TimeSpan> EmitRounds);

public sealed record ConformanceRunnerOptions
{
    /// <summary>As the outside harness: <c>Harness.Case0001</c> from <c>/proj/Case0001.asl.json</c>.</summary>
    public string RootNamespace { get; init; } = "Harness";
    public int MaxParallelism { get; init; } = 8;
    public TimeSpan CaseTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>
    /// Run Waits, retry back-offs, timeouts and mocked delays on the system clock. By default each execution runs on
    /// its own <see cref="AutoAdvancingTimeProvider"/>, which jumps to the next timer whenever the execution only waits
    /// for it: the recordings' waits (seconds each) then take no real time.
    /// </summary>
    public bool RealTime { get; init; }
    /// <summary>Cases per compilation; 0 puts them all in one (fastest: one generator run, one emit).</summary>
    public int BatchSize { get; init; }
}

/// <summary>
/// Runs many cases fast: every case of a batch becomes <c>CaseNNNN.asl.json</c> in ONE generator run and ONE
/// compilation, because compiling a thousand cases one by one takes minutes on two cores. Cases whose file gets a
/// generator error, or whose generated code does not compile, lose their syntax trees and the rest is compiled again.
/// Then the cases run with bounded parallelism and a timeout each, on fake time (<see cref="ConformanceRunnerOptions.RealTime"/>).
/// </summary>
public sealed class ConformanceRunner(ConformanceRunnerOptions? options = null)
{
    private static readonly Regex s_caseId = new(@"Case\d{4,}", RegexOptions.CultureInvariant);
    private readonly ConformanceRunnerOptions _options = options ?? new ConformanceRunnerOptions();

    public async Task<ConformanceRun> RunAsync(IReadOnlyList<CaseFile> cases, CancellationToken cancellationToken = default)
    {
        var ids = cases.Select((_, i) => $"Case{i + 1:D4}").ToList();
        var size = _options.BatchSize > 0 ? _options.BatchSize : Math.Max(1, cases.Count);
        var results = new CaseResult[cases.Count];
        TimeSpan generate = default, compile = default, execute = default;
        var rounds = new List<TimeSpan>();
        for (int start = 0; start < cases.Count; start += size)
        {
            var batch = Enumerable.Range(start, Math.Min(size, cases.Count - start)).ToList();
            var compiled = await Task.Run(() => Compile(batch.ToDictionary(i => ids[i], i => cases[i])), cancellationToken).ConfigureAwait(false);
            generate += compiled.GenerateTime;
            compile += compiled.CompileTime;
            rounds.AddRange(compiled.Rounds);
            var clock = Stopwatch.StartNew();
            using (compiled.Assembly)
            {
                await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelism, CancellationToken = cancellationToken },
                    async (i, ct) => results[i] = compiled.Failures.TryGetValue(ids[i], out var failure)
                        ? failure
                        : await ExecuteAsync(cases[i], ids[i], compiled, ct).ConfigureAwait(false)).ConfigureAwait(false);
                // A case that hung while the others ran is run once more on its own, after them: on this 2-core machine
                // the whole test process has stalled for most of a minute under CI load (four retry cases and a timing
                // test at once), which says nothing about a case. A case that hangs alone as well still fails; one that
                // passes the second time keeps its first outcome in Rerun, and the report lists it.
                foreach (var i in batch.Where(i => results[i].Status == CaseStatus.Hang).ToList())
                {
                    var again = await ExecuteAsync(cases[i], ids[i], compiled, cancellationToken).ConfigureAwait(false);
                    results[i] = again with { Rerun = again.Rerun ?? results[i].Detail };
                }
            }
            execute += clock.Elapsed;
        }
        return new ConformanceRun(results, generate, compile, execute, rounds);
    }

    private sealed record Compiled(CompiledAssembly? Assembly, Dictionary<string, CaseResult> Failures,
        Dictionary<string, List<string>> Warnings, TimeSpan GenerateTime, TimeSpan CompileTime, List<TimeSpan> Rounds);

    private Compiled Compile(Dictionary<string, CaseFile> cases)
    {
        var harness = new HarnessOptions { RootNamespace = _options.RootNamespace, AssemblyName = "Conformance" };
        var failures = new Dictionary<string, CaseResult>();
        var warnings = cases.Keys.ToDictionary(id => id, _ => new List<string>());
        void Fail(string id, string detail) => failures.TryAdd(id, new CaseResult(cases[id], ClassName(id), CaseStatus.NoCompile, detail, TimeSpan.Zero, Warnings: warnings[id]));

        var clock = Stopwatch.StartNew();
        var parse = new CSharpParseOptions(harness.LanguageVersion);
        var files = cases.Select(kv => new AslFile(kv.Key + ".asl.json", kv.Value.DefinitionText)).ToList();
        var empty = GeneratorHarness.CreateCompilation(harness.AssemblyName, [], harness.Optimization);
        var run = Generate(files, harness, parse, empty);
        if (ExceptionOf(run) is not null)
        {
            // One throwing file takes the whole generator down (no output at all): find the culprits file by file.
            foreach (var file in files)
                if (ExceptionOf(Generate([file], harness, parse, empty)) is { } own)
                    Fail(IdOf(file.Path)!, "generator exception: " + own);
            files = files.Where(f => !failures.ContainsKey(IdOf(f.Path)!)).ToList();
            run = Generate(files, harness, parse, empty);
            if (ExceptionOf(run) is { } still)
                foreach (var file in files) Fail(IdOf(file.Path)!, "generator exception in the batch only: " + still);
        }
        foreach (var d in run.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning))
        {
            if (IdOf(d.Location.GetLineSpan().Path) is not { } id || !cases.ContainsKey(id)) continue;
            if (d.Severity == DiagnosticSeverity.Error) Fail(id, "generator: " + Describe(d));
            else warnings[id].Add("generator: " + Describe(d));
        }
        // Each generated tree belongs to the case named in its hint name (else in its text); others are shared.
        var owner = new Dictionary<SyntaxTree, string?>();
        foreach (var source in run.Results.SelectMany(r => r.GeneratedSources))
            owner[source.SyntaxTree] = IdOf(source.HintName) ?? IdOf(source.SourceText.ToString());
        // Syntax errors are known per tree without binding anything: drop those cases before the costly emit.
        foreach (var (tree, id) in owner)
            if (id is not null && tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList() is [_, ..] syntax)
                Fail(id, string.Join("\n", syntax.Select(Describe)));
        var generateTime = clock.Elapsed;

        clock.Restart();
        CompiledAssembly? assembly = null;
        var rounds = new List<TimeSpan>();
        while (assembly is null)
        {
            var round = Stopwatch.StartNew();
            var trees = owner.Where(kv => kv.Value is null || !failures.ContainsKey(kv.Value)).Select(kv => kv.Key);
            var compilation = empty.AddSyntaxTrees(trees);
            using var pe = new MemoryStream();
            var emit = compilation.Emit(pe, cancellationToken: CancellationToken.None);
            var errors = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            rounds.Add(round.Elapsed);
            if (emit.Success)
            {
                foreach (var d in emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning))
                    if (d.Location.SourceTree is { } t && owner.GetValueOrDefault(t) is { } id) warnings[id].Add(Describe(d));
                pe.Position = 0;
                assembly = CompiledAssembly.Load(pe, compilation.AssemblyName!);
                break;
            }
            var byCase = errors.GroupBy(d => d.Location.SourceTree is { } t ? owner.GetValueOrDefault(t) : null).ToList();
            if (byCase.Any(g => g.Key is null) || rounds.Count >= 10)
            {
                // Errors outside any one case's code (a shared file, missing runtime API): nothing can run.
                var shared = "compile errors outside the cases' own code:\n" + string.Join("\n", errors.Take(10).Select(Describe));
                foreach (var id in cases.Keys) Fail(id, shared);
                return new Compiled(null, failures, warnings, generateTime, clock.Elapsed, rounds);
            }
            foreach (var g in byCase) Fail(g.Key!, string.Join("\n", g.Take(5).Select(Describe)) + (g.Count() > 5 ? $"\n... {g.Count() - 5} more errors" : ""));
        }
        return new Compiled(assembly, failures, warnings, generateTime, clock.Elapsed, rounds);
    }

    private static GeneratorDriverRunResult Generate(List<AslFile> files, HarnessOptions harness, CSharpParseOptions parse, CSharpCompilation compilation)
    {
        var texts = files.Select(f => (AdditionalText)new InMemoryAdditionalText(GeneratorHarness.FullPath(f.Path, harness), f.Text));
        return GeneratorHarness.CreateDriver(texts, GeneratorHarness.CreateOptionsProvider(files, harness), parse, trackIncrementalSteps: false)
            .RunGenerators(compilation).GetRunResult();
    }

    private static Exception? ExceptionOf(GeneratorDriverRunResult run) => run.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null);

    private async Task<CaseResult> ExecuteAsync(CaseFile caseFile, string id, Compiled compiled, CancellationToken cancellationToken)
    {
        var className = ClassName(id);
        var warnings = compiled.Warnings[id];
        if (compiled.Assembly!.FindType(className) is not { } type)
            return new(caseFile, className, CaseStatus.NoType, $"no type {className} in the compiled batch", TimeSpan.Zero, Warnings: warnings);
        var clock = Stopwatch.StartNew();
        // Twice: as most callers run a machine (no observer, which takes the fast paths: inline branches, direct task
        // calls) and with an observer, whose events tell the states entered and the variables assigned. Both runs
        // must give the recorded outcome with the recorded task calls.
        string? rerun = null;
        async Task<Outcome> Run(bool observe)
        {
            var outcome = await RunAsync(caseFile, type, observe, cancellationToken).ConfigureAwait(false);
            if (!outcome.NeverStarted) return outcome;
            // The execution's first work item sat in the thread pool for the whole timeout: the pool was starved by the
            // tests running beside this one (2 cores), and the machine's code never ran. That says nothing about the
            // case, so it runs again once; the report lists it. A case whose code ran and hung is never run again.
            rerun = outcome.Detail + (observe ? " (run with an observer)" : "");
            return await RunAsync(caseFile, type, observe, cancellationToken).ConfigureAwait(false);
        }
        var plain = await Run(observe: false).ConfigureAwait(false);
        var verdict = Judge(caseFile, plain, "");
        if (verdict.Status == CaseStatus.Pass)
        {
            var observed = await Run(observe: true).ConfigureAwait(false);
            verdict = Judge(caseFile, observed, " (run with an observer)");
            if (verdict.Status == CaseStatus.Pass && caseFile.Reached is { } reached
                && ReachedStates.Compare(caseFile.Definition, reached, ReachedStates.FromHistory(observed.Events)) is { } states)
                verdict = new(CaseStatus.WrongReached, states, null);
            if (verdict.Status == CaseStatus.Pass && CompareAssignedVariables(caseFile, observed.Events) is { } variables)
                verdict = new(CaseStatus.WrongVariables, variables, null);
        }
        return new(caseFile, className, verdict.Status, verdict.Detail, clock.Elapsed, verdict.CauseMatches, warnings, plain.Waited) { Rerun = rerun };
    }

    /// <summary>What one execution did: its output or failure (or crash/hang), the task calls and the events.</summary>
    private sealed record Outcome(CaseTaskHandler Tasks, EventLog? Log, AutoAdvancingTimeProvider? Time)
    {
        public IReadOnlyList<ExecutionEvent> Events => Log?.Events ?? [];
        public TimeSpan Waited => Time?.Elapsed ?? TimeSpan.Zero;
        public JsonNode? Output { get; init; }
        public StatesException? Failure { get; init; }
        /// <summary>Set for a crash or hang, with the detail.</summary>
        public CaseStatus? Broken { get; init; }
        public string Detail { get; init; } = "";
        public string? InputProblem { get; init; }
        /// <summary>A hang whose execution never started: its first work item was never taken from the thread pool.</summary>
        public bool NeverStarted { get; init; }
    }

    private sealed record Verdict(CaseStatus Status, string Detail, bool? CauseMatches);

    private async Task<Outcome> RunAsync(CaseFile caseFile, Type type, bool observe, CancellationToken cancellationToken)
    {
        // Each execution gets its own fake clock (or the system clock with RealTime), shared with the mocked tasks' delayMs.
        var time = _options.RealTime ? null : new AutoAdvancingTimeProvider();
        var handler = CaseTaskHandler.For(caseFile, time);
        var events = observe ? new EventLog() : null;
        var options = new StateMachineOptions { TimeProvider = (TimeProvider?)time ?? TimeProvider.System, Observer = events };
        var outcome = new Outcome(handler, events, time);
        StateMachine machine;
        try { machine = StateMachine.Create(type, handler.Handler, options); }
        catch (Exception e) { return outcome with { Broken = CaseStatus.Crash, Detail = "construction failed: " + Short(e) }; }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.CaseTimeout);
        using var hung = new CancellationTokenSource();
        // The caller's input must come back unchanged (generated code may read it in place: MachineInfo.BorrowsInput).
        var input = caseFile.Input;
        var inputBefore = JsonEquality.Canonical(input);
        var started = 0;
        Task<JsonNode?> Start()
        {
            Volatile.Write(ref started, 1);
            return machine.ExecuteAsync(input, timeout.Token);
        }
        // On the thread pool: a machine that spins synchronously must not take the runner's worker with it.
        var execution = time is null ? Task.Run(Start, CancellationToken.None) : time.RunAsync(Start, hung.Token);
        if (await Task.WhenAny(execution, Task.Delay(_options.CaseTimeout + TimeSpan.FromSeconds(5), CancellationToken.None)).ConfigureAwait(false) != execution)
        {
            hung.Cancel();
            _ = execution.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted); // observed, whenever it ends
            // What it was doing, so that a hang can be told from a starved thread pool.
            var activity = time?.Activity ?? $"started: {(Volatile.Read(ref started) != 0 ? "yes" : "no")}";
            var pool = $"thread pool: {ThreadPool.ThreadCount} threads, {ThreadPool.PendingWorkItemCount} work items queued";
            return outcome with
            {
                Broken = CaseStatus.Hang, NeverStarted = Volatile.Read(ref started) == 0,
                Detail = $"no result {_options.CaseTimeout.TotalSeconds + 5:0} s after the start, even after cancellation ({activity}; {pool})",
            };
        }
        try
        {
            var output = await execution.ConfigureAwait(false);
            return outcome with { Output = output, InputProblem = InputProblem(input, inputBefore, output) };
        }
        catch (StatesException e)
        {
            return outcome with { Failure = e, InputProblem = InputProblem(input, inputBefore, null) };
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return outcome with { Broken = CaseStatus.Hang, Detail = $"cancelled by the {_options.CaseTimeout.TotalSeconds:0} s timeout" };
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return outcome with { Broken = CaseStatus.Crash, Detail = Short(e) };
        }
    }

    /// <summary>
    /// The recorded output, or the recorded error with the recorded cause (unless the recording redacted it), the
    /// caller's input left as it was, and exactly the recorded task calls: none beyond the case's <c>tasks</c> (a call
    /// of an unmocked state, with an unrecorded input, or more often than recorded) and none of them missing.
    /// </summary>
    private static Verdict Judge(CaseFile caseFile, Outcome run, string which)
    {
        var problems = run.Tasks.Problems;
        string TaskNotes() => problems.Count == 0 ? "" : "\ntask handler: " + string.Join("; ", problems.Take(5));
        if (run.Broken is { } broken) return new(broken, run.Detail + which + TaskNotes(), null);
        var expected = caseFile.Expected;
        if (run.InputProblem is { } problem)
            return new(CaseStatus.WrongOutput, problem + (run.Failure is { } f ? $" (the execution failed with {f.Error})" : "") + which, null);
        bool? causeMatches = null;
        if (run.Failure is null)
        {
            if (!expected.ExpectsOutput)
                return new(CaseStatus.WrongError, $"expected {expected}\nbut succeeded with {JsonEquality.Describe(run.Output)}{which}" + TaskNotes(), null);
            if (!JsonEquality.DeepEquals(expected.Output, run.Output))
                return new(CaseStatus.WrongOutput, $"expected {JsonEquality.Describe(expected.Output)}\nactual   {JsonEquality.Describe(run.Output)}{which}" + TaskNotes(), null);
        }
        else
        {
            string? error = run.Failure.Error; // null for a Fail state without Error, as AWS reports it
            var got = $"failed with error {(string.IsNullOrEmpty(error) ? "(none)" : error)}, cause \"{run.Failure.Cause}\"";
            if (expected.ExpectsOutput)
                return new(CaseStatus.WrongOutput, $"expected {JsonEquality.Describe(expected.Output)}\nbut {got}{which}" + TaskNotes(), null);
            if (!expected.ErrorMatches(error))
                return new(CaseStatus.WrongError, $"expected {expected}\nbut {got}{which}" + TaskNotes(), null);
            causeMatches = expected.CauseMatches(run.Failure.Cause);
            if (causeMatches == false)
                return new(CaseStatus.WrongCause, $"expected {expected}\nbut {got}{which}" + TaskNotes(), false);
        }
        var unused = run.Tasks.UnusedEntries();
        if (problems.Count > 0 || unused.Count > 0)
            return new(CaseStatus.WrongTaskCalls, "task calls differ from the recording" + which + ":\n" + string.Join("\n", problems.Concat(unused).Take(8)), causeMatches);
        return new(CaseStatus.Pass, "", causeMatches);
    }

    /// <summary>The events an observed execution reports (from any thread).</summary>
    private sealed class EventLog : IExecutionObserver
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<ExecutionEvent> _events = new();
        public IReadOnlyList<ExecutionEvent> Events => _events.ToArray();
        public void OnEvent(string executionName, ExecutionEvent executionEvent) => _events.Enqueue(executionEvent);
    }

    /// <summary>
    /// Null when the execution left its input as it was and returned an output of its own (a node belongs to one tree,
    /// so an output whose root is not the input's shares no node with it); else what went wrong.
    /// </summary>
    private static string? InputProblem(JsonNode? input, string inputBefore, JsonNode? output)
    {
        if (JsonEquality.Canonical(input) != inputBefore)
            return $"the execution changed its input:\nbefore {inputBefore}\nafter  {JsonEquality.Canonical(input)}";
        if (output is not null && input is not null && ReferenceEquals(output.Root, input.Root))
            return "the output is (part of) the caller's input node";
        return null;
    }

    /// <summary>
    /// For a case that recorded what each state assigned (AWS's stateExitedEventDetails.assignedVariables), compares
    /// those assignments with the observed run's as a multiset (branch and iteration order is not stable). Null when
    /// they match or nothing was recorded; else what differs.
    /// </summary>
    private static string? CompareAssignedVariables(CaseFile caseFile, IReadOnlyList<ExecutionEvent> events)
    {
        if (caseFile.Raw["assignedVariables"] is not JsonArray recorded || recorded.Count == 0) return null;
        static string Key(string? state, IEnumerable<KeyValuePair<string, JsonNode?>> variables) =>
            state + " " + string.Join(", ", variables.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + JsonEquality.Canonical(v.Value)));
        var expected = recorded.Select(r => Key((string?)r!["state"], r!["variables"]!.AsObject())).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var actual = events.Where(e => e.AssignedVariables != null).Select(e => Key(e.StateName, e.AssignedVariables!)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (expected.SequenceEqual(actual)) return null;
        return "assigned variables differ from the recording:\nexpected " + string.Join("\n         ", expected) + "\nactual   " + string.Join("\n         ", actual);
    }

    private string ClassName(string id) => _options.RootNamespace + "." + id;

    private static string? IdOf(string? text) => text is null ? null : s_caseId.Match(text) is { Success: true } m ? m.Value : null;

    private static string Describe(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        return $"{Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.Severity.ToString().ToLowerInvariant()} {d.Id}: {d.GetMessage()}";
    }

    private static string Short(Exception e) =>
        $"{e.GetType().FullName}: {e.Message}\n{string.Join("\n", (e.StackTrace ?? "").Split('\n').Take(8))}";
}
