using System;
using Microsoft.CodeAnalysis;
using StatesGen.Generator.Diagnostics;

namespace StatesGen.Generator
{
    /// <summary>
    /// The version of the StatesGen runtime the compilation references, checked against this generator's: generated
    /// code calls runtime helpers of the generator's own version, so a runtime older than the generator would fail with
    /// CS0117/CS1501 errors inside generated files that explain nothing. <see cref="Problem"/> says it plainly instead,
    /// and no class is generated. A compilation without the runtime keeps generating (the compiler then reports the
    /// missing <c>StatesGen</c> namespace), so a project that only adds the analyzer still sees its definitions checked.
    /// </summary>
    internal sealed record RuntimeReference(string? Problem)
    {
        public const string AssemblyName = "StatesGen.Runtime";

        public static RuntimeReference Read(Compilation compilation)
        {
            var generator = typeof(RuntimeReference).Assembly.GetName().Version ?? new Version(0, 0);
            foreach (var reference in compilation.ReferencedAssemblyNames)
            {
                if (!string.Equals(reference.Name, AssemblyName, StringComparison.Ordinal)) continue;
                var runtime = reference.Version;
                // Major.minor.build: the assembly version carries no revision of ours.
                if (Compare(runtime, generator) >= 0) return new RuntimeReference((string?)null);
                return new RuntimeReference(
                    $"The StatesGen runtime referenced ({AssemblyName} {Text(runtime)}) is older than the StatesGen generator ({Text(generator)}) that compiles this project's .asl.json files; " +
                    "no class was generated. Reference one version of StatesGen: update the package reference (or the project reference to StatesGen.Runtime) so both come from the same release.");
            }
            return new RuntimeReference((string?)null);
        }

        public Diagnostic? ToDiagnostic() =>
            Problem == null ? null : Diagnostic.Create(DiagnosticDescriptors.RuntimeTooOld, Location.None, Problem);

        private static int Compare(Version a, Version b)
        {
            if (a.Major != b.Major) return a.Major.CompareTo(b.Major);
            if (a.Minor != b.Minor) return a.Minor.CompareTo(b.Minor);
            return Math.Max(a.Build, 0).CompareTo(Math.Max(b.Build, 0));
        }

        private static string Text(Version v) => $"{v.Major}.{v.Minor}.{Math.Max(v.Build, 0)}";
    }
}
