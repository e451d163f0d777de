using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using StatesGen.Generator;

namespace StatesGen.Tests.Infrastructure;

/// <summary>An AdditionalFile for the generator. A relative path is put under the project directory; metadata keys
/// without a prefix become <c>build_metadata.AdditionalFiles.&lt;key&gt;</c>, as MSBuild writes item metadata.</summary>
public sealed record AslFile(string Path, string Text, IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>The project the generator believes it runs in.</summary>
public sealed record HarnessOptions
{
    public string RootNamespace { get; init; } = "TestProject";
    public string ProjectDir { get; init; } = "/proj/";
    public string AssemblyName { get; init; } = "TestProject";
    /// <summary>More global options, full keys (e.g. <c>build_property.StatesGenFoo</c>).</summary>
    public IReadOnlyDictionary<string, string> GlobalOptions { get; init; } = ImmutableDictionary<string, string>.Empty;
    /// <summary>Hand-written C# compiled next to the generated code (partial class halves, handler implementations).</summary>
    public IReadOnlyList<string> CSharpSources { get; init; } = [];
    public bool TrackIncrementalSteps { get; init; }
    /// <summary>C# 12: what the oldest supported SDK band (8.0.1xx) compiles net8.0 projects with.</summary>
    public LanguageVersion LanguageVersion { get; init; } = LanguageVersion.CSharp12;
    public OptimizationLevel Optimization { get; init; } = OptimizationLevel.Release;
}

/// <summary>Runs <see cref="StateMachineGenerator"/> in-process over in-memory files, like a build would.</summary>
public static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(CreateReferences);

    /// <summary>The shared framework (what a net project compiles against) plus StatesGen.Runtime. Test-host
    /// assemblies (xunit, Roslyn, this assembly) are left out so generated code cannot lean on them by accident.</summary>
    public static ImmutableArray<MetadataReference> References => s_references.Value;

    public static GeneratorRun Run(string path, string text, HarnessOptions? options = null) => Run([new AslFile(path, text)], options);

    public static GeneratorRun Run(IEnumerable<AslFile> files, HarnessOptions? options = null)
    {
        options ??= new HarnessOptions();
        var list = files.ToList();
        var parse = new CSharpParseOptions(options.LanguageVersion);
        var texts = list.Select(f => (AdditionalText)new InMemoryAdditionalText(FullPath(f.Path, options), f.Text)).ToImmutableArray();
        var trees = options.CSharpSources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, $"/src/Source{i}.cs", Encoding.UTF8));
        var compilation = CreateCompilation(options.AssemblyName, trees, options.Optimization);
        var driver = CreateDriver(texts, CreateOptionsProvider(list, options), parse, options.TrackIncrementalSteps);
        return GeneratorRun.Execute(driver, compilation, texts);
    }

    public static string FullPath(string path, HarnessOptions options) =>
        path.StartsWith('/') ? path : options.ProjectDir.TrimEnd('/') + "/" + path;

    /// <summary>Nullable on, every warning wave (level 9999), CS1701/CS1702 off as in any SDK build (the runtime is
    /// built against net8.0 and here meets the net10.0 framework).</summary>
    public static CSharpCompilation CreateCompilation(string assemblyName, IEnumerable<SyntaxTree> trees, OptimizationLevel optimization) =>
        CSharpCompilation.Create(assemblyName, trees, References, new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
            optimizationLevel: optimization, warningLevel: 9999, deterministic: true,
            specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
            {
                ["CS1701"] = ReportDiagnostic.Suppress,
                ["CS1702"] = ReportDiagnostic.Suppress,
            }));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> texts, AnalyzerConfigOptionsProvider optionsProvider,
        CSharpParseOptions parseOptions, bool trackIncrementalSteps) =>
        CSharpGeneratorDriver.Create([new StateMachineGenerator().AsSourceGenerator()], texts, parseOptions, optionsProvider,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalSteps));

    public static AnalyzerConfigOptionsProvider CreateOptionsProvider(IEnumerable<AslFile> files, HarnessOptions options)
    {
        var global = new Dictionary<string, string>(options.GlobalOptions)
        {
            ["build_property.RootNamespace"] = options.RootNamespace,
            ["build_property.ProjectDir"] = options.ProjectDir,
            ["build_property.MSBuildProjectDirectory"] = options.ProjectDir.TrimEnd('/'),
            ["build_property.MSBuildProjectName"] = options.AssemblyName,
            ["build_property.AssemblyName"] = options.AssemblyName,
        };
        var perFile = files.Where(f => f.Metadata is { Count: > 0 }).ToDictionary(
            f => FullPath(f.Path, options),
            f => (IReadOnlyDictionary<string, string>)f.Metadata!.ToDictionary(
                kv => kv.Key.StartsWith("build_metadata.", StringComparison.Ordinal) ? kv.Key : "build_metadata.AdditionalFiles." + kv.Key,
                kv => kv.Value));
        return new TestOptionsProvider(global, perFile);
    }

    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        // The shared framework's assemblies by name, wherever the host loads them from: a package may carry a newer copy
        // of one (OpenTelemetry brings System.Diagnostics.DiagnosticSource), which then sits next to the tests.
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = Directory.GetFiles(frameworkDir, "*.dll").Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return tpa.Where(p => framework.Contains(Path.GetFileName(p)))
            .Append(typeof(TaskHandler).Assembly.Location)
            .Append(typeof(StatesGen.Jsonata.JsonataExpression).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}

