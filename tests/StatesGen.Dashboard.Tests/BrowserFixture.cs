using Microsoft.Playwright;

namespace StatesGen.Dashboard.Tests;

/// <summary>
/// One headless Chromium for the browser tests: Debian's /usr/bin/chromium (or $STATESGEN_CHROMIUM) driven by
/// Microsoft.Playwright; no browser is downloaded. A missing Chromium fails the tests with the command that installs it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static string ChromiumPath => Environment.GetEnvironmentVariable("STATESGEN_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Where screenshots go: $TEST_ARTIFACTS, else screenshots/ beside the test assembly.</summary>
    public static string ArtifactsDirectory { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("TEST_ARTIFACTS") is { Length: > 0 } artifacts ? artifacts : Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"The browser tests need Chromium at {ChromiumPath}: install it with "
                + "`apt-get update && apt-get install -y chromium` (.ci/run does), or set STATESGEN_CHROMIUM to a Chromium binary.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }

    public static string Screenshot(string name) => Path.Combine(ArtifactsDirectory, name);
}
