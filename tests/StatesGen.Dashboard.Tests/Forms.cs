using System.Net;
using System.Text.RegularExpressions;

namespace StatesGen.Dashboard.Tests;

/// <summary>What a browser does with the dashboard's forms, for a TestServer client: keep the antiforgery cookie, send the hidden token.</summary>
public static partial class Forms
{
    /// <summary>GETs a page and returns its HTML, the antiforgery cookie it set, and the token of its forms.</summary>
    public static async Task<(string Html, string Cookie, string Token)> OpenAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var cookie = string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = WebUtility.HtmlDecode(TokenField().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("The page has no form token:\n" + html));
        return (html, cookie, token);
    }

    /// <summary>POSTs a form; with <paramref name="token"/> null the antiforgery field is left out.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string? cookie, string? token, params (string Name, string Value)[] fields)
    {
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (token is not null) values.Add(new("__RequestVerificationToken", token));
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(values) };
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request);
    }

    public static string ExecutionUrl(IStateMachine machine, string name) =>
        "/statesgen/execution?machine=" + Uri.EscapeDataString(machine.StateMachineArn) + "&name=" + Uri.EscapeDataString(name);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("name=\"token\" value=\"([^\"]+)\"")]
    public static partial Regex TaskTokenField();
}
