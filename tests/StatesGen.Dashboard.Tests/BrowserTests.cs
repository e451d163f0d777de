using System.Text.Json.Nodes;
using Microsoft.Playwright;
using StatesGen.Dashboard.Tests.Workflows;

namespace StatesGen.Dashboard.Tests;

/// <summary>The dashboard in a real Chromium, served by Kestrel on a loopback port.</summary>
public sealed class BrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private DashboardHost _host = null!;
    private IBrowserContext _context = null!;
    private readonly List<string> _consoleErrors = new();
    private readonly List<string> _dialogs = new();

    public async Task InitializeAsync()
    {
        _host = await DashboardHost.StartAsync(kestrel: true, options: new StatesGenDashboardOptions { LiveUpdateInterval = TimeSpan.FromMilliseconds(250) });
        _context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        // Generous: the machine is shared, and a full-page screenshot of a long history takes a while under load.
        _context.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(60_000);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _host.DisposeAsync();
    }

    private async Task<IPage> OpenAsync(string path)
    {
        var page = await _context.NewPageAsync();
        page.Console += (_, message) => { if (message.Type == "error") _consoleErrors.Add(message.Text + " at " + message.Location); };
        page.Dialog += async (_, dialog) => { _dialogs.Add(dialog.Message); await dialog.DismissAsync(); };
        await page.GotoAsync(_host.BaseUrl + path);
        return page;
    }

    private static readonly System.Text.RegularExpressions.Regex ExecutionPage = new("/statesgen/execution\\?machine=");

    /// <summary>Runs a step of a browser test; a timeout says which step it was.</summary>
    private static async Task Step(string name, Func<Task> step)
    {
        try { await step(); }
        catch (TimeoutException e) { throw new TimeoutException($"Browser step '{name}' timed out: {e.Message}", e); }
    }

    private static Task<string> FillOf(IPage page, string state) =>
        page.Locator($"svg.graph g[data-state=\"{state}\"] > rect").EvaluateAsync<string>("r => getComputedStyle(r).fill");

    [Fact]
    public async Task The_list_leads_to_an_execution_whose_graph_and_Map_Table_View_show_what_ran()
    {
        var ship = _host.Machine<ShipOrders>();
        var orders = new JsonArray(Enumerable.Range(1, 7).Select(i => (JsonNode)new JsonObject { ["id"] = i, ["ms"] = 40 + 10 * (i % 3) }).ToArray());
        await (await _host.StartAsync(ship, new JsonObject { ["orders"] = orders }.ToJsonString(), "seven-orders"));
        _host.Payments.Down = true;
        await (await _host.StartAsync(_host.Machine<Charge>(), """{ "amount": 30 }""", "charge-declined"));
        await _host.StartAsync(_host.Machine<AccountApplication>(), """{ "application": { "id": "9", "name": "Gabe", "address": "ABadAddress" } }""", "application-9");
        await _host.Reviews.Requests.Reader.ReadAsync();

        var page = await OpenAsync("/statesgen");
        Assert.Equal(3, await page.Locator("table.executions tbody tr").CountAsync());
        await Step("list screenshot", () => page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("dashboard-list.png"), FullPage = true }));

        await Step("open seven-orders", async () =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "seven-orders" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(ExecutionPage);
        });
        Assert.Equal("SUCCEEDED", await page.Locator("#status").InnerTextAsync());
        Assert.Equal("rgb(233, 247, 234)", await FillOf(page, "Ship Orders"));   // succeeded: green
        Assert.Equal("rgb(233, 247, 234)", await FillOf(page, "Ship Order"));    // the Map's inner state
        Assert.Equal("rgb(255, 255, 255)", await FillOf(page, "Report Problem")); // not run
        var rows = page.Locator("table.map-table tbody tr");
        Assert.Equal(7, await rows.CountAsync());
        Assert.Equal(new[] { "0", "1", "2", "3", "4", "5", "6" }, await page.Locator("table.map-table tbody tr td:nth-child(2)").AllInnerTextsAsync());
        Assert.All(await page.Locator("table.map-table tbody tr td:nth-child(3)").AllInnerTextsAsync(), status => Assert.Equal("SUCCEEDED", status));
        Assert.Equal(7 + 7 + 2, await page.Locator("svg.timeline g.bar").CountAsync()); // 7 iterations, 7 inner visits, the Map and the Pass
        // The history's input and output fold out.
        var details = page.Locator("table.history details").First;
        Assert.False(await details.Locator("pre").IsVisibleAsync());
        await Step("unfold details", () => details.Locator("summary").ClickAsync());
        Assert.True(await details.Locator("pre").IsVisibleAsync());
        await Step("execution screenshot", () => page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("dashboard-execution.png"), FullPage = true }));

        await Step("open charge-declined", async () =>
        {
            await page.GotoAsync(_host.BaseUrl + "/statesgen?status=FAILED");
            await page.GetByRole(AriaRole.Link, new() { Name = "charge-declined" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(ExecutionPage);
        });
        Assert.Equal("rgb(253, 232, 232)", await FillOf(page, "Charge Card")); // failed: red
        Assert.Equal("rgb(233, 247, 234)", await FillOf(page, "Validate"));
        Assert.True(_consoleErrors.Count == 0, "Browser console errors:\n" + string.Join("\n", _consoleErrors)); // no Content-Security-Policy violation, no script error
    }

    [Fact]
    public async Task A_reviewer_approves_a_pending_review_by_clicking()
    {
        var (accounts, _) = await _host.StartReviewAsync("10");

        var page = await OpenAsync(Forms.ExecutionUrl(accounts, "application-10"));
        Assert.Equal("RUNNING", await page.Locator("#status").InnerTextAsync());
        Assert.Equal("rgb(230, 241, 252)", await FillOf(page, "Pending Review")); // running: blue
        Assert.Equal("rgb(233, 247, 234)", await FillOf(page, "Check Address"));  // a Parallel branch's state
        await page.Locator(".callback textarea[name=output]").FillAsync("""{ "decision": "APPROVE" }""");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("dashboard-review.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve (send task success)" }).ClickAsync();

        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("SUCCEEDED");
        var done = await _host.WaitForStatusAsync(accounts, "application-10", ExecutionStatus.Succeeded);
        Assert.Equal("APPROVED", (string?)done.Output?["decision"]?["status"]);
        Assert.Equal("rgb(233, 247, 234)", await FillOf(page, "Pending Review"));
        Assert.Equal("rgb(255, 255, 255)", await FillOf(page, "Reject Application"));
        Assert.True(_consoleErrors.Count == 0, "Browser console errors:\n" + string.Join("\n", _consoleErrors));
    }

    [Fact]
    public async Task A_running_execution_page_updates_by_itself()
    {
        var (accounts, token) = await _host.StartReviewAsync("11");
        var page = await OpenAsync(Forms.ExecutionUrl(accounts, "application-11"));
        Assert.Equal("RUNNING", await page.Locator("#status").InnerTextAsync());

        await _host.Store.SendTaskSuccessAsync(token, new JsonObject { ["decision"] = "REJECT" }); // from elsewhere, not from this page
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("SUCCEEDED");
        Assert.Equal("rgb(233, 247, 234)", await FillOf(page, "Reject Application"));
        Assert.True(_consoleErrors.Count == 0, "Browser console errors:\n" + string.Join("\n", _consoleErrors));
    }

    [Fact]
    public async Task A_hostile_input_started_from_the_form_shows_as_text_and_runs_nothing()
    {
        const string hostile = """{ "note": "<img src=x onerror=alert(1)>", "other": "<script>alert(2)</script>" }""";
        var page = await OpenAsync("/statesgen/start");
        await page.Locator("select[name=machine]").SelectOptionAsync(new SelectOptionValue { Label = "Charge" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.Locator("input[name=name]").FillAsync("hostile-input");
        await page.Locator("textarea[name=input]").FillAsync(hostile);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start execution" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(ExecutionPage);
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("SUCCEEDED");

        var input = await page.Locator("details:has(> summary:text-is('Input')) pre").First.InnerTextAsync();
        Assert.Contains("<img src=x onerror=alert(1)>", input);
        Assert.Contains("<script>alert(2)</script>", input);
        Assert.Equal(0, await page.Locator("main img").CountAsync());
        Assert.Equal(1, await page.Locator("script").CountAsync()); // only the dashboard's own
        await page.WaitForTimeoutAsync(300);
        Assert.Empty(_dialogs);

        // Invalid JSON is refused with a message, in the browser too.
        await page.GotoAsync(_host.BaseUrl + "/statesgen/start");
        await page.Locator("textarea[name=input]").FillAsync("{ \"broken\": ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start execution" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error")).ToContainTextAsync("The input is not valid JSON, nothing was started");
        Assert.Empty(_dialogs);
        // The refused form answers 400, which the browser reports; nothing else may be in the console.
        Assert.Equal(1, _consoleErrors.RemoveAll(e => e.Contains("status of 400", StringComparison.Ordinal) && e.Contains("/statesgen/actions/start", StringComparison.Ordinal)));
        Assert.True(_consoleErrors.Count == 0, "Browser console errors:\n" + string.Join("\n", _consoleErrors));
    }
}
