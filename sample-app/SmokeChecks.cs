using System.Globalization;

namespace SampleApp;

/// <summary>
/// The outcomes the sample expects (Spock approved, MaxConcurrency 2 faster, ...). A failed check is printed at the
/// end and makes the process exit with 1, so <c>dotnet run --project sample-app</c> doubles as a smoke test.
/// </summary>
internal sealed class SmokeChecks
{
    private readonly List<string> _failures = [];
    private int _count;

    public void Expect(bool condition, string description)
    {
        _count++;
        if (!condition) _failures.Add(description);
    }

    public void Fail(string description)
    {
        _count++;
        _failures.Add(description);
    }

    /// <summary>Prints the verdict and returns the process exit code.</summary>
    public int Report(TimeSpan elapsed)
    {
        Console.WriteLine();
        var seconds = elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        if (_failures.Count == 0)
        {
            Console.WriteLine($"All {_count} checks passed in {seconds} s.");
            return 0;
        }
        foreach (var failure in _failures) Console.Error.WriteLine($"ERROR: expected {failure}");
        Console.Error.WriteLine($"{_failures.Count} of {_count} checks failed ({seconds} s).");
        return 1;
    }
}
