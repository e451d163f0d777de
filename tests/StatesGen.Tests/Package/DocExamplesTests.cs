using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StatesGen.Tests.Infrastructure;

namespace StatesGen.Tests.Package;

/// <summary>
/// Every C# block of README.md and docs/ compiles against the packed packages (their lib/ assemblies, and the
/// generator from the package's analyzers/ folder) with the project's definitions, as a reader would paste it.
/// Each block says how it is meant to be read in an HTML comment just above it:
/// <c>&lt;!-- compile: KIND [in=WRAPPER] [with=ID] [id=ID] [expect=SGxxxx] --&gt;</c>.
/// <list type="bullet">
/// <item><c>program</c>: a console project's Program.cs as written; <c>file</c>: one source file as written (both with
/// only a console project's implicit usings); <c>web</c>: a web project's Program.cs, with a web project's implicit
/// usings and those of the other kinds below (and <c>in=WRAPPER</c>);</item>
/// <item><c>types</c>: types of a test project; <c>members</c>: members of a test class; <c>statements</c>: the body
/// of an async method; <c>interface</c>: members of an interface. These see Package/DocExamples/Usings.cs and, with
/// <c>in=WRAPPER</c>, Package/DocExamples/WRAPPER.cs (what the surrounding text says is at hand);</item>
/// <item><c>with=ID</c> compiles the block marked <c>id=ID</c> of the same page along; <c>expect=SGxxxx</c> (the
/// diagnostics pages) requires that StatesGen error, and no compiler error.</item>
/// </list>
/// The project's definitions are the sample app's, the JSON blocks marked <c>&lt;!-- definition: PATH --&gt;</c>,
/// and Package/DocExamples/*.asl.json, in a project whose RootNamespace is <c>Shop</c>. A block without a directive
/// fails, so a new example cannot slip past.
/// </summary>
public sealed class DocExamplesTests
{
    private const string RootNamespace = "Shop";
    private static readonly string s_examples = Path.Combine(RepositoryPaths.Root, "tests", "StatesGen.Tests", "Package", "DocExamples");
    private static readonly Lazy<IReadOnlyList<Block>> s_blocks = new(ReadBlocks);
    private static readonly Lazy<Environment> s_environment = new(CreateEnvironment);