/// <summary>The outcome of one generator run: generated sources, diagnostics, the compilation with them.</summary>
public sealed class GeneratorRun
{
    private readonly Lazy<ImmutableArray<Diagnostic>> _compilationDiagnostics;

    private GeneratorRun(GeneratorDriver driver, CSharpCompilation input, Compilation output,
        ImmutableArray<Diagnostic> generatorDiagnostics, ImmutableArray<AdditionalText> texts)
    {
        Driver = driver;
        InputCompilation = input;
        OutputCompilation = output;
        GeneratorDiagnostics = generatorDiagnostics;
        AdditionalTexts = texts;
        RunResult = driver.GetRunResult();
        _compilationDiagnostics = new(() => OutputCompilation.GetDiagnostics());
    }

    internal static GeneratorRun Execute(GeneratorDriver driver, CSharpCompilation compilation, ImmutableArray<AdditionalText> texts)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver, compilation, output, diagnostics, texts);
    }

    /// <summary>The driver after the run: keep it to run again and observe caching.</summary>
    public GeneratorDriver Driver { get; }
    /// <summary>With <see cref="HarnessOptions.TrackIncrementalSteps"/>, holds TrackedSteps/TrackedOutputSteps.</summary>
    public GeneratorDriverRunResult RunResult { get; }
    public CSharpCompilation InputCompilation { get; }
    public Compilation OutputCompilation { get; }
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }
    public ImmutableArray<AdditionalText> AdditionalTexts { get; }
    public Exception? GeneratorException => RunResult.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null);
    public ImmutableArray<GeneratedSourceResult> GeneratedSources => RunResult.Results.SelectMany(r => r.GeneratedSources).ToImmutableArray();
    /// <summary>All diagnostics of the output compilation (generated and hand-written code), computed once.</summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics => _compilationDiagnostics.Value;

    /// <summary>Compiler warnings and errors located in generated files.</summary>
    public IEnumerable<Diagnostic> GeneratedCodeDiagnostics
    {
        get
        {
            var generated = RunResult.GeneratedTrees.ToHashSet();
            return CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning
                && d.Location.SourceTree is { } t && generated.Contains(t));
        }
    }

    /// <summary>The text of the single generated source whose hint name contains <paramref name="hintNamePart"/>.</summary>
    public string Source(string hintNamePart) =>
        GeneratedSources.Single(s => s.HintName.Contains(hintNamePart, StringComparison.Ordinal)).SourceText.ToString();

    /// <summary>Fails on a generator exception or on any compiler warning or error in generated code.</summary>
    public GeneratorRun AssertNoGeneratedCodeDiagnostics()
    {
        Assert.True(GeneratorException is null, "the generator threw: " + GeneratorException);
        var issues = GeneratedCodeDiagnostics.ToList();
        Assert.True(issues.Count == 0, "generated code has diagnostics:\n" + Describe(issues));
        return this;
    }

    /// <summary>As <see cref="AssertNoGeneratedCodeDiagnostics"/>, and no generator warning/error, no compile error anywhere.</summary>
    public GeneratorRun AssertClean()
    {
        AssertNoGeneratedCodeDiagnostics();
        var issues = GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Concat(CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)).ToList();
        Assert.True(issues.Count == 0, "diagnostics:\n" + Describe(issues));
        return this;
    }

    /// <summary>Emits the output compilation and loads it into a collectible context (dispose to unload).</summary>
    public CompiledAssembly Load() => CompiledAssembly.Emit(OutputCompilation);

    /// <summary>Runs the same driver again (caching tests), optionally on an edited compilation or driver.</summary>
    public GeneratorRun RunAgain(Func<CSharpCompilation, CSharpCompilation>? editCompilation = null,
        Func<GeneratorDriver, GeneratorDriver>? editDriver = null)
    {
        var compilation = editCompilation?.Invoke(InputCompilation) ?? InputCompilation;
        return Execute(editDriver?.Invoke(Driver) ?? Driver, compilation, AdditionalTexts);
    }

    /// <summary>Runs again with the AdditionalFile at <paramref name="fullPath"/> given a new text.</summary>
    public GeneratorRun RunAgainWithFile(string fullPath, string newText)
    {
        var old = AdditionalTexts.Single(t => t.Path == fullPath);
        var replacement = new InMemoryAdditionalText(fullPath, newText);
        var run = Execute(Driver.ReplaceAdditionalText(old, replacement), InputCompilation, AdditionalTexts.Replace(old, replacement));
        return run;
    }

    /// <summary>The run reasons of every output of the tracked step <paramref name="trackingName"/> (tracking on).</summary>
    public IReadOnlyList<IncrementalStepRunReason> StepReasons(string trackingName) =>
        RunResult.Results.SelectMany(r => r.TrackedSteps.TryGetValue(trackingName, out var steps) ? steps : [])
            .SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => $"{d.Location.GetLineSpan().Path}({d.Location.GetLineSpan().StartLinePosition.Line + 1}): {d.Severity} {d.Id}: {d.GetMessage()}"));
}

