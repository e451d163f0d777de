using System;
using System.Collections.Immutable;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using StatesGen.Generator.Diagnostics;

namespace StatesGen.Generator
{
    /// <summary>
    /// Compiles every <c>*.asl.json</c> AdditionalFile into a C# class.
    /// The pipeline has two steps, both over plain values so Roslyn can cache them:
    /// 1. <see cref="DefinitionFile"/>: the file's path, text and the options that decide its class name and
    ///    namespace. An unrelated C# edit leaves it equal, so nothing downstream runs again.
    /// 2. <see cref="GeneratedMachine"/>: parse, validate and emit together, giving the source text and the
    ///    diagnostics as values. A whitespace-only edit of a definition changes step 1 but yields the same source, so
    ///    the output is Unchanged and the compilation is not touched.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class StateMachineGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var files = context.AdditionalTextsProvider
                .Where(static file => file.Path.EndsWith(".asl.json", StringComparison.OrdinalIgnoreCase))
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select(static (pair, ct) => DefinitionFile.Create(pair.Left, pair.Right, ct))
                .WithTrackingName(TrackingNames.Files);

            var generated = files
                .Select(static (file, ct) => Execute.Generate(file, ct))
                .WithTrackingName(TrackingNames.Machines);

            // 3. Two definitions that generate the same type (same class name in folders mapped to one namespace, linked
            //    files, metadata overrides): SG0014 on each, and neither is added, so the compiler never reports a
            //    CS0101 in generated code that explains nothing. Only the type names take part, so an edit that keeps
            //    every name leaves this step's output equal.
            var typeOwners = generated
                .Select(static (m, _) => m.FullClassName == null ? null : new TypeOwner(m.FullClassName, m.Path))
                .Collect()
                .Select(static (owners, _) => Execute.Duplicates(owners))
                .WithTrackingName(TrackingNames.DuplicateTypes);
            var machines = generated
                .Combine(typeOwners)
                .Select(static (pair, _) => Execute.RejectDuplicate(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.CheckedMachines);

            // 4. Nested executions: each definition with states:startExecution Tasks gets a second part that lists the
            //    classes it may start. Only the names of the definitions take part, so editing one definition's states
            //    re-links nothing else.
            var catalog = machines
                .Collect()
                .Select(static (all, _) => Linking.Linker.Catalog(all))
                .WithTrackingName(TrackingNames.Catalog);
            var links = machines
                .Where(static m => m.Source != null && m.NestedStarts.Count > 0)
                .Combine(catalog)
                .Select(static (pair, _) => Linking.Linker.Link(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.Links);

            // 5. Classes marked [StateMachineTasks]: read into plain values, then bound to their definition's Task states.
            var tasksClasses = context.SyntaxProvider
                .ForAttributeWithMetadataName(Handlers.TasksClassParser.AttributeName,
                    static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
                    static (ctx, ct) => Handlers.TasksClassParser.Parse(ctx, ct))
                .WithTrackingName(TrackingNames.TasksClasses);
            var tasksImplementations = tasksClasses
                .Combine(machines.Collect())
                .Select(static (pair, _) => Handlers.TasksBinder.Bind(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.TasksImplementations);

            // 6. The runtime the project references: generated code needs one at least as new as this generator. Only
            //    the version is kept, so edits elsewhere in the compilation leave this step's output equal.
            var runtime = context.CompilationProvider
                .Select(static (compilation, _) => RuntimeReference.Read(compilation))
                .WithTrackingName(TrackingNames.Runtime);

            context.RegisterSourceOutput(runtime, static (spc, r) =>
            {
                if (r.ToDiagnostic() is { } d) spc.ReportDiagnostic(d);
            });
            context.RegisterSourceOutput(machines.Combine(runtime), static (spc, pair) => Output(spc, pair.Left, pair.Right));
            context.RegisterSourceOutput(tasksImplementations.Combine(runtime), static (spc, pair) => Output(spc, pair.Left, pair.Right));
            context.RegisterSourceOutput(links.Combine(runtime), static (spc, pair) =>
            {
                foreach (var d in pair.Left.Diagnostics) spc.ReportDiagnostic(d.ToDiagnostic());
                if (pair.Left.Source != null && pair.Right.Problem == null)
                    spc.AddSource(pair.Left.HintName, SourceText.From(pair.Left.Source, System.Text.Encoding.UTF8));
            });
        }

        private static void Output(SourceProductionContext spc, GeneratedMachine output, RuntimeReference runtime)
        {
            foreach (var d in output.Diagnostics) spc.ReportDiagnostic(d.ToDiagnostic());
            if (output.Source != null && runtime.Problem == null)
                spc.AddSource(output.HintName, SourceText.From(output.Source, System.Text.Encoding.UTF8));
        }

        /// <summary>The work of one file, kept out of <see cref="Initialize"/> so the pipeline reads on its own.</summary>
        internal static class Execute
        {
            /// <summary>The owners of every type that more than one definition generates, in path order.</summary>
            public static EquatableArray<TypeOwner> Duplicates(ImmutableArray<TypeOwner?> owners)
            {
                var byName = new System.Collections.Generic.Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var o in owners) if (o != null) byName[o.FullName] = byName.TryGetValue(o.FullName, out var n) ? n + 1 : 1;
                var result = ImmutableArray.CreateBuilder<TypeOwner>();
                foreach (var o in owners) if (o != null && byName[o.FullName] > 1) result.Add(o);
                result.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
                return new EquatableArray<TypeOwner>(result.ToImmutable());
            }

            public static GeneratedMachine RejectDuplicate(GeneratedMachine machine, EquatableArray<TypeOwner> duplicates)
            {
                if (machine.FullClassName == null || duplicates.Count == 0) return machine;
                var others = new System.Collections.Generic.List<string>();
                foreach (var d in duplicates)
                    if (d.FullName == machine.FullClassName && d.Path != machine.Path) others.Add(d.Path);
                if (others.Count == 0) return machine;
                var d0 = new DiagnosticInfo(DiagnosticDescriptors.DuplicateClass.Id,
                    $"This definition and {string.Join(", ", others)} both generate the class {machine.FullClassName}; give one of them its own StatesGenClassName or StatesGenNamespace metadata.",
                    machine.Path, 0, 0, 0, 0, 0, 0);
                return new GeneratedMachine(machine.HintName, null, new EquatableArray<DiagnosticInfo>(machine.Diagnostics.Items.Add(d0)), machine.Path);
            }

            public static GeneratedMachine Generate(DefinitionFile file, CancellationToken cancellationToken)
            {
                try
                {
                    return Compiler.Compile(file, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    throw;
                }
                catch (Exception e)
                {
                    // Never a silent CS8785: an unexpected failure becomes a visible error on the file.
                    var d = new DiagnosticInfo(DiagnosticDescriptors.InternalError.Id,
                        $"StatesGen failed on this definition ({e.GetType().Name}: {e.Message}). Please report it with the definition.",
                        file.Path, 0, 0, 0, 0, 0, 0);
                    return new GeneratedMachine(file.HintName, null, new EquatableArray<DiagnosticInfo>(ImmutableArray.Create(d)));
                }
            }
        }
    }

    /// <summary>Names of the tracked pipeline steps, for incremental-caching tests.</summary>
    internal static class TrackingNames
    {
        public const string Files = nameof(Files);
        public const string Machines = nameof(Machines);
        public const string DuplicateTypes = nameof(DuplicateTypes);
        public const string CheckedMachines = nameof(CheckedMachines);
        public const string TasksClasses = nameof(TasksClasses);
        public const string Catalog = nameof(Catalog);
        public const string Links = nameof(Links);
        public const string TasksImplementations = nameof(TasksImplementations);
        public const string Runtime = nameof(Runtime);
    }
}
