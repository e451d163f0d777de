using StatesGen.Generator.Diagnostics;

namespace StatesGen.Generator.Handlers
{
    // A user's [StateMachineTasks] class as plain values: no ISymbol or SyntaxNode crosses the pipeline.

    /// <summary>Where something is in a C# file, for diagnostics.</summary>
    internal sealed record SourceSpan(string FilePath, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn);

    internal sealed record TasksClassModel(
        string? Namespace,
        string Name,
        string DefinitionPath,
        string? SerializerContext,
        bool HasSerializerOptions,
        string? Problem,
        SourceSpan ClassLocation,
        SourceSpan AttributeLocation,
        EquatableArray<TaskMethodModel> Methods);

    /// <summary>How a method receives one of its parameters.</summary>
    internal enum ParameterRole { Input, CancellationToken, TaskContext, TaskInvocation }

    internal sealed record TaskParameter(ParameterRole Role, string Type, bool IsJsonNode);

    internal enum ReturnShape { Void, Value, Task, TaskOfValue, ValueTask, ValueTaskOfValue }

    internal sealed record TaskMethodModel(
        string Name,
        string? StateName,
        EquatableArray<TaskParameter> Parameters,
        ReturnShape Return,
        string? ResultType,
        bool ResultIsJsonNode,
        string? Problem,
        SourceSpan Location);
}