/// <summary>An emitted assembly in its own collectible load context; StatesGen.Runtime resolves to the test's copy,
/// so <see cref="TaskHandler"/> and <see cref="StatesException"/> are the very types the test uses.</summary>
public sealed class CompiledAssembly : IDisposable
{
    private readonly AssemblyLoadContext _context;

    private CompiledAssembly(AssemblyLoadContext context, Assembly assembly) { _context = context; Assembly = assembly; }

    public Assembly Assembly { get; }

    public static CompiledAssembly Emit(Compilation compilation)
    {
        using var pe = new MemoryStream();
        var result = compilation.Emit(pe);
        if (!result.Success)
            throw new InvalidOperationException("emit failed:\n" + GeneratorRun.Describe(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        pe.Position = 0;
        return Load(pe, compilation.AssemblyName ?? "generated");
    }

    /// <summary>Loads an image emitted elsewhere (the conformance runner emits once and inspects the result itself).</summary>
    public static CompiledAssembly Load(Stream image, string name)
    {
        var context = new AssemblyLoadContext("StatesGen.Tests:" + name, isCollectible: true);
        return new CompiledAssembly(context, context.LoadFromStream(image));
    }

    public Type? FindType(string fullName) => Assembly.GetType(fullName);

    public Type GetType(string fullName) => FindType(fullName) ?? throw new InvalidOperationException(
        $"no type {fullName}; the assembly has: {string.Join(", ", Assembly.GetTypes().Where(t => !t.IsNested).Select(t => t.FullName))}");

    /// <summary>Creates the machine through its <c>(TaskHandler, StateMachineOptions?)</c> constructor.
    /// <paramref name="options"/> is passed as is (typed object because the options type lives in the runtime).</summary>
    public StateMachine Create(string fullName, TaskHandler handler, object? options = null) => StateMachine.Create(GetType(fullName), handler, options);

    public void Dispose() => _context.Unload();
}

/// <summary>A generated machine instance, called through reflection (use <see cref="Dynamic"/> for other members).</summary>
public sealed class StateMachine
{
    private readonly MethodInfo _execute;

    private StateMachine(object instance, MethodInfo execute) { Instance = instance; _execute = execute; }

    public object Instance { get; }
    public dynamic Dynamic => Instance;
    public IStateMachine Machine => (IStateMachine)Instance;

    public static StateMachine Create(Type type, TaskHandler handler, object? options = null)
    {
        var ctor = type.GetConstructors().FirstOrDefault(c => c.GetParameters() is [var p0, ..] && p0.ParameterType == typeof(TaskHandler))
            ?? throw new MissingMethodException(type.FullName, ".ctor(TaskHandler, StateMachineOptions?)");
        var args = ctor.GetParameters().Select((p, i) => i == 0 ? handler : i == 1 && options is not null ? options : p.HasDefaultValue ? p.DefaultValue : null).ToArray();
        var execute = type.GetMethod("ExecuteAsync", [typeof(JsonNode), typeof(CancellationToken)])
            ?? throw new MissingMethodException(type.FullName, "ExecuteAsync(JsonNode?, CancellationToken)");
        return new StateMachine(Invoke(() => ctor.Invoke(args))!, execute);
    }

    /// <summary>Calls ExecuteAsync; exceptions surface as thrown by the generated code, not wrapped by reflection.</summary>
    public Task<JsonNode?> ExecuteAsync(JsonNode? input, CancellationToken cancellationToken = default) =>
        (Task<JsonNode?>)Invoke(() => _execute.Invoke(Instance, [input, cancellationToken]))!;

    private static object? Invoke(Func<object?> call)
    {
        try { return call(); }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}

internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);
    public override string Path { get; } = path;
    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>Global options (build_property.*) and per-file item metadata, as MSBuild passes them to analyzers.</summary>
internal sealed class TestOptionsProvider(IReadOnlyDictionary<string, string> global,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> perFile) : AnalyzerConfigOptionsProvider
{
    private static readonly Options s_empty = new(new Dictionary<string, string>());
    private readonly Options _global = new(global);
    private readonly Dictionary<string, Options> _perFile = perFile.ToDictionary(kv => kv.Key, kv => new Options(kv.Value));

    public override AnalyzerConfigOptions GlobalOptions => _global;
    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => s_empty;
    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _perFile.GetValueOrDefault(textFile.Path, s_empty);

    private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        private readonly Dictionary<string, string> _values = new(values, StringComparer.OrdinalIgnoreCase);
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
        public override IEnumerable<string> Keys => _values.Keys;
    }
}
