using System.Linq;
using Microsoft.CodeAnalysis;

namespace StatesGen.Generator.Diagnostics
{
    /// <summary>Every diagnostic StatesGen reports. IDs are stable; each has a help page under docs/diagnostics/.</summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "StatesGen";
        // The project's public home (StatesGenRepositoryUrl in Directory.Build.props, stamped into this assembly): help
        // links point at docs/diagnostics/<ID>.md there. Empty until the project has one: then no help link at all,
        // rather than an invented address (the pages also ship in the package, under docs/diagnostics/).
        private static readonly string? HelpBase = RepositoryDocs();

        private static string? RepositoryDocs()
        {
            foreach (var a in typeof(DiagnosticDescriptors).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false))
                if (a is System.Reflection.AssemblyMetadataAttribute { Key: "StatesGenRepositoryUrl" } m && !string.IsNullOrWhiteSpace(m.Value))
                    return m.Value!.TrimEnd('/') + "/blob/main/docs/diagnostics/";
            return null;
        }

        private static DiagnosticDescriptor Create(string id, string title, string description, DiagnosticSeverity severity) =>
            new DiagnosticDescriptor(id, title, "{0}", Category, severity, isEnabledByDefault: true,
                description: description, helpLinkUri: HelpBase == null ? null : HelpBase + id + ".md");

        private static DiagnosticDescriptor Error(string id, string title, string description) => Create(id, title, description, DiagnosticSeverity.Error);

        private static DiagnosticDescriptor Warning(string id, string title, string description) => Create(id, title, description, DiagnosticSeverity.Warning);

        /// <summary>Style advice: shown in the IDE, never breaks a TreatWarningsAsErrors build (raise it in .editorconfig).</summary>
        private static DiagnosticDescriptor Suggestion(string id, string title, string description) => Create(id, title, description, DiagnosticSeverity.Info);

        public static readonly DiagnosticDescriptor InvalidJson = Error("SG0001", "The definition is not valid JSON",
            "The .asl.json file could not be read as strict JSON (RFC 8259), which AWS Step Functions requires.");

        public static readonly DiagnosticDescriptor InvalidStructure = Error("SG0002", "Invalid state machine structure",
            "A required field is missing, a field has the wrong JSON type, or a field is not allowed where it is.");

        public static readonly DiagnosticDescriptor UnknownState = Error("SG0003", "Transition to a state that does not exist",
            "StartAt, Next, Default and Catch Next must name a state of the same States block.");

        public static readonly DiagnosticDescriptor InvalidValue = Error("SG0004", "Invalid field value",
            "A field has a value that AWS Step Functions would reject when the state machine is created.");

        public static readonly DiagnosticDescriptor InvalidPath = Error("SG0005", "Invalid JSONPath",
            "A path field holds a JSONPath that cannot be parsed, or a path that is not allowed in that field.");

        public static readonly DiagnosticDescriptor InvalidIntrinsic = Error("SG0006", "Invalid intrinsic function call",
            "An intrinsic function call is malformed, unknown, or has the wrong number or type of arguments.");

        public static readonly DiagnosticDescriptor InvalidChoiceRule = Error("SG0007", "Invalid Choice rule",
            "A Choice rule must have exactly one comparison operator (or And, Or, Not) and a Next at the top level only.");

        public static readonly DiagnosticDescriptor UnreachableState = Error("SG0009", "State is not reachable",
            "Every state must be reachable from StartAt through Next, Default, Choice rules or Catch; AWS rejects a definition with an unreachable state.");

        public static readonly DiagnosticDescriptor NoTerminalState = Error("SG0010", "No terminal state",
            "Every States block needs a reachable state that ends it: End: true, a Succeed state or a Fail state.");

        public static readonly DiagnosticDescriptor InvalidVariable = Error("SG0011", "Invalid workflow variable",
            "A variable name is malformed or reserved (\"states\"), or a Parallel branch or Map iteration assigns a variable of an enclosing scope.");

        public static readonly DiagnosticDescriptor InvalidJsonata = Error("SG0012", "Invalid JSONata expression",
            "A {% %} expression does not parse as JSONata, or uses what AWS Step Functions does not allow in that field.");

        public static readonly DiagnosticDescriptor UnassignedVariableReference = Error("SG0013", "Variable never assigned before its use",
            "A $name in a JSONPath path, .$ value or intrinsic argument names a variable that no state can have assigned before it: no state of the scope or an enclosing one assigns it, or none on a path to the reference.");

        public static readonly DiagnosticDescriptor DuplicateClass = Error("SG0014", "Two definitions generate the same class",
            "Two .asl.json files map to the same namespace and class name (file names that differ only in case or punctuation, folders that map to one namespace, linked files, StatesGenClassName/StatesGenNamespace metadata). Give one of them its own StatesGenClassName or StatesGenNamespace.");

        public static readonly DiagnosticDescriptor InvalidName = Error("SG0015", "Invalid class name or namespace",
            "The StatesGenClassName or StatesGenNamespace metadata (or the project's RootNamespace) is not a C# identifier or dotted namespace name.");

        public static readonly DiagnosticDescriptor RuntimeTooOld = Error("SG0020", "StatesGen runtime older than the generator",
            "The project references a StatesGen runtime (StatesGen.Runtime) older than the generator that compiles its definitions. Reference one version of StatesGen.");

        public static readonly DiagnosticDescriptor MissingTaskMethod = Error("SG0200", "Task state without a method",
            "A [StateMachineTasks] class must have a method for every Task state of its definition.");

        public static readonly DiagnosticDescriptor UnknownTaskState = Error("SG0201", "[TaskState] names no Task state",
            "The state name in [TaskState] must be the name of a Task state of the class's definition.");

        public static readonly DiagnosticDescriptor InvalidTaskMethod = Error("SG0202", "Unusable task method signature",
            "A task method takes at most one input parameter plus optional CancellationToken, TaskContext or TaskInvocation, and is not generic.");

        public static readonly DiagnosticDescriptor UnknownDefinition = Error("SG0203", "Definition not found",
            "The path in [StateMachineTasks] must name an .asl.json AdditionalFile of the project.");

        public static readonly DiagnosticDescriptor InvalidTasksClass = Error("SG0204", "Unusable [StateMachineTasks] class",
            "A [StateMachineTasks] class must be partial, top-level and not generic.");

        public static readonly DiagnosticDescriptor ChoiceWithoutDefault = Suggestion("SG0100", "Choice state without Default",
            "When no rule matches and there is no Default, the execution fails with States.NoChoiceMatched.");

        public static readonly DiagnosticDescriptor LoopWithoutExit = Warning("SG0101", "Loop with no way out",
            "These states transition only among themselves: once entered, the execution can never end (except by a timeout).");

        public static readonly DiagnosticDescriptor PathWithoutDollarKey = Warning("SG0102", "Path-looking value under a key without .$",
            "A string starting with '$.' under a key that does not end in '.$' is passed on as a literal string, not evaluated (AWS's NO_DOLLAR warning).");

        public static readonly DiagnosticDescriptor UnassignedVariable = Warning("SG0103", "JSONata variable never assigned",
            "A JSONata expression reads a variable that no state can have assigned before it, so it is undefined there (States.QueryEvaluationError where a value is needed). AWS accepts such a definition.");

        public static readonly DiagnosticDescriptor UnlinkedStateMachine = Suggestion("SG0104", "Nested execution of a state machine that is not in this project",
            "A states:startExecution Task names a state machine by a constant ARN, and no definition of the project has that name, so its executions go to the task handler. A typo in the name would make a nested execution leave the process.");

        public static readonly DiagnosticDescriptor InternalError = Error("SG9999", "StatesGen failed on this definition",
            "An unexpected error inside the generator. Please report it with the definition that caused it.");
    
        /// <summary>Every descriptor by ID. Declared last: static fields initialize in textual order.</summary>
        public static readonly System.Collections.Generic.Dictionary<string, DiagnosticDescriptor> ById = new DiagnosticDescriptor[]
        {
            InvalidJson, InvalidStructure, UnknownState, InvalidValue, InvalidPath, InvalidIntrinsic, InvalidChoiceRule, UnreachableState, NoTerminalState, InvalidVariable, InvalidJsonata, UnassignedVariableReference, DuplicateClass, InvalidName, MissingTaskMethod, UnknownTaskState, InvalidTaskMethod, UnknownDefinition, InvalidTasksClass, ChoiceWithoutDefault, LoopWithoutExit, PathWithoutDollarKey, UnassignedVariable, UnlinkedStateMachine, InternalError,
        }.ToDictionary(d => d.Id);
    }
}
