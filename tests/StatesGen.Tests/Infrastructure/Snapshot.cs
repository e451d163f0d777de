using System.Runtime.CompilerServices;
using System.Text;

namespace StatesGen.Tests.Infrastructure;

/// <summary>
/// Compares text with a committed baseline <c>Snapshots/&lt;Class&gt;.&lt;Test&gt;[.variant].verified.txt</c> next to
/// the test's source file. On a mismatch it writes <c>.received.txt</c> beside it (gitignored) and fails with a short
/// diff; with <c>STATESGEN_ACCEPT_SNAPSHOTS=1</c> it writes the verified file instead. Line endings are normalised
/// to <c>\n</c> and trailing newlines to one, so a checkout with CRLF or an editor's final newline changes nothing.
/// </summary>
public static class Snapshot
{
    public const string AcceptVariable = "STATESGEN_ACCEPT_SNAPSHOTS";

    /// <param name="variant">Distinguishes several snapshots of one test (theory rows).</param>
    public static void Match(string text, string? variant = null,
        [CallerFilePath] string sourceFile = "", [CallerMemberName] string testName = "")
    {
        // The class is named after its file (one test class per file), which CallerFilePath gives for free.
        var directory = Path.GetDirectoryName(sourceFile);
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
            Assert.Fail($"snapshot: the test source folder '{directory}' is not on this machine; run the tests from a checkout");
        var name = Path.GetFileNameWithoutExtension(sourceFile) + "." + testName + (variant is null ? "" : "." + Sanitize(variant));
        MatchFile(text, Path.Combine(directory!, "Snapshots", name + ".verified.txt"));
    }

    /// <summary>Compares with an explicit verified file; <paramref name="accept"/> overrides the environment variable.</summary>
    public static void MatchFile(string text, string verifiedPath, bool? accept = null)
    {
        var received = Normalize(text);
        var receivedPath = verifiedPath.EndsWith(".verified.txt", StringComparison.Ordinal)
            ? verifiedPath[..^".verified.txt".Length] + ".received.txt"
            : verifiedPath + ".received.txt";
        var expected = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
        if (expected == received)
        {
            File.Delete(receivedPath); // a stale one from an earlier failure would mislead
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(verifiedPath)!);
        // CI never accepts: a variable left set there would turn every snapshot test into one that cannot fail.
        if (accept ?? (Environment.GetEnvironmentVariable(AcceptVariable) == "1" && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))))
        {
            File.WriteAllText(verifiedPath, received, new UTF8Encoding(false));
            File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, received, new UTF8Encoding(false));
        Assert.Fail(expected is null
            ? $"no snapshot {verifiedPath} yet: review {receivedPath} and rename it to .verified.txt, or rerun with {AcceptVariable}=1"
            : $"snapshot {verifiedPath} differs from {receivedPath} (rerun with {AcceptVariable}=1 to accept):\n{Diff(expected, received)}");
    }

    public static string Normalize(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n').TrimEnd('\n') + "\n";

    /// <summary>A line diff of the changed region ("- " expected, "+ " received, "  " common), cut at <paramref name="maxLines"/>.</summary>
    public static string Diff(string expected, string received, int maxLines = 40)
    {
        var a = Normalize(expected).Split('\n');
        var b = Normalize(received).Split('\n');
        // Only the region between the common prefix and suffix is diffed: cheap, and snapshots usually change locally.
        int prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        int suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix]) suffix++;
        var lines = new List<string> { $"@@ from line {prefix + 1} (expected {a.Length} lines, received {b.Length})" };
        for (int i = Math.Max(0, prefix - 2); i < prefix; i++) lines.Add("  " + a[i]);
        lines.AddRange(DiffLines(a[prefix..(a.Length - suffix)], b[prefix..(b.Length - suffix)]));
        for (int i = a.Length - suffix; i < Math.Min(a.Length, a.Length - suffix + 2); i++) lines.Add("  " + a[i]);
        if (lines.Count > maxLines) lines = [.. lines.Take(maxLines), $"... {lines.Count - maxLines} more lines"];
        return string.Join("\n", lines);
    }

    private static IEnumerable<string> DiffLines(string[] a, string[] b)
    {
        if ((long)a.Length * b.Length > 4_000_000)
            return a.Select(l => "- " + l).Concat(b.Select(l => "+ " + l));
        // Longest common subsequence from the end, then one walk from the start.
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
            for (int j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var result = new List<string>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { result.Add("  " + a[x]); x++; y++; }
            else if (y == b.Length || (x < a.Length && lcs[x + 1, y] >= lcs[x, y + 1])) result.Add("- " + a[x++]);
            else result.Add("+ " + b[y++]);
        }
        return result;
    }

    private static string Sanitize(string variant) =>
        new(variant.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
