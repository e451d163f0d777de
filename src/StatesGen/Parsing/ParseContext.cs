using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using StatesGen.Generator.Json;
using StatesGen.Generator.Model;

namespace StatesGen.Generator.Parsing
{
    /// <summary>A problem found in a definition, located by character offsets in the .asl.json text.</summary>
    internal readonly struct Problem
    {
        public Problem(DiagnosticDescriptor descriptor, string message, int start, int length)
        {
            Descriptor = descriptor; Message = message; Start = start; Length = length;
        }

        public DiagnosticDescriptor Descriptor { get; }
        public string Message { get; }
        public int Start { get; }
        public int Length { get; }
    }

    /// <summary>Collects problems so that a file reports all of them, not only the first.</summary>
    internal sealed class ProblemList
    {
        public List<Problem> Items { get; } = new List<Problem>();

        public bool HasErrors => Items.Exists(p => p.Descriptor.DefaultSeverity == DiagnosticSeverity.Error);

        public void Add(DiagnosticDescriptor d, string message, JsonValueSyntax at) => Items.Add(new Problem(d, message, at.Start, at.End - at.Start));

        public void Add(DiagnosticDescriptor d, string message, JsonPropertySyntax key) => Items.Add(new Problem(d, message, key.NameStart, key.NameEnd - key.NameStart));

        public void Add(DiagnosticDescriptor d, string message, SourceSpan at) => Items.Add(new Problem(d, message, at.Start, at.Length));

        public void Add(DiagnosticDescriptor d, string message, int start, int length) => Items.Add(new Problem(d, message, start, length));
    }
}
