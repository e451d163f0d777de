using System;
using System.Collections.Generic;
using System.Linq;

namespace StatesGen.Testing;

/// <summary>One problem of a mock configuration file, at the JSON path of the value it is about.</summary>
/// <param name="Path">Where the problem is, e.g. <c>$.MockedResponses.MockedLambdaRetry["1-2"]</c>.</param>
/// <param name="Message">What is wrong there.</param>
public sealed record MockProblem(string Path, string Message)
{
    /// <summary>The path and the message: <c>$.StateMachines: required</c>.</summary>
    public override string ToString() => Path + ": " + Message;
}

/// <summary>
/// A mock configuration file that cannot be used: malformed JSON, a key the format does not have, overlapping
/// invocation ranges, a test case that names an unknown mocked response, a state machine or test case the file does
/// not have. <see cref="Problems"/> lists every problem found, each with its JSON path.
/// </summary>
public sealed class MockConfigException : Exception
{
    /// <summary>Creates the exception for the given problems.</summary>
    public MockConfigException(IReadOnlyList<MockProblem> problems)
        : this(problems, null)
    {
    }

    internal MockConfigException(IReadOnlyList<MockProblem> problems, string? source)
        : base(Describe(problems, source))
    {
        Problems = problems ?? throw new ArgumentNullException(nameof(problems));
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<MockProblem> Problems { get; }

    private static string Describe(IReadOnlyList<MockProblem> problems, string? source)
    {
        var head = (source is null ? "The mock configuration" : "The mock configuration file " + source)
            + (problems.Count == 1 ? " has a problem:" : $" has {problems.Count} problems:");
        return head + string.Concat(problems.Select(p => "\n  " + p));
    }
}
