using System.Text.Json.Nodes;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StatesGen.Tests.Infrastructure;

namespace StatesGen.Tests.Conformance;

public enum CaseStatus { Pass, WrongOutput, WrongError, WrongVariables, NoCompile, NoType, Crash, Hang }

/// <summary>The outcome of one case. <see cref="CauseMatches"/> is set when a failure with the right error was seen.</summary>
public sealed record CaseResult(CaseFile Case, string ClassName, CaseStatus Status, string Detail, TimeSpan Elapsed,
    bool? CauseMatches = null, IReadOnlyList<string>? Warnings = null)
{
    public bool Passed => Status == CaseStatus.Pass;
    /// <summary>pass, wrong-output, wrong-error, no-compile, no-type, crash, hang.</summary>
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
    /// <summary>When set, a failure with the right error but another cause is wrong-error, not pass.</summary>
    public bool RequireCause { get; init; }
    /// <summary>The StateMachineOptions to pass to each machine (e.g. with a fake clock); null passes none.</summary>
    public Func<CaseFile, object?>? CreateMachineOptions { get; init; }
    /// <summary>Cases per compilation; 0 puts them all in one (fastest: one generator run, one emit).</summary>
    public int BatchSize { get; init; }
}

/// <summary>
/// Runs many cases fast: every case of a batch becomes <c>CaseNNNN.asl.json</c> in ONE generator run and ONE
/// compilation, because compiling a thousand cases one by one takes minutes on two cores. Cases whose file gets a
/// generator error, or whose generated code does not compile, lose their syntax trees and the rest is compiled again.
/// Then the cases run with bounded parallelism and a timeout each.
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
        CaseResult Result(CaseStatus status, string detail, TimeSpan elapsed, bool? causeMatches = null) =>
            new(caseFile, className, status, detail, elapsed, causeMatches, warnings);

        if (compiled.Assembly!.FindType(className) is not { } type)
            return Result(CaseStatus.NoType, $"no type {className} in the compiled batch", TimeSpan.Zero);
        var handler = CaseTaskHandler.For(caseFile);
        StateMachine machine;
        try { machine = StateMachine.Create(type, handler.Handler, _options.CreateMachineOptions?.Invoke(caseFile)); }
        catch (Exception e) { return Result(CaseStatus.Crash, "construction failed: " + Short(e), TimeSpan.Zero); }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.CaseTimeout);
        // The caller's input must come back unchanged (generated code may read it in place: MachineInfo.BorrowsInput).
        var inputBefore = JsonEquality.Canonical(caseFile.Input);
        var clock = Stopwatch.StartNew();
        // Task.Run: a machine that spins synchronously must not take the runner's worker with it.
        var execution = Task.Run(() => machine.ExecuteAsync(caseFile.Input, timeout.Token), CancellationToken.None);
        string Problems() => handler.Problems.Count == 0 ? "" : "\ntask handler: " + string.Join("; ", handler.Problems.Take(5));
        if (await Task.WhenAny(execution, Task.Delay(_options.CaseTimeout + TimeSpan.FromSeconds(5), CancellationToken.None)).ConfigureAwait(false) != execution)
        {
            _ = execution.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted); // observed, whenever it ends
            return Result(CaseStatus.Hang, $"no result {_options.CaseTimeout.TotalSeconds + 5:0} s after the start, even after cancellation" + Problems(), clock.Elapsed);
        }
        var expected = caseFile.Expected;
        try
        {
            var output = await execution.ConfigureAwait(false);
            if (InputProblem(caseFile.Input, inputBefore, output) is { } problem)
                return Result(CaseStatus.WrongOutput, problem, clock.Elapsed);
            if (!expected.ExpectsOutput)
                return Result(CaseStatus.WrongError, $"expected {expected}\nbut succeeded with {JsonEquality.Describe(output)}" + Problems(), clock.Elapsed);
            if (JsonEquality.DeepEquals(expected.Output, output))
            {
                var variables = await CompareAssignedVariablesAsync(caseFile, type).ConfigureAwait(false);
                return variables == null ? Result(CaseStatus.Pass, "", clock.Elapsed) : Result(CaseStatus.WrongVariables, variables, clock.Elapsed);
            }
            return Result(CaseStatus.WrongOutput, $"expected {JsonEquality.Describe(expected.Output)}\nactual   {JsonEquality.Describe(output)}" + Problems(), clock.Elapsed);
        }
        catch (StatesException e) when (InputProblem(caseFile.Input, inputBefore, null) is { } problem)
        {
            return Result(CaseStatus.WrongOutput, problem + $" (the execution failed with {e.Error})", clock.Elapsed);
        }
        catch (StatesException e)
        {
            string? error = e.Error; // null for a Fail state without Error, as AWS reports it
            var got = $"failed with error {(string.IsNullOrEmpty(error) ? "(none)" : error)}, cause \"{e.Cause}\"";
            if (expected.ExpectsOutput)
                return Result(CaseStatus.WrongOutput, $"expected {JsonEquality.Describe(expected.Output)}\nbut {got}" + Problems(), clock.Elapsed);
            var causeMatches = expected.CauseMatches(e.Cause);
            var pass = expected.ErrorMatches(error) && (causeMatches || !_options.RequireCause);
            return Result(pass ? CaseStatus.Pass : CaseStatus.WrongError,
                pass && causeMatches ? "" : $"expected {expected}\nbut {got}" + Problems(), clock.Elapsed, causeMatches);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Result(CaseStatus.Hang, $"cancelled by the {_options.CaseTimeout.TotalSeconds:0} s timeout" + Problems(), clock.Elapsed);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return Result(CaseStatus.Crash, Short(e) + Problems(), clock.Elapsed);
        }
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
    /// For a case that recorded what each state assigned (AWS's stateExitedEventDetails.assignedVariables), runs it
    /// again with history and compares those assignments as a multiset (branch and iteration order is not stable).
    /// Null when they match or nothing was recorded; else what differs.
    /// </summary>
    private async Task<string?> CompareAssignedVariablesAsync(CaseFile caseFile, Type type)
    {
        if (caseFile.Raw["assignedVariables"] is not JsonArray recorded || recorded.Count == 0) return null;
        var machine = StateMachine.Create(type, CaseTaskHandler.For(caseFile).Handler, _options.CreateMachineOptions?.Invoke(caseFile));
        var start = machine.Instance.GetType().GetMethod("StartExecutionAsync")!;
        var result = await ((Task<ExecutionResult>)start.Invoke(machine.Instance, [caseFile.Input?.DeepClone(), null, CancellationToken.None])!).ConfigureAwait(false);
        static string Key(string? state, IEnumerable<KeyValuePair<string, JsonNode?>> variables) =>
            state + " " + string.Join(", ", variables.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + JsonEquality.Canonical(v.Value)));
        var expected = recorded.Select(r => Key((string?)r!["state"], r!["variables"]!.AsObject())).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var actual = result.Events.Where(e => e.AssignedVariables != null).Select(e => Key(e.StateName, e.AssignedVariables!)).OrderBy(k => k, StringComparer.Ordinal).ToList();
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
