using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using System.Text.Json.Nodes;
using StatesGen.Dashboard.Tests.Workflows;

namespace StatesGen.Dashboard.Tests;

/// <summary>The list and execution pages on a TestServer: columns, filters, paging, graph outcomes, history, Map Table View.</summary>
public sealed class PageTests
{
    [Fact]
    public async Task The_list_shows_each_execution_with_machine_name_status_and_times()
    {
        await using var host = await DashboardHost.StartAsync();
        var charge = host.Machine<Charge>();
        await (await host.StartAsync(charge, "{}", "charge-ok"));
        host.Payments.Down = true;
        await (await host.StartAsync(charge, "{}", "charge-down"));

        var html = await host.CreateClient().GetStringAsync("/statesgen");
        Assert.Contains("<th>Machine</th><th>Name</th><th>Status</th><th>Start</th><th>Stop</th><th>Duration</th>", html);
        Assert.Contains(">charge-ok</a>", html);
        Assert.Contains(">charge-down</a>", html);
        Assert.Contains("<span class=\"badge succeeded\">SUCCEEDED</span>", html);
        Assert.Contains("<span class=\"badge failed\">FAILED</span>", html);
        Assert.Contains("<td>Charge</td>", html);
        Assert.True(html.IndexOf("charge-down", StringComparison.Ordinal) < html.IndexOf("charge-ok", StringComparison.Ordinal), "newest first");
    }

    [Fact]
    public async Task A_nested_execution_links_to_its_parent_and_the_parent_to_it()
    {
        await using var host = await DashboardHost.StartAsync();
        var billing = host.Machine<Billing>();
        var charge = host.Machine<Charge>();
        var result = await (await host.StartAsync(billing, """{ "amount": 5, "charge": "charge-for-b1" }""", "billing-1"));
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        var client = host.CreateClient();

        var parentPage = await client.GetStringAsync("/statesgen/execution?machine=" + Uri.EscapeDataString(billing.StateMachineArn) + "&name=billing-1");
        var childUrl = "/statesgen/execution?machine=" + Uri.EscapeDataString(charge.StateMachineArn) + "&amp;name=charge-for-b1";
        Assert.Contains("<dt>Started</dt>", parentPage);
        Assert.Contains("href=\"" + childUrl + "\">Charge / charge-for-b1</a>", parentPage);

        var childPage = await client.GetStringAsync("/statesgen/execution?machine=" + Uri.EscapeDataString(charge.StateMachineArn) + "&name=charge-for-b1");
        Assert.Contains("<dt>Started by</dt>", childPage);
        Assert.Contains(">Billing / billing-1</a>", childPage);

        // A child that failed is found in the cause of its parent's failed task.
        host.Payments.Down = true;
        Assert.Equal(ExecutionStatus.Failed, (await (await host.StartAsync(billing, """{ "amount": 6, "charge": "charge-for-b2" }""", "billing-2"))).Status);
        parentPage = await client.GetStringAsync("/statesgen/execution?machine=" + Uri.EscapeDataString(billing.StateMachineArn) + "&name=billing-2");
        Assert.Contains(">Charge / charge-for-b2</a>", parentPage);
    }

