using System;
using Microsoft.CodeAnalysis.CSharp;

namespace StatesGen.Generator
{
    /// <summary>C# names made from file names, folders and item metadata: checked, and keywords escaped with '@'.</summary>
    internal static class Identifiers
    {
        /// <summary>Whether <paramref name="name"/> is an identifier (a keyword counts: it is written with '@').</summary>
        public static bool IsValid(string name) =>
            SyntaxFacts.IsValidIdentifier(name.StartsWith("@", StringComparison.Ordinal) ? name.Substring(1) : name);

        /// <summary>Whether every dot-separated part of <paramref name="name"/> is an identifier.</summary>
        public static bool IsValidNamespace(string name)
        {
            foreach (var part in name.Split('.'))
                if (!IsValid(part)) return false;
            return true;
        }

        /// <summary>Whether a type of this name would draw CS8981 (only lowercase ASCII letters; keywords included).</summary>
        public static bool IsLowercaseAscii(string name)
        {
            foreach (var c in name) if (c < 'a' || c > 'z') return false;
            return name.Length > 0;
        }

        /// <summary>The name as C# source writes it: <c>class</c> becomes <c>@class</c>.</summary>
        public static string Escape(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.GlobalKeyword
                ? "@" + name : name;

        /// <summary>A dotted namespace as C# source writes it, each keyword part escaped.</summary>
        public static string EscapeNamespace(string name) => string.Join(".", Array.ConvertAll(name.Split('.'), Escape));

        /// <summary>The name without a leading '@' (the name reflection and messages show).</summary>
        public static string Unescape(string name) => name.StartsWith("@", StringComparison.Ordinal) ? name.Substring(1) : name;
    }
}
