using System.Diagnostics;
using System.IO.Compression;
using StatesGen.Tests.Infrastructure;

namespace StatesGen.Tests.Package;

/// <summary>
/// Every StatesGen package, packed once per test run into a temporary feed (version <see cref="Version"/>), so tests can
/// use them as a user does: restore them into a fresh project, or compile against the files inside them.
/// </summary>
public static class PackedPackages
{
    public const string Version = "0.0.0-packtest";

    /// <summary>The packable projects under src/, in dependency order.</summary>
    public static readonly string[] Projects = ["StatesGen.Jsonata", "StatesGen.Runtime", "StatesGen.Hosting", "StatesGen.Testing", "StatesGen.Sqlite", "StatesGen.Dashboard"];

    private static readonly Lazy<string> s_feed = new(Pack, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<string> s_extracted = new(Extract, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folder holding the .nupkg files (a local NuGet source).</summary>
    public static string Feed => s_feed.Value;

    /// <summary>A file inside a package, e.g. <c>("StatesGen", "lib/net10.0/StatesGen.Runtime.dll")</c>.</summary>
    public static string FileIn(string packageId, string pathInPackage)
    {
        var path = Path.Combine(s_extracted.Value, packageId, pathInPackage);
        Assert.True(File.Exists(path), $"{pathInPackage} is not in the {packageId} package");
        return path;
    }

    private static string Pack()
    {
        var work = Directory.CreateTempSubdirectory("statesgen-pack-").FullName;
        var feed = Directory.CreateDirectory(Path.Combine(work, "feed")).FullName;
        foreach (var project in Projects)
        {
            var path = Path.Combine(RepositoryPaths.Root, "src", project, project + ".csproj");
            // One artifacts folder: the projects packed later reuse the builds of the earlier ones.
            Run(work, "dotnet", $"pack \"{path}\" -c Release -o \"{feed}\" -p:Version={Version} --artifacts-path \"{Path.Combine(work, "artifacts")}\"");
        }
        return feed;
    }

    private static string Extract()
    {
        var root = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(Feed)!, "extracted")).FullName;
        foreach (var nupkg in Directory.GetFiles(Feed, "*.nupkg"))
        {
            var id = Path.GetFileName(nupkg)[..^($".{Version}.nupkg".Length)];
            ZipFile.ExtractToDirectory(nupkg, Path.Combine(root, id), overwriteFiles: true);
        }
        return root;
    }

    /// <summary>Runs a process to its end (5 minutes at most) and returns its output.</summary>
    public static string Run(string directory, string file, string arguments, IDictionary<string, string>? env = null, bool expectSuccess = true)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var kv in env ?? new Dictionary<string, string>()) start.Environment[kv.Key] = kv.Value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) { process.Kill(entireProcessTree: true); Assert.Fail($"{file} {arguments} timed out"); }
        var text = stdout.Result + stderr.Result;
        if (expectSuccess) Assert.True(process.ExitCode == 0, $"{file} {arguments} failed ({process.ExitCode}):\n{text}");
        else Assert.True(process.ExitCode != 0, $"{file} {arguments} should have failed:\n{text}");
        return text;
    }
}
