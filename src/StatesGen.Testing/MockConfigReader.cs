using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatesGen.Testing;

/// <summary>One entry of a mocked response: the invocations <see cref="From"/> to <see cref="To"/> (inclusive) return or throw.</summary>
internal sealed record MockEntry(int From, int To, string Path, bool Throws, JsonNode? Return, string? Error, string? Cause);

/// <summary>A named mocked response: its entries, ordered by invocation number, with no overlap.</summary>
internal sealed record MockedResponse(string Name, string Path, IReadOnlyList<MockEntry> Entries)
{
    public MockEntry? Find(int invocation)
    {
        foreach (var e in Entries)
            if (invocation >= e.From && invocation <= e.To) return e;
        return null;
    }
}

/// <summary>A test case: which mocked response each mocked state uses.</summary>
internal sealed record MockTestCase(string Name, string Path, IReadOnlyDictionary<string, MockedResponse> States);

/// <summary>A state machine of the file and its test cases.</summary>
internal sealed record MockMachine(string Name, string Path, IReadOnlyDictionary<string, MockTestCase> TestCases);

/// <summary>
/// Reads a mock configuration file (AWS developer guide, "Configuration file for mocked service integrations") and
/// checks it all, collecting every problem with its JSON path rather than stopping at the first.
/// </summary>
internal sealed class MockConfigReader
{
    private readonly List<MockProblem> _problems = new();

