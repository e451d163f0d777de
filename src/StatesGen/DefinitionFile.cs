using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StatesGen.Generator.Parsing;

namespace StatesGen.Generator
{
    /// <summary>
    /// One definition file with everything that decides its output, as plain values. <see cref="ClassName"/> and
    /// <see cref="Namespace"/> are as reflection shows them (no '@'); <see cref="NameProblem"/> says why they cannot be
    /// used, when they cannot.
    /// </summary>
    internal sealed record DefinitionFile(string Path, string Text, string ClassName, string? Namespace, string HintName, string Accessibility,
        string? NameProblem = null, string? StateMachineName = null)
    {
        /// <summary>The file name without <c>.asl.json</c>: the state machine name a nested execution's ARN uses for it.</summary>
        public string BaseName
        {
            get
            {
                var fileName = System.IO.Path.GetFileName(Path);
                return fileName.Substring(0, fileName.Length - ".asl.json".Length);
            }
        }

        /// <summary>The generated type's full name, as reflection shows it.</summary>
        public string FullName => Namespace == null ? ClassName : Namespace + "." + ClassName;

        public static DefinitionFile Create(AdditionalText file, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
        {
            var text = file.GetText(cancellationToken)?.ToString() ?? "";
            var global = options.GlobalOptions;
            var fileOptions = options.GetOptions(file);
            global.TryGetValue("build_property.RootNamespace", out var rootNamespace);
            global.TryGetValue("build_property.ProjectDir", out var projectDir);
            fileOptions.TryGetValue("build_metadata.AdditionalFiles.StatesGenClassName", out var classOverride);
            fileOptions.TryGetValue("build_metadata.AdditionalFiles.StatesGenNamespace", out var namespaceOverride);
            fileOptions.TryGetValue("build_metadata.AdditionalFiles.StatesGenAccessibility", out var accessibility);
            fileOptions.TryGetValue("build_metadata.AdditionalFiles.StatesGenStateMachineName", out var machineName);

            var fileName = System.IO.Path.GetFileName(file.Path);
            var baseName = fileName.Substring(0, fileName.Length - ".asl.json".Length);
            string? problem = null;
            var className = string.IsNullOrWhiteSpace(classOverride) ? NameAllocator.ToPascalCase(baseName) : Identifiers.Unescape(classOverride!.Trim());
            if (className.Length == 0) className = "StateMachine";
            if (!Identifiers.IsValid(className))
                problem = $"StatesGenClassName \"{classOverride}\" is not a C# identifier.";
            else if (Identifiers.IsLowercaseAscii(className))
                problem = $"StatesGenClassName \"{classOverride}\" has only lowercase letters: the compiler warns about such type names (CS8981), so use e.g. \"{char.ToUpperInvariant(className[0])}{className.Substring(1)}\".";

            var folders = RelativeFolders(file.Path, projectDir);
            string? ns;
            if (!string.IsNullOrWhiteSpace(namespaceOverride))
            {
                ns = RemoveEscapes(namespaceOverride!.Trim());
                if (!Identifiers.IsValidNamespace(ns)) problem ??= $"StatesGenNamespace \"{namespaceOverride}\" is not a C# namespace name (identifiers separated by dots).";
            }
            else
            {
                var parts = new List<string>();
                if (!string.IsNullOrWhiteSpace(rootNamespace))
                {
                    var root = RemoveEscapes(rootNamespace!.Trim());
                    if (!Identifiers.IsValidNamespace(root)) problem ??= $"The project's RootNamespace \"{rootNamespace}\" is not a C# namespace name; set StatesGenNamespace on this file.";
                    parts.Add(root);
                }
                foreach (var f in folders) parts.Add(FolderIdentifier(f));
                ns = parts.Count == 0 ? null : string.Join(".", parts);
            }
            // The hint name is the type's full name: unique exactly when the type is (SG0014 reports two files that
            // generate one type), so two definitions never collide into CS8785.
            var hint = (ns == null ? className : ns + "." + className) + ".g.cs";
            if (problem != null) hint = "Invalid." + StableHash(file.Path) + ".g.cs"; // never added: the file only reports SG0015
            var access = accessibility?.Trim() == "internal" ? "internal" : "public";
            return new DefinitionFile(file.Path, text, className, ns, hint, access, problem,
                string.IsNullOrWhiteSpace(machineName) ? null : machineName!.Trim());
        }

        // FNV-1a: string.GetHashCode is randomized per process, and hint names must be deterministic.
        private static string StableHash(string text)
        {
            uint hash = 2166136261;
            foreach (var c in text) hash = (hash ^ c) * 16777619;
            return hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        }

        private static string RemoveEscapes(string dotted) => string.Join(".", Array.ConvertAll(dotted.Split('.'), p => Identifiers.Unescape(p.Trim())));

        /// <summary>The folders between the project directory and the file, as resx naming uses them.</summary>
        private static List<string> RelativeFolders(string path, string? projectDir)
        {
            var result = new List<string>();
            if (string.IsNullOrEmpty(projectDir)) return result;
            var full = path.Replace('\\', '/');
            var root = projectDir!.Replace('\\', '/');
            if (!root.EndsWith("/", StringComparison.Ordinal)) root += "/";
            if (!full.StartsWith(root, StringComparison.OrdinalIgnoreCase)) return result;
            var relative = full.Substring(root.Length);
            var segments = relative.Split('/');
            for (int i = 0; i < segments.Length - 1; i++)
                if (segments[i].Length > 0 && segments[i] != ".") result.Add(segments[i]);
            return result;
        }

        /// <summary>A folder name as a namespace part: characters invalid in identifiers become '_'.</summary>
        private static string FolderIdentifier(string folder)
        {
            var sb = new StringBuilder(folder.Length);
            foreach (var c in folder) sb.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
            if (sb.Length == 0 || char.IsDigit(sb[0])) sb.Insert(0, '_');
            // Letters the C# grammar does not take as identifier characters (e.g. some symbols char.IsLetterOrDigit
            // accepts) are replaced too; a keyword such as "class" stays and is written @class.
            var name = sb.ToString();
            if (!Identifiers.IsValid(name))
            {
                var chars = name.ToCharArray();
                for (int i = 0; i < chars.Length; i++)
                    if (!Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsIdentifierPartCharacter(chars[i])) chars[i] = '_';
                name = new string(chars);
                if (!Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsIdentifierStartCharacter(name[0])) name = "_" + name;
            }
            return name;
        }
    }

    /// <summary>What one definition produces: its source (null when it has errors) and its diagnostics.</summary>
    internal sealed record GeneratedMachine(string HintName, string? Source, EquatableArray<Diagnostics.DiagnosticInfo> Diagnostics,
        string Path = "", string? FullClassName = null, EquatableArray<TaskBinding> Tasks = default,
        EquatableArray<string> LinkNames = default, EquatableArray<Linking.NestedStart> NestedStarts = default);

    /// <summary>The type a definition generates (its full name as written in C#) and the file it comes from.</summary>
    internal sealed record TypeOwner(string FullName, string Path);

    /// <summary>A Task state and the name of its method on the generated ITasks interface.</summary>
    internal sealed record TaskBinding(string StateName, string HandlerMethod, string Resource);
}
