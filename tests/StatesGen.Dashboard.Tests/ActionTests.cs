using System.Net;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using StatesGen.Dashboard.Tests.Workflows;
using StatesGen.Durability;

namespace StatesGen.Dashboard.Tests;

/// <summary>Every POST action, with its antiforgery token (it happens) and without (400, nothing happens).</summary>
public sealed class ActionTests
{
    private static async Task<(DashboardHost Host, IStateMachine Accounts, string Token)> WaitingReviewAsync(string id)
    {
        var host = await DashboardHost.StartAsync();
        var (accounts, token) = await host.StartReviewAsync(id);
        return (host, accounts, token);
    }

    /// <summary>A review waiting for its token, with a client that has opened its execution page (cookie and form token).</summary>
    private sealed record OpenReview(DashboardHost Host, IStateMachine Accounts, string Token, HttpClient Client, string Html, string Cookie, string Form)
        : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }

    private static async Task<OpenReview> OpenReviewAsync(string id)
    {
        var (host, accounts, token) = await WaitingReviewAsync(id);
        var client = host.CreateClient();
        var (html, cookie, form) = await Forms.OpenAsync(client, Forms.ExecutionUrl(accounts, "application-" + id));
        return new OpenReview(host, accounts, token, client, html, cookie, form);
    }

    [Fact]
    public async Task Approve_sends_task_success_with_the_json_output()
    {
        await using var review = await OpenReviewAsync("1");
        var (host, accounts, token, client, html, cookie, form) = review;
        Assert.Equal(token, WebUtility.HtmlDecode(Forms.TaskTokenField().Match(html).Groups[1].Value));

        var refused = await Forms.PostAsync(client, "/statesgen/actions/succeed", cookie, null,
            ("machine", accounts.StateMachineArn), ("name", "application-1"), ("token", token), ("output", """{ "decision": "APPROVE" }"""));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(TaskTokenStatus.Waiting, (await host.Store.GetTaskTokenAsync(token))!.Status);

        var sent = await Forms.PostAsync(client, "/statesgen/actions/succeed", cookie, form,
            ("machine", accounts.StateMachineArn), ("name", "application-1"), ("token", token), ("output", """{ "decision": "APPROVE" }"""));
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal(Forms.ExecutionUrl(accounts, "application-1"), sent.Headers.Location!.ToString());
        var done = await host.WaitForStatusAsync(accounts, "application-1", ExecutionStatus.Succeeded);
        Assert.Equal("APPROVED", (string?)done.Output?["decision"]?["status"]);
    }

    [Fact]
    public async Task Approve_with_invalid_json_sends_nothing_and_says_why()
    {
        await using var review = await OpenReviewAsync("2");
        var (host, accounts, token, client, _, cookie, form) = review;
        var response = await Forms.PostAsync(client, "/statesgen/actions/succeed", cookie, form,
            ("machine", accounts.StateMachineArn), ("name", "application-2"), ("token", token), ("output", "{ decision: APPROVE"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The output is not valid JSON, nothing was sent", await response.Content.ReadAsStringAsync());
        Assert.Equal(TaskTokenStatus.Waiting, (await host.Store.GetTaskTokenAsync(token))!.Status);
    }

    [Fact]
    public async Task Reject_sends_task_failure_with_error_and_cause()
    {
        await using var review = await OpenReviewAsync("3");
        var (host, accounts, token, client, _, cookie, form) = review;
        var fields = new[] { ("machine", accounts.StateMachineArn), ("name", "application-3"), ("token", token), ("error", "Rejected"), ("cause", "Address unknown") };
        Assert.Equal(HttpStatusCode.BadRequest, (await Forms.PostAsync(client, "/statesgen/actions/fail", cookie, null, fields)).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await Forms.PostAsync(client, "/statesgen/actions/fail", cookie, form, fields)).StatusCode);
        var failed = await host.WaitForStatusAsync(accounts, "application-3", ExecutionStatus.Failed);
        Assert.Equal("Rejected", failed.Error);
        Assert.Equal("Address unknown", failed.Cause);
    }

    [Fact]
    public async Task Answering_a_token_twice_shows_the_stores_error()
    {
        await using var review = await OpenReviewAsync("4");
        var (host, accounts, token, client, _, cookie, form) = review;
        await host.Store.SendTaskSuccessAsync(token, new JsonObject { ["decision"] = "APPROVE" });
        var response = await Forms.PostAsync(client, "/statesgen/actions/succeed", cookie, form,
            ("machine", accounts.StateMachineArn), ("name", "application-4"), ("token", token), ("output", "{}"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("States.TaskTimedOut", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Stop_aborts_a_running_execution()
    {
        await using var review = await OpenReviewAsync("5");
        var (host, accounts, _, client, _, cookie, form) = review;
        var fields = new[] { ("machine", accounts.StateMachineArn), ("name", "application-5"), ("error", "Operator"), ("cause", "Duplicate application") };
        Assert.Equal(HttpStatusCode.BadRequest, (await Forms.PostAsync(client, "/statesgen/actions/stop", cookie, null, fields)).StatusCode);
        Assert.Equal(ExecutionStatus.Running, (await host.Store.GetExecutionAsync(accounts.StateMachineArn, "application-5"))!.Status);
        Assert.Equal(HttpStatusCode.SeeOther, (await Forms.PostAsync(client, "/statesgen/actions/stop", cookie, form, fields)).StatusCode);
        var aborted = await host.WaitForStatusAsync(accounts, "application-5", ExecutionStatus.Aborted);
        Assert.Equal("Operator", aborted.Error);
        var events = await host.Store.ReadHistoryAsync(aborted.Id);
        Assert.Equal("ExecutionAborted", events[^1].Type);
    }

    [Fact]
    public async Task Redrive_runs_a_failed_execution_again_in_the_background()
    {
        await using var host = await DashboardHost.StartAsync();
        var charge = host.Machine<Charge>();
        host.Payments.Down = true;
        await (await host.StartAsync(charge, "{}", "charge-1"));
        host.Payments.Down = false;
        var client = host.CreateClient();
        var (html, cookie, form) = await Forms.OpenAsync(client, Forms.ExecutionUrl(charge, "charge-1"));
        Assert.Contains("id=\"redrive\"", html);
        var fields = new[] { ("machine", charge.StateMachineArn), ("name", "charge-1") };
        Assert.Equal(HttpStatusCode.BadRequest, (await Forms.PostAsync(client, "/statesgen/actions/redrive", cookie, null, fields)).StatusCode);
        Assert.Equal(0, (await host.Store.GetExecutionAsync(charge.StateMachineArn, "charge-1"))!.RedriveCount);
        Assert.Equal(HttpStatusCode.SeeOther, (await Forms.PostAsync(client, "/statesgen/actions/redrive", cookie, form, fields)).StatusCode);
        var redriven = await host.WaitForStatusAsync(charge, "charge-1", ExecutionStatus.Succeeded);
        Assert.Equal(1, redriven.RedriveCount);

        // A succeeded execution cannot be redriven: the page says so.
        var again = await Forms.PostAsync(client, "/statesgen/actions/redrive", cookie, form, fields);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("ExecutionNotRedrivable", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Start_checks_the_json_input_then_starts_the_execution()
    {
        await using var host = await DashboardHost.StartAsync();
        var charge = host.Machine<Charge>();
        var client = host.CreateClient();
        var (html, cookie, form) = await Forms.OpenAsync(client, "/statesgen/start?machine=" + Uri.EscapeDataString(charge.StateMachineArn));
        Assert.Contains("data-state=\"Charge Card\"", html); // the machine's graph

        var invalid = await Forms.PostAsync(client, "/statesgen/actions/start", cookie, form, ("machine", charge.StateMachineArn), ("name", "from-the-form"), ("input", "{ \"amount\": }"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("The input is not valid JSON, nothing was started", await invalid.Content.ReadAsStringAsync());
        Assert.Null(await host.Store.GetExecutionAsync(charge.StateMachineArn, "from-the-form"));

        var fields = new[] { ("machine", charge.StateMachineArn), ("name", "from-the-form"), ("input", """{ "amount": 12 }""") };
        Assert.Equal(HttpStatusCode.BadRequest, (await Forms.PostAsync(client, "/statesgen/actions/start", cookie, null, fields)).StatusCode);
        Assert.Null(await host.Store.GetExecutionAsync(charge.StateMachineArn, "from-the-form"));

        var started = await Forms.PostAsync(client, "/statesgen/actions/start", cookie, form, fields);
        Assert.Equal(HttpStatusCode.SeeOther, started.StatusCode);
        Assert.Equal(Forms.ExecutionUrl(charge, "from-the-form"), started.Headers.Location!.ToString());
        var done = await host.WaitForStatusAsync(charge, "from-the-form", ExecutionStatus.Succeeded);
        Assert.Equal(12, (int?)done.Input?["amount"]);

        var duplicate = await Forms.PostAsync(client, "/statesgen/actions/start", cookie, form, fields);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Contains("ExecutionAlreadyExists", await duplicate.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_app_with_its_own_antiforgery_service_uses_it()
    {
        // AddAntiforgery (as MVC and Blazor apps have) also makes WebApplication add its antiforgery middleware.
        await using var host = await DashboardHost.StartAsync(services: s => s.AddAntiforgery(o => o.FormFieldName = "__AppToken"));
        var charge = host.Machine<Charge>();
        var client = host.CreateClient();
        var page = await client.GetAsync("/statesgen/start");
        var html = await page.Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "name=\"__AppToken\" value=\"([^\"]+)\"").Groups[1].Value);
        Assert.NotEmpty(token);
        var cookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var fields = new List<KeyValuePair<string, string>> { new("machine", charge.StateMachineArn), new("name", "own-antiforgery"), new("input", "{}") };
        var without = new HttpRequestMessage(HttpMethod.Post, "/statesgen/actions/start") { Content = new FormUrlEncodedContent(fields) };
        without.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(without)).StatusCode);
        var with = new HttpRequestMessage(HttpMethod.Post, "/statesgen/actions/start") { Content = new FormUrlEncodedContent(fields.Append(new("__AppToken", token))) };
        with.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.SeeOther, (await client.SendAsync(with)).StatusCode);
        await host.WaitForStatusAsync(charge, "own-antiforgery", ExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task A_token_from_another_browser_is_refused()
    {
        var (host, accounts, token) = await WaitingReviewAsync("6");
        await using var _ = host;
        var client = host.CreateClient();
        var (_, cookieA, _) = await Forms.OpenAsync(client, Forms.ExecutionUrl(accounts, "application-6"));
        var (_, _, formB) = await Forms.OpenAsync(client, Forms.ExecutionUrl(accounts, "application-6"));
        var (_, _, formC) = await Forms.OpenAsync(host.CreateClient(), "/statesgen/start");
        var mismatched = await Forms.PostAsync(client, "/statesgen/actions/succeed", cookieA + "x", formB,
            ("machine", accounts.StateMachineArn), ("name", "application-6"), ("token", token), ("output", "{}"));
        Assert.Equal(HttpStatusCode.BadRequest, mismatched.StatusCode);
        Assert.NotEqual(formB, formC);
        Assert.Equal(TaskTokenStatus.Waiting, (await host.Store.GetTaskTokenAsync(token))!.Status);
    }
}