    public static (IReadOnlyDictionary<string, MockMachine> Machines, IReadOnlyDictionary<string, MockedResponse> Responses) Read(string json, string? source)
    {
        var reader = new MockConfigReader();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new MockConfigException([new MockProblem("$", "malformed JSON: " + e.Message)], source);
        }
        using (document)
        {
            var result = reader.ReadRoot(document.RootElement);
            if (reader._problems.Count > 0) throw new MockConfigException(reader._problems, source);
            return result;
        }
    }

    /// <summary>A member's path: <c>$.StateMachines</c> for a name that reads as an identifier, <c>$.X["1-2"]</c> otherwise.</summary>
    public static string Member(string path, string name)
    {
        bool identifier = name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
        return identifier ? path + "." + name : Index(path, name);
    }

    /// <summary>A member's path in brackets: <c>$.X["1-2"]</c>.</summary>
    public static string Index(string path, string name) => path + "[\"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"]";

    private (IReadOnlyDictionary<string, MockMachine>, IReadOnlyDictionary<string, MockedResponse>) ReadRoot(JsonElement root)
    {
        var machines = new Dictionary<string, MockMachine>(StringComparer.Ordinal);
        var responses = new Dictionary<string, MockedResponse>(StringComparer.Ordinal);
        var fields = Fields(root, "$", "StateMachines", "MockedResponses");
        if (fields is null) return (machines, responses);

        // Responses first: test cases refer to them by name (also to those with problems, reported once, at the response).
        var declared = new HashSet<string>(StringComparer.Ordinal);
        if (Required(fields, "$", "MockedResponses") is { } responsesElement)
            foreach (var (name, value, path) in Members(responsesElement, Member("$", "MockedResponses")))
            {
                declared.Add(name);
                if (ReadResponse(name, value, path) is { } response) responses[name] = response;
            }

        if (Required(fields, "$", "StateMachines") is { } machinesElement)
            foreach (var (name, value, path) in Members(machinesElement, Member("$", "StateMachines")))
            {
                var machineFields = Fields(value, path, "TestCases");
                if (machineFields is null || Required(machineFields, path, "TestCases") is not { } testCasesElement) continue;
                var testCases = new Dictionary<string, MockTestCase>(StringComparer.Ordinal);
                foreach (var (caseName, caseValue, casePath) in Members(testCasesElement, Member(path, "TestCases")))
                {
                    var states = new Dictionary<string, MockedResponse>(StringComparer.Ordinal);
                    foreach (var (stateName, stateValue, statePath) in Members(caseValue, casePath))
                    {
                        if (stateValue.ValueKind != JsonValueKind.String)
                            Problem(statePath, $"must be the name of a mocked response (a string), not {Kind(stateValue)}");
                        else if (responses.TryGetValue(stateValue.GetString()!, out var response))
                            states[stateName] = response;
                        else if (!declared.Contains(stateValue.GetString()!))
                            Problem(statePath, $"names the mocked response \"{stateValue.GetString()}\", which $.MockedResponses does not have");
                    }
                    testCases[caseName] = new MockTestCase(caseName, casePath, states);
                }
                machines[name] = new MockMachine(name, path, testCases);
            }
        return (machines, responses);
    }

    private MockedResponse? ReadResponse(string name, JsonElement value, string path)
    {
        var entries = new List<MockEntry>();
        var members = Members(value, path);
        if (value.ValueKind == JsonValueKind.Object && members.Count == 0)
            Problem(path, "has no invocation entries (keys such as \"0\" or \"1-2\")");
        foreach (var (key, entryValue, _) in members)
        {
            // Invocation keys always read as keys, not names: $.MockedResponses.R["0"].
            var entryPath = Index(path, key);
            if (!TryParseRange(key, out var from, out var to))
            {
                Problem(entryPath, $"\"{key}\" is not an invocation number or range: use \"0\", \"1\", ... or \"1-3\" (first not greater than last)");
                continue;
            }
            var fields = Fields(entryValue, entryPath, "Return", "Throw");
            if (fields is null) continue;
            var hasReturn = fields.TryGetValue("Return", out var returnValue);
            var hasThrow = fields.TryGetValue("Throw", out var throwValue);
            if (hasReturn && hasThrow)
            {
                Problem(entryPath, "has both Return and Throw; an invocation either returns or throws");
                continue;
            }
            if (!hasReturn && !hasThrow)
            {
                Problem(entryPath, "needs Return (the service response) or Throw (Error and Cause)");
                continue;
            }
            if (entries.Find(e => from <= e.To && e.From <= to) is { } other)
                Problem(entryPath, $"invocations {Describe(from, to)} overlap the entry {Index(path, other.From == other.To ? Num(other.From) : Num(other.From) + "-" + Num(other.To))}");
            if (hasReturn)
            {
                entries.Add(new MockEntry(from, to, entryPath, false, JsonNode.Parse(returnValue.GetRawText()), null, null));
                continue;
            }
            var throwPath = Member(entryPath, "Throw");
            var throwFields = Fields(throwValue, throwPath, "Error", "Cause");
            if (throwFields is null) continue;
            string? error = null, cause = null;
            if (Required(throwFields, throwPath, "Error") is { } errorValue)
            {
                if (errorValue.ValueKind == JsonValueKind.String && errorValue.GetString()!.Length > 0) error = errorValue.GetString();
                else Problem(Member(throwPath, "Error"), $"must be a non-empty string, not {Kind(errorValue)}");
            }
            if (throwFields.TryGetValue("Cause", out var causeValue))
            {
                if (causeValue.ValueKind == JsonValueKind.String) cause = causeValue.GetString();
                else Problem(Member(throwPath, "Cause"), $"must be a string, not {Kind(causeValue)}");
            }
            if (error != null) entries.Add(new MockEntry(from, to, entryPath, true, null, error, cause));
        }
        entries.Sort((a, b) => a.From.CompareTo(b.From));
        return value.ValueKind == JsonValueKind.Object ? new MockedResponse(name, path, entries) : null;
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Describe(int from, int to) => from == to ? Num(from) : Num(from) + " to " + Num(to);

    /// <summary>"3" or "1-2": digits only, no sign or spaces, first not greater than last.</summary>
    private static bool TryParseRange(string key, out int from, out int to)
    {
        from = to = 0;
        var dash = key.IndexOf('-');
        if (dash < 0)
        {
            if (!TryParseNumber(key, out from)) return false;
            to = from;
            return true;
        }
        return TryParseNumber(key.Substring(0, dash), out from) && TryParseNumber(key.Substring(dash + 1), out to) && from <= to;
    }

    private static bool TryParseNumber(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && text.Length > 0;

    // ---- object shapes -----------------------------------------------------------------------------------------------

    /// <summary>The members of an object, each known key once; unknown keys and duplicates are problems. Null when not an object.</summary>
    private Dictionary<string, JsonElement>? Fields(JsonElement value, string path, params string[] known)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Problem(path, $"must be an object, not {Kind(value)}");
            return null;
        }
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var p in value.EnumerateObject())
        {
            var at = Member(path, p.Name);
            if (Array.IndexOf(known, p.Name) < 0)
                Problem(at, $"unknown key \"{p.Name}\"; expected {string.Join(" or ", known)}");
            else if (fields.ContainsKey(p.Name))
                Problem(at, "duplicate key");
            else
                fields[p.Name] = p.Value;
        }
        return fields;
    }

    /// <summary>The members of an object whose keys are names of the user's (machines, test cases, states, responses).</summary>
    private List<(string Name, JsonElement Value, string Path)> Members(JsonElement value, string path)
    {
        var members = new List<(string, JsonElement, string)>();
        if (value.ValueKind != JsonValueKind.Object)
        {
            Problem(path, $"must be an object, not {Kind(value)}");
            return members;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in value.EnumerateObject())
        {
            var at = Member(path, p.Name);
            if (!seen.Add(p.Name)) Problem(at, "duplicate key");
            else members.Add((p.Name, p.Value, at));
        }
        return members;
    }

    private JsonElement? Required(Dictionary<string, JsonElement> fields, string path, string name)
    {
        if (fields.TryGetValue(name, out var value)) return value;
        Problem(Member(path, name), "required");
        return null;
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private void Problem(string path, string message) => _problems.Add(new MockProblem(path, message));
}
