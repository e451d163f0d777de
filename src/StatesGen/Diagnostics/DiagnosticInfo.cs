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

        private static DiagnosticDescriptor Find(string id) => id switch
        {
            "SG0001" => DiagnosticDescriptors.InvalidJson,
            "SG0002" => DiagnosticDescriptors.InvalidStructure,
            "SG0003" => DiagnosticDescriptors.UnknownState,
            "SG0004" => DiagnosticDescriptors.InvalidValue,
            "SG0005" => DiagnosticDescriptors.InvalidPath,
            "SG0006" => DiagnosticDescriptors.InvalidIntrinsic,
            "SG0007" => DiagnosticDescriptors.InvalidChoiceRule,
            "SG0008" => DiagnosticDescriptors.NotSupported,
            "SG0009" => DiagnosticDescriptors.UnreachableState,
            "SG0010" => DiagnosticDescriptors.NoTerminalState,
            "SG0200" => DiagnosticDescriptors.MissingTaskMethod,
            "SG0201" => DiagnosticDescriptors.UnknownTaskState,
            "SG0202" => DiagnosticDescriptors.InvalidTaskMethod,
            "SG0203" => DiagnosticDescriptors.UnknownDefinition,
            "SG0204" => DiagnosticDescriptors.InvalidTasksClass,
            "SG0100" => DiagnosticDescriptors.ChoiceWithoutDefault,
            "SG0101" => DiagnosticDescriptors.LoopWithoutExit,
            "SG0102" => DiagnosticDescriptors.PathWithoutDollarKey,
            _ => DiagnosticDescriptors.InternalError,
        };

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
