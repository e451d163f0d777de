using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using StatesGen.Generator;

namespace StatesGen.Benchmarks;

/// <summary>
/// The generator in-process (CSharpGeneratorDriver, Microsoft.CodeAnalysis.CSharp 4.8.0, the Roslyn it is built
/// against) over 100 definitions of 50 states each (variants of Workflows/Chain50.asl.json) plus 20 C# files:
/// Cold         a new driver: every definition parsed, checked and emitted, every generated file parsed;
/// UnrelatedEdit     the driver after a first run, given a compilation whose C# file 0 gained a method;
/// OneDefinitionEdit the driver after a first run, given definition 0 with one Choice operand changed (151 for 150),
///                   so that one class is emitted again and 99 come from the cache.
/// Each iteration starts from the same driver state (drivers are immutable), so each measures one build.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private GeneratorWorkload _w = null!;

    [GlobalSetup]
    public void Setup()
    {
        GeneratorAssembly.EnsureLoadable();
        _w = GeneratorWorkload.Create();
    }

    [Benchmark(Baseline = true)]
    public GeneratorDriver Cold() => _w.NewDriver().RunGeneratorsAndUpdateCompilation(_w.Compilation, out _, out _);

    [Benchmark]
    public GeneratorDriver UnrelatedEdit() => _w.Warm.RunGeneratorsAndUpdateCompilation(_w.EditedCompilation, out _, out _);

    [Benchmark]
    public GeneratorDriver OneDefinitionEdit() =>
        _w.Warm.ReplaceAdditionalText(_w.Texts[0], _w.EditedText).RunGeneratorsAndUpdateCompilation(_w.Compilation, out _, out _);
}

/// <summary>
/// The generator's assembly is StatesGen.dll and the runtime's package id is StatesGen too, so the SDK lists only one
/// of them in deps.json and the host never finds the generator, although the build copies it next to this assembly.
/// Call before any code that uses <see cref="GeneratorWorkload"/> is compiled.
/// </summary>
public static class GeneratorAssembly
{
    private static int s_registered;

    public static void EnsureLoadable()
    {
        if (Interlocked.Exchange(ref s_registered, 1) != 0) return;
        System.Runtime.Loader.AssemblyLoadContext.Default.Resolving += static (context, name) =>
        {
            if (name.Name != "StatesGen") return null;
            foreach (var dir in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(GeneratorAssembly).Assembly.Location)! })
            {
                var path = Path.Combine(dir, "StatesGen.dll");
                if (File.Exists(path)) return context.LoadFromAssemblyPath(path);
            }
            return null;
        };
    }
}

/// <summary>The inputs of <see cref="GeneratorBenchmarks"/>, also used by <c>--verify</c>.</summary>
public sealed class GeneratorWorkload
{
    public const int Definitions = 100;
    public const int CSharpFiles = 20;
    private const string ProjectDir = "/bench/";

    private readonly CSharpParseOptions _parseOptions = new(LanguageVersion.CSharp12);
    private readonly AnalyzerConfigOptionsProvider _options;

    private GeneratorWorkload()
    {
        var template = Workloads.ReadText("Chain50.asl.json");
        if (!template.Contains("step {}'", StringComparison.Ordinal) || !template.Contains("\"NumericGreaterThan\": 150", StringComparison.Ordinal))
            throw new InvalidOperationException("Chain50.asl.json changed: update GeneratorWorkload's edits");
        // Variant i differs in its States.Format template, so no two definitions are equal texts.
        Texts = Enumerable.Range(0, Definitions)
            .Select(i => (AdditionalText)new MemoryText($"{ProjectDir}Workflows/Chain{i:000}.asl.json", template.Replace("step {}'", $"step {{}} v{i}'", StringComparison.Ordinal)))
            .ToImmutableArray();
        EditedText = new MemoryText(Texts[0].Path, Texts[0].GetText()!.ToString().Replace("\"NumericGreaterThan\": 150", "\"NumericGreaterThan\": 151", StringComparison.Ordinal));
        _options = new OptionsProvider(new Dictionary<string, string>
        {
            ["build_property.RootNamespace"] = "Bench",
            ["build_property.ProjectDir"] = ProjectDir,
        });
        var trees = Enumerable.Range(0, CSharpFiles).Select(i => Parse(CSharpFile(i, methods: 10), i)).ToList();
        Compilation = CSharpCompilation.Create("Bench", trees, References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        EditedCompilation = Compilation.ReplaceSyntaxTree(trees[0], Parse(CSharpFile(0, methods: 11), 0));
        Warm = NewDriver().RunGeneratorsAndUpdateCompilation(Compilation, out _, out _);
    }

    public static GeneratorWorkload Create() => new();

    public ImmutableArray<AdditionalText> Texts { get; }
    public AdditionalText EditedText { get; }
    public CSharpCompilation Compilation { get; }
    public CSharpCompilation EditedCompilation { get; }
    /// <summary>A driver that has run once over <see cref="Compilation"/> and <see cref="Texts"/>.</summary>
    public GeneratorDriver Warm { get; }

    public GeneratorDriver NewDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create([new StateMachineGenerator().AsSourceGenerator()], Texts, _parseOptions, _options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackSteps));

    private SyntaxTree Parse(string text, int i) => CSharpSyntaxTree.ParseText(text, _parseOptions, $"/bench/Code{i}.cs", Encoding.UTF8);

    private static string CSharpFile(int index, int methods)
    {
        var sb = new StringBuilder($"namespace Bench.Code;\n\npublic sealed class Service{index}\n{{\n");
        for (int m = 0; m < methods; m++)
            sb.Append($"    public int Compute{m}(int x) => x * {m + 1} + {index};\n");
        return sb.Append("}\n").ToString();
    }

    // The shared framework this process runs on, plus StatesGen.Runtime (what generated code calls).
    private static IEnumerable<MetadataReference> References()
    {
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return tpa.Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDir, StringComparison.Ordinal))
            .Append(typeof(TaskHandler).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
    }

    private sealed class MemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);
        public override string Path { get; } = path;
        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class OptionsProvider(Dictionary<string, string> global) : AnalyzerConfigOptionsProvider
    {
        private static readonly Options s_empty = new(new Dictionary<string, string>());
        private readonly Options _global = new(global);
        public override AnalyzerConfigOptions GlobalOptions => _global;
        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => s_empty;
        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => s_empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
