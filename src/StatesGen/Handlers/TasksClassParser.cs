using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StatesGen.Generator.Handlers
{
    /// <summary>Reads a [StateMachineTasks] class into <see cref="TasksClassModel"/> (symbols stay in this step).</summary>
    internal static class TasksClassParser
    {
        public const string AttributeName = "StatesGen.StateMachineTasksAttribute";
        private static readonly SymbolDisplayFormat FullName = SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
            SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        public static TasksClassModel Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var attribute = context.Attributes[0];
            var definitionPath = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string ?? "" : "";
            string? serializerContext = null;
            foreach (var named in attribute.NamedArguments)
                if (named.Key == "SerializerContext" && named.Value.Value is INamedTypeSymbol ctx) serializerContext = ctx.ToDisplayString(FullName);
            bool hasOptions = type.GetMembers("SerializerOptions").Any(m => m.IsStatic &&
                ((m as IPropertySymbol)?.Type ?? (m as IFieldSymbol)?.Type)?.ToDisplayString() == "System.Text.Json.JsonSerializerOptions");

            string? problem = null;
            var declaration = (ClassDeclarationSyntax)context.TargetNode;
            if (!declaration.Modifiers.Any(m => m.Text == "partial")) problem = $"'{type.Name}' must be declared partial so StatesGen can add the ITasks implementation.";
            else if (type.ContainingType != null) problem = $"'{type.Name}' must not be nested in another type.";
            else if (type.TypeParameters.Length > 0) problem = $"'{type.Name}' must not be generic.";

            var methods = ImmutableArray.CreateBuilder<TaskMethodModel>();
            foreach (var member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member is not IMethodSymbol method || method.MethodKind != MethodKind.Ordinary || method.IsImplicitlyDeclared) continue;
                var stateAttribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "StatesGen.TaskStateAttribute");
                var stateName = stateAttribute?.ConstructorArguments.Length == 1 ? stateAttribute.ConstructorArguments[0].Value as string : null;
                methods.Add(ReadMethod(method, stateName));
            }
            return new TasksClassModel(
                type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
                type.Name, definitionPath, serializerContext, hasOptions, problem,
                Span(declaration.Identifier.GetLocation()),
                Span(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? declaration.GetLocation()),
                new EquatableArray<TaskMethodModel>(methods.ToImmutable()));
        }

        private static TaskMethodModel ReadMethod(IMethodSymbol method, string? stateName)
        {
            string? problem = null;
            var parameters = ImmutableArray.CreateBuilder<TaskParameter>();
            int inputs = 0;
            foreach (var p in method.Parameters)
            {
                var typeName = p.Type.ToDisplayString(FullName);
                var plain = p.Type.ToDisplayString();
                if (p.RefKind != RefKind.None) problem ??= $"parameter '{p.Name}' must not be ref, out or in.";
                if (plain == "System.Threading.CancellationToken") parameters.Add(new TaskParameter(ParameterRole.CancellationToken, typeName, false));
                else if (plain == "StatesGen.TaskContext") parameters.Add(new TaskParameter(ParameterRole.TaskContext, typeName, false));
                else if (plain == "StatesGen.TaskInvocation") parameters.Add(new TaskParameter(ParameterRole.TaskInvocation, typeName, false));
                else
                {
                    inputs++;
                    parameters.Add(new TaskParameter(ParameterRole.Input, typeName, plain.StartsWith("System.Text.Json.Nodes.JsonNode", System.StringComparison.Ordinal)));
                }
            }
            if (inputs > 1) problem ??= "a task method takes at most one input parameter (plus optional CancellationToken, TaskContext or TaskInvocation).";
            if (method.IsGenericMethod) problem ??= "a task method must not be generic.";

            var returnType = method.ReturnType as INamedTypeSymbol;
            var returnName = method.ReturnType.ToDisplayString();
            ReturnShape shape;
            ITypeSymbol? result = null;
            if (method.ReturnsVoid) shape = ReturnShape.Void;
            else if (returnName == "System.Threading.Tasks.Task") shape = ReturnShape.Task;
            else if (returnName == "System.Threading.Tasks.ValueTask") shape = ReturnShape.ValueTask;
            else if (returnType is { IsGenericType: true } && returnType.ConstructedFrom.ToDisplayString() == "System.Threading.Tasks.Task<TResult>") { shape = ReturnShape.TaskOfValue; result = returnType.TypeArguments[0]; }
            else if (returnType is { IsGenericType: true } && returnType.ConstructedFrom.ToDisplayString() == "System.Threading.Tasks.ValueTask<TResult>") { shape = ReturnShape.ValueTaskOfValue; result = returnType.TypeArguments[0]; }
            else { shape = ReturnShape.Value; result = method.ReturnType; }
            return new TaskMethodModel(method.Name, stateName, new EquatableArray<TaskParameter>(parameters.ToImmutable()), shape,
                result?.ToDisplayString(FullName), result?.ToDisplayString().StartsWith("System.Text.Json.Nodes.JsonNode", System.StringComparison.Ordinal) ?? false,
                problem, Span(method.Locations.FirstOrDefault() ?? Location.None));
        }

        private static SourceSpan Span(Location location)
        {
            var line = location.GetLineSpan();
            return new SourceSpan(line.Path ?? "", location.SourceSpan.Start, location.SourceSpan.Length,
                line.StartLinePosition.Line, line.StartLinePosition.Character, line.EndLinePosition.Line, line.EndLinePosition.Character);
        }
    }
}