    [Fact]
    public async Task A_parent_of_many_nested_executions_links_the_first_25_and_the_list_of_the_rest()
    {
        await using var host = await DashboardHost.StartAsync();
        var billMany = host.Machine<BillMany>();
        var charge = host.Machine<Charge>();
        var charges = new JsonArray(Enumerable.Range(1, 30).Select(i => (JsonNode)new JsonObject { ["name"] = $"charge-{i:D2}", ["amount"] = i }).ToArray());
        Assert.Equal(ExecutionStatus.Succeeded, (await (await host.StartAsync(billMany, new JsonObject { ["charges"] = charges }.ToJsonString(), "bill-30"))).Status);

        var page = await host.CreateClient().GetStringAsync(Forms.ExecutionUrl(billMany, "bill-30"));
        var linked = Regex.Matches(page, ">Charge / (charge-\\d+)</a>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(25, linked.Count);
        Assert.Equal(25, linked.Distinct().Count());
        Assert.Contains("<li>and 5 more: <a href=\"/statesgen/?machine=" + Uri.EscapeDataString(charge.StateMachineArn) + "\">Charge executions</a></li>", page);
    }

    [Fact]
    public async Task A_distributed_map_links_to_the_list_of_its_child_executions()
    {
        await using var host = await DashboardHost.StartAsync();
        var fanOut = host.Machine<FanOut>();
        var result = await (await host.StartAsync(fanOut, """{ "items": [ { "n": 1 }, { "n": 2 } ] }""", "fan-1"));
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        var client = host.CreateClient();
        var page = await client.GetStringAsync("/statesgen/execution?machine=" + Uri.EscapeDataString(fanOut.StateMachineArn) + "&name=fan-1");
        var children = fanOut.StateMachineArn + "/Items";
        Assert.Contains("<dt>Map Run</dt>", page);
        Assert.Contains("href=\"/statesgen/?machine=" + Uri.EscapeDataString(children) + "\">Child executions of FanOut/Items</a>", page);

        var list = await client.GetStringAsync("/statesgen/?machine=" + Uri.EscapeDataString(children));
        Assert.Equal(2, list.Split("<span class=\"badge succeeded\">SUCCEEDED</span>").Length - 1);
    }

    [Fact]
    public async Task Filters_by_status_machine_and_name_prefix()
    {
        await using var host = await DashboardHost.StartAsync();
        var charge = host.Machine<Charge>();
        var ship = host.Machine<ShipOrders>();
        await (await host.StartAsync(charge, "{}", "alpha-1"));
        await (await host.StartAsync(ship, """{ "orders": [] }""", "alpha-2"));
        host.Payments.Down = true;
        await (await host.StartAsync(charge, "{}", "beta-1"));
        var client = host.CreateClient();

        var failed = await client.GetStringAsync("/statesgen?status=FAILED");
        Assert.Contains(">beta-1<", failed);
        Assert.DoesNotContain(">alpha-1<", failed);

        var byMachine = await client.GetStringAsync("/statesgen?machine=" + Uri.EscapeDataString(ship.StateMachineArn));
        Assert.Contains(">alpha-2<", byMachine);
        Assert.DoesNotContain(">alpha-1<", byMachine);
        Assert.DoesNotContain(">beta-1<", byMachine);

        var byPrefix = await client.GetStringAsync("/statesgen?prefix=alpha");
        Assert.Contains(">alpha-1<", byPrefix);
        Assert.Contains(">alpha-2<", byPrefix);
        Assert.DoesNotContain(">beta-1<", byPrefix);
    }

    [Fact]
    public async Task Pages_follow_the_next_token_until_every_execution_was_shown_once()
    {
        await using var host = await DashboardHost.StartAsync(options: new StatesGenDashboardOptions { PageSize = 2 });
        var charge = host.Machine<Charge>();
        for (int i = 0; i < 5; i++) await (await host.StartAsync(charge, "{}", "run-" + i));
        var client = host.CreateClient();
        var seen = new List<string>();
        string? url = "/statesgen";
        int pages = 0;
        while (url is not null)
        {
            var html = await client.GetStringAsync(url);
            pages++;
            seen.AddRange(Regex.Matches(html, ">(run-\\d)</a>").Select(m => m.Groups[1].Value));
            var next = Regex.Match(html, "<a rel=\"next\" href=\"([^\"]+)\">");
            url = next.Success ? WebUtility.HtmlDecode(next.Groups[1].Value) : null;
        }
        Assert.Equal(3, pages);
        Assert.Equal(new[] { "run-4", "run-3", "run-2", "run-1", "run-0" }, seen);
    }

    [Fact]
    public async Task The_execution_page_colours_each_state_by_outcome_and_shows_the_history()
    {
        await using var host = await DashboardHost.StartAsync();
        var ship = host.Machine<ShipOrders>();
        await (await host.StartAsync(ship, """{ "orders": [ { "id": 1 }, { "id": 2, "ms": 30 }, { "id": 3 } ] }""", "three-orders"));
        var html = await host.CreateClient().GetStringAsync(Forms.ExecutionUrl(ship, "three-orders"));

        AssertState(html, "Ship Orders", "Map", "succeeded");
        AssertState(html, "Ship Order", "Task", "succeeded"); // inside the Map
        AssertState(html, "Count Orders", "Pass", "succeeded");
        AssertState(html, "Report Problem", "Pass", "not-run");
        foreach (var type in new[] { "ExecutionStarted", "MapStateEntered", "MapIterationStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionSucceeded", "TaskStateExited", "MapIterationSucceeded", "ExecutionSucceeded" })
            Assert.Contains($"data-event=\"{type}\"", html);
        Assert.Contains("<details><summary>Input</summary>", html);
        // Map Table View: one row per iteration.
        Assert.Contains("<h2>Map Table View</h2>", html);
        foreach (var index in new[] { 0, 1, 2 }) Assert.Contains($"<tr data-iteration=\"{index}\"><td>Ship Orders</td><td>{index}</td><td><span class=\"badge succeeded\">SUCCEEDED</span>", html);
        Assert.Contains("<h2>Timeline</h2>", html);
        // Variables: Count Orders assigns $shippedCount.
        Assert.Contains("<td>$shippedCount</td><td><pre class=\"json\">3</pre></td><td>Count Orders</td>", html);
    }

    [Fact]
    public async Task A_long_history_and_its_Map_Table_View_are_shown_a_page_at_a_time()
    {
        await using var host = await DashboardHost.StartAsync(options: new StatesGenDashboardOptions { HistoryPageSize = 25 });
        var ship = host.Machine<ShipOrders>();
        var orders = new JsonArray(Enumerable.Range(0, 30).Select(i => (JsonNode)new JsonObject { ["id"] = i, ["ms"] = 0 }).ToArray());
        Assert.Equal(ExecutionStatus.Succeeded, (await (await host.StartAsync(ship, new JsonObject { ["orders"] = orders }.ToJsonString(), "thirty"))).Status);
        var record = await host.Store.GetExecutionAsync(ship.StateMachineArn, "thirty");
        var history = await host.Store.ReadHistoryAsync(record!.Id, 0, int.MaxValue);
        Assert.True(history.Count > 200, $"{history.Count} events");
        var client = host.CreateClient();

        static List<long> EventIds(string page) =>
            Regex.Matches(page, "<tr class=\"[^\"]*\" data-event=\"[^\"]+\"><td>(\\d+)</td>").Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        static List<int> Iterations(string page) =>
            Regex.Matches(page, "<tr data-iteration=\"(\\d+)\">").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        static string? Link(string page, string rel, string text) =>
            Regex.Match(page, $"<a rel=\"{rel}\" href=\"([^\"]+)\">{text}</a>") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

        // Following "Later events" from the first page shows every event once, in order, 25 at a time.
        var shown = new List<long>();
        var pages = new List<string>();
        for (string? url = Forms.ExecutionUrl(ship, "thirty"); url is not null; url = Link(pages[^1], "next", "Later events"))
        {
            pages.Add(await client.GetStringAsync(url));
            var ids = EventIds(pages[^1]);
            Assert.InRange(ids.Count, 1, 25);
            shown.AddRange(ids);
        }
        Assert.Equal(history.Select(e => e.Id), shown);
        Assert.Equal((history.Count + 24) / 25, pages.Count);
        Assert.Contains($"<p class=\"range\">Events 1&#x2013;25 of {history.Count}</p>", pages[0]);
        Assert.Null(Link(pages[0], "prev", "Earlier events"));
        // "Earlier events" leads back to the page before, from any page.
        for (int i = pages.Count - 1; i > 0; i--)
            Assert.Equal(EventIds(pages[i - 1]), EventIds(await client.GetStringAsync(Link(pages[i], "prev", "Earlier events")!)));
        // An id past the end shows the last page; one that is not a number, the first.
        Assert.Equal(EventIds(pages[^1]).Last(), EventIds(await client.GetStringAsync(Forms.ExecutionUrl(ship, "thirty") + "&events=999999")).Last());
        Assert.Equal(EventIds(pages[0]), EventIds(await client.GetStringAsync(Forms.ExecutionUrl(ship, "thirty") + "&events=x")));

        // The Map Table View pages the same way, and each pager keeps the other's place.
        Assert.Equal(Enumerable.Range(0, 25), Iterations(pages[0]));
        Assert.Contains("<p class=\"range\">Iterations 1&#x2013;25 of 30</p>", pages[0]);
        var laterIterations = Link(pages[1], "next", "Later iterations")!;
        Assert.Contains("events=", laterIterations);
        var second = await client.GetStringAsync(laterIterations);
        Assert.Equal(Enumerable.Range(25, 5), Iterations(second));
        Assert.Equal(EventIds(pages[1]), EventIds(second));
        Assert.Null(Link(second, "next", "Later iterations"));
        Assert.Equal(Enumerable.Range(0, 25), Iterations(await client.GetStringAsync(Link(second, "prev", "Earlier iterations")!)));
    }

    [Fact]
    public async Task A_large_input_is_cut_on_the_page_and_served_whole_by_its_own_link()
    {
        await using var host = await DashboardHost.StartAsync();
        var charge = host.Machine<Charge>();
        var input = new JsonObject { ["amount"] = 1, ["blob"] = new string('x', 70_000) + "<script>alert(1)</script>" };
        Assert.Equal(ExecutionStatus.Succeeded, (await (await host.StartAsync(charge, input.ToJsonString(), "large"))).Status);
        var client = host.CreateClient();
        var page = await client.GetStringAsync(Forms.ExecutionUrl(charge, "large"));

        // The execution's input, and each event that carries it, show its first 64 KB and a link to all of it.
        var links = Regex.Matches(page, "The first 64 KB of 69 KB are shown. <a href=\"([^\"]+)\">Open it whole</a>")
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Contains(links, l => l.EndsWith("&event=0&part=input", StringComparison.Ordinal));
        Assert.Contains(links, l => l.EndsWith("&event=1&part=input", StringComparison.Ordinal)); // ExecutionStarted
        Assert.DoesNotContain("alert(1)", page); // past the cut
        Assert.True(page.Length < 10 * 64 * 1024, $"{page.Length} characters");
        foreach (var link in links)
        {
            var response = await client.GetAsync(link);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            var whole = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(JsonNode.DeepEquals(input, whole) || JsonNode.DeepEquals(input, whole?["input"]), link);
        }
        // The Pass state's input and output carry it too; the small output of the execution (the task's result) has no link.
        Assert.DoesNotContain(links, l => l.EndsWith("&event=0&part=output", StringComparison.Ordinal));
        Assert.InRange(links.Count, 4, 10);
        Assert.Equal(links.Count, Regex.Matches(page, "Open it whole").Count);

        // Anything else is 404: an event without that part, an unknown event, a bad part, another execution.
        var url = "/statesgen/execution/json?machine=" + Uri.EscapeDataString(charge.StateMachineArn) + "&name=large";
        foreach (var missing in new[] { url + "&event=999&part=input", url + "&event=1&part=other", url + "&event=x&part=input",
                     url.Replace("name=large", "name=nobody") + "&event=0&part=input", url + "&part=input" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(missing)).StatusCode);
        // And, like every page, it is for local requests only by default.
        var remote = new HttpRequestMessage(HttpMethod.Get, url + "&event=0&part=input");
        remote.Headers.Add("X-Test-Remote", "203.0.113.9");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(remote)).StatusCode);
    }

    [Fact]
    public async Task A_caught_error_and_a_failure_have_their_own_colours()
    {
        await using var host = await DashboardHost.StartAsync();
        var ship = host.Machine<ShipOrders>();
        await (await host.StartAsync(ship, """{ "orders": [ { "id": 1 }, { "id": 2, "outOfStock": true } ] }""", "out-of-stock"));
        var caught = await host.CreateClient().GetStringAsync(Forms.ExecutionUrl(ship, "out-of-stock"));
        AssertState(caught, "Ship Orders", "Map", "caught");
        AssertState(caught, "Report Problem", "Pass", "succeeded");
        AssertState(caught, "Count Orders", "Pass", "not-run");
        Assert.Contains("<span class=\"badge failed\">FAILED</span>", caught); // the iteration in the Map Table View

        var charge = host.Machine<Charge>();
        host.Payments.Down = true;
        await (await host.StartAsync(charge, "{}", "card-declined"));
        var failed = await host.CreateClient().GetStringAsync(Forms.ExecutionUrl(charge, "card-declined"));
        AssertState(failed, "Validate", "Pass", "succeeded");
        AssertState(failed, "Charge Card", "Task", "failed");
        AssertState(failed, "Done", "Succeed", "not-run");
        Assert.Contains("PaymentServiceDown", failed);
    }

    [Fact]
    public async Task A_waiting_callback_task_is_running_and_offers_approve_and_reject()
    {
        await using var host = await DashboardHost.StartAsync();
        var (accounts, _) = await host.StartReviewAsync("7");
        var html = await host.CreateClient().GetStringAsync(Forms.ExecutionUrl(accounts, "application-7"));
        AssertState(html, "Pending Review", "Task", "running");
        AssertState(html, "Check Applicant Data", "Parallel", "succeeded");
        AssertState(html, "Check Name", "Task", "succeeded"); // a Parallel branch
        Assert.Contains("<h3>Pending Review</h3>", html);
        Assert.Contains("Approve (send task success)", html);
        Assert.Contains("Reject (send task failure)", html);
        Assert.Contains("id=\"live\"", html); // a running page updates itself
        // The token is only in the POST forms' bodies, never in a link.
        var token = Forms.TaskTokenField().Match(html).Groups[1].Value;
        Assert.NotEmpty(token);
        Assert.DoesNotContain("href=\"[^\"]*" + token, html);
        Assert.Equal(0, CountOccurrences(html, "?token="));
    }

    [Fact]
    public async Task The_live_endpoint_reports_the_status_and_the_last_event()
    {
        await using var host = await DashboardHost.StartAsync();
        var (accounts, token) = await host.StartReviewAsync("8", "Nowhere");
        var client = host.CreateClient();
        var page = await client.GetStringAsync(Forms.ExecutionUrl(accounts, "application-8"));
        var live = WebUtility.HtmlDecode(Regex.Match(page, "data-url=\"([^\"]+)\"").Groups[1].Value);
        var version = Regex.Match(page, "data-version=\"([^\"]+)\"").Groups[1].Value;
        Assert.StartsWith("/statesgen/execution/live?machine=", live);
        var before = JsonNode.Parse(await client.GetStringAsync(live))!;
        Assert.Equal("RUNNING", (string?)before["status"]);
        Assert.Equal(version, (string?)before["version"]); // nothing happened since the page was made
        await host.Store.SendTaskSuccessAsync(token, new JsonObject { ["decision"] = "APPROVE" });
        await host.WaitForStatusAsync(accounts, "application-8", ExecutionStatus.Succeeded);
        var after = JsonNode.Parse(await client.GetStringAsync(live))!;
        Assert.Equal("SUCCEEDED", (string?)after["status"]);
        Assert.NotEqual((string?)before["version"], (string?)after["version"]);
    }

    [Fact]
    public async Task An_unknown_execution_is_404_and_every_page_sends_security_headers()
    {
        await using var host = await DashboardHost.StartAsync();
        var response = await host.CreateClient().GetAsync("/statesgen/execution?machine=arn:x&name=nothing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var list = await host.CreateClient().GetAsync("/statesgen");
        var csp = string.Join(" ", list.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", list.Headers.GetValues("X-Content-Type-Options").Single());
        var withForms = await host.CreateClient().GetAsync("/statesgen/start"); // antiforgery adds its own headers to pages with forms
        Assert.Equal("DENY", withForms.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", string.Join(" ", withForms.Headers.GetValues("Content-Security-Policy")));
        var css = await host.CreateClient().GetAsync("/statesgen/assets/dashboard.css");
        Assert.Equal("text/css; charset=utf-8", css.Content.Headers.ContentType!.ToString());
        Assert.Contains(".s-failed", await css.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await host.CreateClient().GetAsync("/statesgen/assets/other.js")).StatusCode);
    }

    [Fact]
    public async Task An_execution_of_a_machine_this_app_does_not_register_is_shown_without_a_graph()
    {
        await using var host = await DashboardHost.StartAsync();
        const string arn = "arn:aws:states:local:000000000000:stateMachine:Elsewhere";
        await host.Store.CreateExecutionAsync(arn, "from-another-service", JsonNode.Parse("""{ "a": 1 }"""), "hash", DateTimeOffset.UtcNow);
        var list = await host.CreateClient().GetStringAsync("/statesgen");
        Assert.Contains("<td>Elsewhere</td>", list);
        var html = await host.CreateClient().GetStringAsync("/statesgen/execution?machine=" + Uri.EscapeDataString(arn) + "&name=from-another-service");
        Assert.Contains("This machine is not registered in this app", html);
        Assert.Contains("id=\"stop\"", html); // a running execution can be stopped without its class
        Assert.DoesNotContain("<svg class=\"graph\"", html);
    }

    [Fact]
    public async Task A_hostile_input_is_shown_as_text()
    {
        await using var host = await DashboardHost.StartAsync();
        var charge = host.Machine<Charge>();
        await (await host.StartAsync(charge, """{ "note": "<img src=x onerror=alert(1)>" }""", "hostile"));
        var html = await host.CreateClient().GetStringAsync(Forms.ExecutionUrl(charge, "hostile"));
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
    }

    private static int CountOccurrences(string text, string value) => (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;

    /// <summary>The graph draws <paramref name="state"/> (of <paramref name="type"/>) with the colour of <paramref name="outcome"/>.</summary>
    private static void AssertState(string html, string state, string type, string outcome) =>
        Assert.Contains($"data-state=\"{state}\" data-type=\"{type}\" data-outcome=\"{outcome}\"", html);
}

/// <summary>IExecutionStore.ListTaskTokensAsync on the SQLite store: what the dashboard lists as waiting.</summary>
public sealed class TaskTokenListTests
{
    [Fact]
    public async Task The_store_lists_an_executions_tokens_with_their_status()
    {
        await using var host = await DashboardHost.StartAsync();
        var (accounts, token) = await host.StartReviewAsync("20");
        var execution = (await host.Store.GetExecutionAsync(accounts.StateMachineArn, "application-20"))!;
        var waiting = Assert.Single(await host.Store.ListTaskTokensAsync(execution.Id));
        Assert.Equal(token, waiting.TaskToken);
        Assert.Equal(StatesGen.Durability.TaskTokenStatus.Waiting, waiting.Status);
        Assert.Empty(await host.Store.ListTaskTokensAsync(execution.Id + 1000));

        await host.Store.SendTaskSuccessAsync(token, new JsonObject { ["decision"] = "APPROVE" });
        await host.WaitForStatusAsync(accounts, "application-20", ExecutionStatus.Succeeded);
        var answered = Assert.Single(await host.Store.ListTaskTokensAsync(execution.Id));
        Assert.Equal(StatesGen.Durability.TaskTokenStatus.Succeeded, answered.Status);
        Assert.Equal("APPROVE", (string?)answered.Output?["decision"]);
    }
}

/// <summary>Mounting: a clear error without a store; the Approve form's starting output.</summary>
public sealed class MountingTests
{
    [Fact]
    public void Mapping_without_a_store_says_what_is_missing()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.UseTestServer(builder.WebHost);
        using var app = builder.Build();
        var error = Assert.Throws<InvalidOperationException>(() => app.MapStatesGenDashboard());
        Assert.Contains("AddStatesGenSqliteStore", error.Message);
    }

    [Fact]
    public async Task The_approve_form_starts_with_the_configured_output()
    {
        await using var host = await DashboardHost.StartAsync(options: new StatesGenDashboardOptions { DefaultTaskOutput = """{ "decision": "APPROVE" }""" });
        var (accounts, _) = await host.StartReviewAsync("30");
        var html = await host.CreateClient().GetStringAsync(Forms.ExecutionUrl(accounts, "application-30"));
        Assert.Contains("<textarea name=\"output\" rows=\"3\" spellcheck=\"false\">{ &quot;decision&quot;: &quot;APPROVE&quot; }</textarea>", html);
    }
}
