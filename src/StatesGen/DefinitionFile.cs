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
    /// <summary>One definition file with everything that decides its output, as plain values.</summary>
    internal sealed record DefinitionFile(string Path, string Text, string ClassName, string? Namespace, string HintName, string Accessibility)
    {
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

            var fileName = System.IO.Path.GetFileName(file.Path);
            var baseName = fileName.Substring(0, fileName.Length - ".asl.json".Length);
            var className = string.IsNullOrWhiteSpace(classOverride) ? NameAllocator.ToPascalCase(baseName) : classOverride!.Trim();
            if (className.Length == 0) className = "StateMachine";

            var folders = RelativeFolders(file.Path, projectDir);
            string? ns;
            if (!string.IsNullOrWhiteSpace(namespaceOverride)) ns = namespaceOverride!.Trim();
            else
            {
                var parts = new List<string>();
                if (!string.IsNullOrWhiteSpace(rootNamespace)) parts.Add(rootNamespace!.Trim());
                foreach (var f in folders) parts.Add(FolderIdentifier(f));
                ns = parts.Count == 0 ? null : string.Join(".", parts);
            }
            var hint = new StringBuilder();
            foreach (var f in folders) hint.Append(FolderIdentifier(f)).Append('.');
            hint.Append(className).Append(".g.cs");
            var access = accessibility?.Trim() == "internal" ? "internal" : "public";
            return new DefinitionFile(file.Path, text, className, ns, hint.ToString(), access);
        }

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
            return sb.ToString();
        }
    }

    /// <summary>What one definition produces: its source (null when it has errors) and its diagnostics.</summary>
    internal sealed record GeneratedMachine(string HintName, string? Source, EquatableArray<Diagnostics.DiagnosticInfo> Diagnostics,
        string Path = "", string? FullClassName = null, EquatableArray<TaskBinding> Tasks = default);

    /// <summary>A Task state and the name of its method on the generated ITasks interface.</summary>
    internal sealed record TaskBinding(string StateName, string HandlerMethod, string Resource);
}
