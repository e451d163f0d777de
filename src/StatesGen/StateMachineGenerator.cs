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

            var machines = files
                .Select(static (file, ct) => Execute.Generate(file, ct))
                .WithTrackingName(TrackingNames.Machines);

            // 3. Classes marked [StateMachineTasks]: read into plain values, then bound to their definition's Task states.
            var tasksClasses = context.SyntaxProvider
                .ForAttributeWithMetadataName(Handlers.TasksClassParser.AttributeName,
                    static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
                    static (ctx, ct) => Handlers.TasksClassParser.Parse(ctx, ct))
                .WithTrackingName(TrackingNames.TasksClasses);
            var tasksImplementations = tasksClasses
                .Combine(machines.Collect())
                .Select(static (pair, _) => Handlers.TasksBinder.Bind(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.TasksImplementations);

            context.RegisterSourceOutput(machines, static (spc, machine) => Output(spc, machine));
            context.RegisterSourceOutput(tasksImplementations, static (spc, output) => Output(spc, output));
        }

        private static void Output(SourceProductionContext spc, GeneratedMachine output)
        {
            foreach (var d in output.Diagnostics) spc.ReportDiagnostic(d.ToDiagnostic());
            if (output.Source != null) spc.AddSource(output.HintName, SourceText.From(output.Source, System.Text.Encoding.UTF8));
        }

        /// <summary>The work of one file, kept out of <see cref="Initialize"/> so the pipeline reads on its own.</summary>
        internal static class Execute
        {
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
        public const string TasksClasses = nameof(TasksClasses);
        public const string TasksImplementations = nameof(TasksImplementations);
    }
}
