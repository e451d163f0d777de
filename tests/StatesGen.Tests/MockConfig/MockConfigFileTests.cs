using StatesGen.Testing;

namespace StatesGen.Tests.MockConfigFiles;

/// <summary>Every problem of a mock configuration file is reported, each with the JSON path of the value it is about.</summary>
public class MockConfigFileTests
{
    private static MockConfigException Invalid(string json) => Assert.Throws<MockConfigException>(() => MockConfig.Parse(json));

    private static void AssertProblem(MockConfigException e, string path, string messagePart)
    {
        Assert.True(e.Problems.Any(p => p.Path == path && p.Message.Contains(messagePart, StringComparison.Ordinal)),
            $"expected a problem at {path} containing \"{messagePart}\", got:\n{e.Message}");
        Assert.Contains(path + ": ", e.Message);
    }

    private static string File(string responses, string testCase = """{ "T": "R" }""") =>
        $$"""{ "StateMachines": { "M": { "TestCases": { "C": {{testCase}} } } }, "MockedResponses": {{responses}} }""";

    [Fact]
    public void Malformed_JSON_is_reported_at_the_root()
    {
        var e = Invalid("""{ "StateMachines": { """);
        Assert.Equal("$", Assert.Single(e.Problems).Path);
        Assert.StartsWith("malformed JSON", e.Problems[0].Message);
    }

    [Fact]
    public void Unknown_keys_are_reported_at_every_level()
    {
        var e = Invalid("""
            { "StateMachines": { "M": { "TestCases": { "C": { "T": "R" } }, "Definition": {} } },
              "MockedResponses": { "R": { "0": { "Return": 1, "Delay": 3 }, "1": { "Throw": { "Error": "E", "Message": "m" } } } },
              "MockedResponse": {} }
            """);
        AssertProblem(e, "$.MockedResponse", "unknown key");
        AssertProblem(e, "$.StateMachines.M.Definition", "unknown key");
        AssertProblem(e, "$.MockedResponses.R[\"0\"].Delay", "unknown key");
        AssertProblem(e, "$.MockedResponses.R[\"1\"].Throw.Message", "unknown key");
        Assert.Equal(4, e.Problems.Count);
    }

    [Fact]
    public void Missing_sections_and_wrong_kinds_are_reported()
    {
        var e = Invalid("""{ "StateMachines": { "M": { "TestCases": { "C": { "T": 3 } } }, "N": {} } }""");
        AssertProblem(e, "$.MockedResponses", "required");
        AssertProblem(e, "$.StateMachines.M.TestCases.C.T", "must be the name of a mocked response");
        AssertProblem(e, "$.StateMachines.N.TestCases", "required");
    }

    [Fact]
    public void Overlapping_ranges_are_reported_at_the_later_key()
    {
        var e = Invalid(File("""{ "R": { "0-2": { "Return": 1 }, "2-3": { "Return": 2 } } }"""));
        AssertProblem(e, "$.MockedResponses.R[\"2-3\"]", "overlap the entry $.MockedResponses.R[\"0-2\"]");
    }

    [Theory]
    [InlineData("first")]
    [InlineData("-1")]
    [InlineData("1-")]
    [InlineData("3-1")]
    [InlineData(" 1")]
    [InlineData("1.5")]
    public void Non_numeric_or_reversed_keys_are_reported(string key)
    {
        var e = Invalid(File($$"""{ "R": { "{{key}}": { "Return": 1 } } }"""));
        AssertProblem(e, $"$.MockedResponses.R[\"{key}\"]", "is not an invocation number or range");
    }

    [Fact]
    public void Return_and_Throw_in_one_entry_and_an_entry_with_neither_are_reported()
    {
        var e = Invalid(File("""{ "R": { "0": { "Return": 1, "Throw": { "Error": "E" } }, "1": {}, "2": { "Throw": { "Cause": "c" } } } }"""));
        AssertProblem(e, "$.MockedResponses.R[\"0\"]", "both Return and Throw");
        AssertProblem(e, "$.MockedResponses.R[\"1\"]", "needs Return");
        AssertProblem(e, "$.MockedResponses.R[\"2\"].Throw.Error", "required");
    }

    [Fact]
    public void A_test_case_naming_an_unknown_mocked_response_is_reported()
    {
        var e = Invalid(File("""{ "R": { "0": { "Return": 1 } } }""", """{ "T": "R", "U": "Missing Response" }"""));
        var problem = Assert.Single(e.Problems);
        Assert.Equal("$.StateMachines.M.TestCases.C.U", problem.Path);
        Assert.Contains("\"Missing Response\"", problem.Message);
    }

    [Fact]
    public void Unknown_machine_or_test_case_in_CreateHandler_names_what_the_file_has()
    {
        var config = MockConfig.Parse(MockConfigGuideTests.GuideFile);
        var machine = Assert.Throws<MockConfigException>(() => config.CreateHandler("Nope", "HappyPath"));
        AssertProblem(machine, "$.StateMachines", "\"LambdaSQSIntegration\"");
        var testCase = Assert.Throws<MockConfigException>(() => config.CreateHandler("LambdaSQSIntegration", "SadPath"));
        AssertProblem(testCase, "$.StateMachines.LambdaSQSIntegration.TestCases", "no test case named \"SadPath\"");
    }

    [Fact]
    public void Check_reports_mocked_states_the_machine_does_not_have()
    {
        var config = MockConfig.Parse(File("""{ "R": { "0": { "Return": 1 } } }""", """{ "Inner": "R", "Typo State": "R" }"""));
        var names = MockConfig.TaskStatesOf("""
            { "StartAt": "P", "States": { "P": { "Type": "Parallel", "End": true, "Branches": [
              { "StartAt": "E", "States": { "E": { "Type": "Map", "End": true,
                "ItemProcessor": { "StartAt": "Inner", "States": { "Inner": { "Type": "Task", "Resource": "r", "End": true } } } } } } ] } } }
            """);
        Assert.Equal(["Inner"], names);
        var problem = Assert.Single(config.Check("M", names));
        Assert.Equal("$.StateMachines.M.TestCases.C[\"Typo State\"]", problem.Path);
        Assert.Contains("no Task state named \"Typo State\"", problem.Message);
        Assert.Equal("$.StateMachines", Assert.Single(config.Check("Other", names)).Path);
    }

    [Fact]
    public void Load_names_the_file_and_FromEnvironment_reads_SFN_MOCK_CONFIG()
    {
        var path = Path.Combine(Path.GetTempPath(), $"MockConfigFile-{Guid.NewGuid():N}.json");
        var previous = Environment.GetEnvironmentVariable(MockConfig.EnvironmentVariable);
        try
        {
            System.IO.File.WriteAllText(path, MockConfigGuideTests.GuideFile);
            Environment.SetEnvironmentVariable(MockConfig.EnvironmentVariable, path);
            Assert.Equal(["LambdaSQSIntegration"], MockConfig.FromEnvironment()!.StateMachines);
            Environment.SetEnvironmentVariable(MockConfig.EnvironmentVariable, null);
            Assert.Null(MockConfig.FromEnvironment());

            System.IO.File.WriteAllText(path, """{ "StateMachines": {}, "MockedResponses": [] }""");
            var e = Assert.Throws<MockConfigException>(() => MockConfig.Load(path));
            Assert.Contains(path, e.Message);
            AssertProblem(e, "$.MockedResponses", "must be an object");
        }
        finally
        {
            Environment.SetEnvironmentVariable(MockConfig.EnvironmentVariable, previous);
            System.IO.File.Delete(path);
        }
    }
}
