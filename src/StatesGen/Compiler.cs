using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using StatesGen.Generator.Diagnostics;
using StatesGen.Generator.Emit;
using StatesGen.Generator.Json;
using StatesGen.Generator.Parsing;

namespace StatesGen.Generator
{
    /// <summary>Reads, validates and emits one definition: JSON -> spec (with JSON-shape checks) -> rule families (Validation/) -> C#.</summary>
    internal static class Compiler
    {
        private static bool HasErrors(ImmutableArray<DiagnosticInfo>.Builder diagnostics)
        {
            foreach (var d in diagnostics) if (d.IsError) return true;
            return false;
        }

        public static GeneratedMachine Compile(DefinitionFile file, CancellationToken cancellationToken)
        {
            var text = SourceText.From(file.Text);
            var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>();
            if (file.NameProblem != null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidName, file.NameProblem, file.Path, text, 0, 0));
                return new GeneratedMachine(file.HintName, null, new EquatableArray<DiagnosticInfo>(diagnostics.ToImmutable()), file.Path);
            }
            var root = JsonReader.Read(file.Text, out var jsonProblems);
            foreach (var p in jsonProblems)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidJson, p.Message, file.Path, text, p.Start, p.Length));
            cancellationToken.ThrowIfCancellationRequested();
            string? source = null;
            var tasks = ImmutableArray.CreateBuilder<TaskBinding>();
            var linkNames = Linking.Linker.NamesOf(file);
            var nestedStarts = default(EquatableArray<Linking.NestedStart>);
            if (root != null)
            {
                var problems = new ProblemList();
                var machine = AslParser.Parse(root, problems, file.ClassName);
                // The validation stage over the whole spec, even when part of it could not be read.
                if (machine != null) Validation.SpecValidator.Validate(machine, problems);
                foreach (var p in problems.Items)
                    diagnostics.Add(DiagnosticInfo.Create(p.Descriptor, p.Message, file.Path, text, p.Start, p.Length));
                cancellationToken.ThrowIfCancellationRequested();
                if (machine?.Main != null && !HasErrors(diagnostics))
                {
                    source = MachineEmitter.Emit(machine, file.ClassName, file.Namespace, System.IO.Path.GetFileName(file.Path), file.Accessibility,
                        file.Text, linkNames);
                    nestedStarts = Linking.Linker.Find(machine, file.Path, text);
                    foreach (var t in machine.Tasks) tasks.Add(new TaskBinding(t.Name, t.HandlerMethod, t.Resource));
                }
            }
            var fullName = file.Namespace == null ? Identifiers.Escape(file.ClassName) : Identifiers.EscapeNamespace(file.Namespace) + "." + Identifiers.Escape(file.ClassName);
            return new GeneratedMachine(file.HintName, source, new EquatableArray<DiagnosticInfo>(diagnostics.ToImmutable()),
                file.Path, source == null ? null : fullName, new EquatableArray<TaskBinding>(tasks.ToImmutable()),
                new EquatableArray<string>(linkNames.ToImmutableArray()), nestedStarts);
        }
    }
}