    public static TheoryData<string> Blocks()
    {
        var data = new TheoryData<string>();
        foreach (var block in s_blocks.Value.Where(b => b.Language == "csharp")) data.Add(block.Where);
        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Compiles(string where)
    {
        var block = s_blocks.Value.Single(b => b.Where == where);
        Assert.True(block.Directive != null,
            $"{where}: a C# block needs a <!-- compile: KIND ... --> comment above it (see {nameof(DocExamplesTests)})");
        var env = s_environment.Value;

        var sources = new List<SyntaxTree>();
        AddSources(block, sources);
        foreach (var id in block.Directive!.With)
        {
            var other = s_blocks.Value.SingleOrDefault(b => b.File == block.File && b.Directive?.Id == id);
            Assert.True(other != null, $"{where}: with={id} names no block of {block.File}");
            AddSources(other!, sources);
        }

        var kind = block.Directive.Kind is "program" or "web" ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        var compilation = CSharpCompilation.Create("DocExample", sources.Distinct(), env.References, new CSharpCompilationOptions(kind,
            nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999,
            specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));
        var options = new HarnessOptions { RootNamespace = RootNamespace };
        var driver = CSharpGeneratorDriver.Create([env.Generator], env.Definitions.Select(d => (AdditionalText)new InMemoryAdditionalText(GeneratorHarness.FullPath(d.Path, options), d.Text)),
            Parse, GeneratorHarness.CreateOptionsProvider(env.Definitions, options));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var diagnostics = generatorDiagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

        if (block.Directive.Expect is { } expected)
        {
            Assert.True(diagnostics.Any(d => d.Id == expected), $"{where}: expected {expected}, got:\n{Describe(diagnostics)}");
            var compiler = diagnostics.Where(d => d.Id.StartsWith("CS", StringComparison.Ordinal)).ToList();
            Assert.True(compiler.Count == 0, $"{where}: the example should fail only with {expected}:\n{Describe(compiler)}");
        }
        else
        {
            Assert.True(diagnostics.Count == 0, $"{where} does not compile as its directive says ({block.Directive.Text}):\n{Describe(diagnostics)}\n---\n{block.Code}");
        }
    }

    [Fact]
    public void Every_directive_is_understood()
    {
        var blocks = s_blocks.Value.Where(b => b.Directive != null).ToList();
        Assert.NotEmpty(blocks);
        foreach (var b in blocks)
        {
            Assert.True(b.Language == "csharp", $"{b.Where}: compile directive on a {b.Language} block");
            Assert.True(b.Directive!.Error == null, $"{b.Where}: {b.Directive.Error}");
        }
    }

    private static readonly CSharpParseOptions Parse = new(LanguageVersion.CSharp12);

    private static void AddSources(Block block, List<SyntaxTree> sources)
    {
        var d = block.Directive!;
        string Wrapped() => d.Kind switch
        {
            "members" => $"public partial class DocExample\n{{\n{block.Code}\n}}\n",
            // The body of an async method when the statements await, else of a plain one.
            "statements" => $"public partial class DocExample\n{{\n    public {(block.Code.Contains("await ", StringComparison.Ordinal) ? "async Task RunAsync" : "void Run")}()\n    {{\n{block.Code}\n    }}\n}}\n",
            "interface" => $"public partial interface IDocExample\n{{\n{block.Code}\n}}\n",
            _ => block.Code,
        };
        sources.Add(Tree(Wrapped(), block.Where));
        sources.Add(Tree(ImplicitUsings, "ImplicitUsings.cs"));
        if (d.Kind == "web") sources.Add(Tree(WebImplicitUsings, "WebImplicitUsings.cs"));
        if (d.Kind is "program" or "file") return;
        sources.Add(Tree(File.ReadAllText(Path.Combine(s_examples, "Usings.cs")), "Usings.cs"));
        if (d.Wrapper is { } wrapper)
        {
            var path = Path.Combine(s_examples, wrapper + ".cs");
            Assert.True(File.Exists(path), $"{block.Where}: in={wrapper} has no {path}");
            sources.Add(Tree(File.ReadAllText(path), wrapper + ".cs"));
        }
    }

    // What a web project adds (Microsoft.NET.Sdk.Web).
    private const string WebImplicitUsings = """
        global using System.Net.Http.Json;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    // What a console or test project with ImplicitUsings has (Microsoft.NET.Sdk).
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    // One tree per path: a block compiled "with" another shares its wrapper files.
    private static readonly Dictionary<string, SyntaxTree> s_trees = new(StringComparer.Ordinal);

    private static SyntaxTree Tree(string text, string path)
    {
        lock (s_trees)
        {
            var key = path + "\n" + text;
            if (!s_trees.TryGetValue(key, out var tree))
                s_trees[key] = tree = CSharpSyntaxTree.ParseText(text, Parse, "/docs/" + path.Replace(':', '_'), Encoding.UTF8);
            return tree;
        }
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics.Select(d => d.ToString()));

    // ---- reading the pages ----------------------------------------------------------------------------------------------

    private sealed record Block(string File, int Line, string Language, string Code, Directive? Directive, string? Definition)
    {
        public string Where => $"{File}:{Line}";
    }

    private sealed record Directive(string Text, string Kind, string? Wrapper, IReadOnlyList<string> With, string? Id, string? Expect, string? Error);

    private static readonly Regex s_fence = new(@"^(?<indent>\s*)```(?<lang>[A-Za-z#+-]*)\s*$", RegexOptions.CultureInvariant);
    private static readonly Regex s_compile = new(@"^\s*<!--\s*compile:\s*(?<body>.*?)\s*-->\s*$", RegexOptions.CultureInvariant);
    private static readonly Regex s_definition = new(@"^\s*<!--\s*definition:\s*(?<path>\S+)\s*-->\s*$", RegexOptions.CultureInvariant);
    private static readonly string[] s_kinds = ["program", "web", "file", "types", "members", "statements", "interface"];

    private static IReadOnlyList<Block> ReadBlocks()
    {
        var root = RepositoryPaths.Root;
        var pages = new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        var blocks = new List<Block>();
        foreach (var page in pages)
        {
            var name = Path.GetRelativePath(root, page).Replace('\\', '/');
            var lines = File.ReadAllLines(page);
            for (int i = 0; i < lines.Length; i++)
            {
                var open = s_fence.Match(lines[i]);
                if (!open.Success || open.Groups["lang"].Value.Length == 0) continue;
                var indent = open.Groups["indent"].Value.Length;
                int end = i + 1;
                while (end < lines.Length && lines[end].Trim() != "```") end++;
                var code = string.Join("\n", lines[(i + 1)..end].Select(l => l.Length >= indent && l[..indent].Trim().Length == 0 ? l[indent..] : l.TrimStart()));
                var above = i > 0 ? lines[i - 1] : "";
                var language = open.Groups["lang"].Value.ToLowerInvariant() is "cs" or "c#" ? "csharp" : open.Groups["lang"].Value.ToLowerInvariant();
                var compile = s_compile.Match(above);
                var definition = s_definition.Match(above);
                blocks.Add(new Block(name, i + 1, language, code, compile.Success ? ParseDirective(compile.Groups["body"].Value) : null,
                    definition.Success ? definition.Groups["path"].Value : null));
                i = end;
            }
        }
        return blocks;
    }

    private static Directive ParseDirective(string body)
    {
        var words = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? wrapper = null, id = null, expect = null, error = null;
        var with = new List<string>();
        var kind = words.Length > 0 ? words[0] : "";
        if (!s_kinds.Contains(kind)) error = $"unknown kind '{kind}' (one of {string.Join(", ", s_kinds)})";
        foreach (var word in words.Skip(1))
        {
            var eq = word.IndexOf('=');
            var (key, value) = eq > 0 ? (word[..eq], word[(eq + 1)..]) : (word, "");
            switch (key)
            {
                case "in": wrapper = value; break;
                case "with": with.Add(value); break;
                case "id": id = value; break;
                case "expect": expect = value; break;
                default: error ??= $"unknown option '{word}'"; break;
            }
        }
        return new Directive(body, kind, wrapper, with, id, expect, error);
    }

    // ---- the packages and the project -----------------------------------------------------------------------------------

    private sealed record Environment(ImmutableArray<MetadataReference> References, ISourceGenerator Generator, IReadOnlyList<AslFile> Definitions);

    private static Environment CreateEnvironment()
    {
        var libraries = PackedPackages.Projects.Select(p => p == "StatesGen.Runtime"
            ? PackedPackages.FileIn("StatesGen", "lib/net10.0/StatesGen.Runtime.dll")
            : PackedPackages.FileIn(p, $"lib/net10.0/{p}.dll"));
        // What the examples' projects reference besides StatesGen: the test framework, logging, OpenTelemetry.
        var others = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(f => Path.GetFileName(f) is var n && (n.StartsWith("xunit.", StringComparison.Ordinal) || n.StartsWith("OpenTelemetry", StringComparison.Ordinal)
                || n.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)));
        // ASP.NET Core's shared framework, next to the runtime's (the dashboard's examples are web apps).
        var netcore = new DirectoryInfo(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        var aspnet = new DirectoryInfo(Path.Combine(netcore.Parent!.Parent!.FullName, "Microsoft.AspNetCore.App"))
            .GetDirectories().Where(d => d.Name.StartsWith(netcore.Name.Split('.')[0] + ".", StringComparison.Ordinal))
            .OrderByDescending(d => Version.TryParse(d.Name.Split('-')[0], out var v) ? v : new Version()).First();
        // An assembly the runtime's references already have is not added twice; where the test folder has an older
        // Microsoft.Extensions.* than ASP.NET Core's, ASP.NET Core's is taken, as a web project would.
        var known = GeneratorHarness.References.Select(r => Path.GetFileName(r.Display!)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var web = aspnet.GetFiles("*.dll").Select(f => f.FullName).Where(f => !known.Contains(Path.GetFileName(f))).ToList();
        var webNames = web.Select(Path.GetFileName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        others = others.Where(f => !webNames.Contains(Path.GetFileName(f))).ToArray();
        var references = GeneratorHarness.References
            .Where(r => !Path.GetFileName(r.Display!).StartsWith("StatesGen", StringComparison.Ordinal))
            .Concat(libraries.Concat(others).Concat(web).Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)))
            .ToImmutableArray();

        // The generator as the package ships it, in its own load context (the test assembly has its own copy loaded).
        var context = new AssemblyLoadContext("packed-generator", isCollectible: false);
        var assembly = context.LoadFromAssemblyPath(PackedPackages.FileIn("StatesGen", "analyzers/dotnet/cs/StatesGen.dll"));
        var type = assembly.GetTypes().Single(t => t.GetCustomAttribute<GeneratorAttribute>() != null);
        var generator = ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();

        var definitions = new List<AslFile>();
        // The sample app's definitions keep their folders (and so their namespaces); the examples' go in Workflows/.
        var sample = Path.Combine(RepositoryPaths.Root, "sample-app");
        foreach (var path in Directory.GetFiles(Path.Combine(sample, "Workflows"), "*.asl.json", SearchOption.AllDirectories))
            definitions.Add(new AslFile(Path.GetRelativePath(sample, path).Replace('\\', '/'), File.ReadAllText(path)));
        foreach (var path in Directory.GetFiles(s_examples, "*.asl.json"))
            definitions.Add(new AslFile("Workflows/" + Path.GetFileName(path), File.ReadAllText(path)));
        foreach (var block in s_blocks.Value.Where(b => b.Definition != null))
            definitions.Add(new AslFile(block.Definition!, block.Code));
        return new Environment(references, generator, definitions);
    }
}
