// The escape rule of Choice's StringMatches patterns, shared by the generator (literal patterns are checked at build
// time) and the runtime (patterns read through StringMatchesPath): one rule, one place. Each assembly compiles its own
// internal copy.
#nullable enable

namespace StatesGen.Patterns
{
    /// <summary>
    /// States Language specification, Choice rules: in a <c>StringMatches</c> pattern <c>*</c> matches any run of
    /// characters, and a backslash escapes only <c>*</c> or another backslash; any other backslash is an error.
    /// </summary>
    internal static class StringMatchesSyntax
    {
        /// <summary>The position of the first backslash that escapes neither <c>*</c> nor <c>\</c>, or -1.</summary>
        /// <param name="pattern">The pattern, JSON escapes already decoded.</param>
        public static int FindOpenEscape(string pattern)
        {
            for (int i = 0; i < pattern.Length; i++)
            {
                if (pattern[i] != '\\') continue;
                if (i + 1 < pattern.Length && (pattern[i + 1] == '*' || pattern[i + 1] == '\\')) { i++; continue; }
                return i;
            }
            return -1;
        }
    }
}
