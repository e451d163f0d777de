using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace StatesGen.Generator.Diagnostics
{
    /// <summary>
    /// A diagnostic as plain values, so pipeline outputs stay equatable (a Location or Diagnostic would defeat caching).
    /// </summary>
    internal sealed record DiagnosticInfo(string Id, string Message, string FilePath, int Start, int Length,
        int StartLine, int StartColumn, int EndLine, int EndColumn)
    {
        public Diagnostic ToDiagnostic()
        {
            var descriptor = Find(Id);
            var location = Location.Create(FilePath, new TextSpan(Start, Length),
                new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));
            return Diagnostic.Create(descriptor, location, Message);
        }

        public bool IsError => Find(Id).DefaultSeverity == DiagnosticSeverity.Error;

        private static DiagnosticDescriptor Find(string id) =>
            DiagnosticDescriptors.ById.TryGetValue(id, out var descriptor) ? descriptor : DiagnosticDescriptors.InternalError;

        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, string message, string path, SourceText text, int start, int length)
        {
            start = Math.Max(0, Math.Min(start, text.Length));
            length = Math.Max(0, Math.Min(length, text.Length - start));
            var lines = text.Lines.GetLinePositionSpan(new TextSpan(start, length));
            return new DiagnosticInfo(descriptor.Id, message, path, start, length,
                lines.Start.Line, lines.Start.Character, lines.End.Line, lines.End.Character);
        }
    }
}
