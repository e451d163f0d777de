using StatesGen.Tests.Infrastructure;

namespace StatesGen.Tests.Generator;

/// <summary>Generated code for the seed workflows, compared with committed baselines (STATESGEN_ACCEPT_SNAPSHOTS=1 accepts).</summary>
public class SnapshotTests
{
    [Theory]
    [InlineData("OrderProcessing")]
    [InlineData("AccountApplication")]
    [InlineData("InvoiceOrder")] // JSONata and variables
    public void Seed_workflow(string name)
    {
        var path = Path.Combine(RepositoryPaths.Root, "sample-app", "Workflows", name + ".asl.json");
        var run = GeneratorHarness.Run("Workflows/" + name + ".asl.json", File.ReadAllText(path)).AssertNoGeneratedCodeDiagnostics();
        // The tutorial's "Review Approved?" has no Default: the one warning the seeds may carry.
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal("SG0100", d.Id));
        Snapshot.Match(run.Source(name), name);
    }

    [Fact]
    public void Every_feature()
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", "StatesGen.Tests", "Generator", "Definitions", "Features.asl.json");
        var run = GeneratorHarness.Run("Features.asl.json", File.ReadAllText(path)).AssertClean();
        Snapshot.Match(run.Source("Features"));
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "sample-app", "Workflows", "AccountApplication.asl.json"));
        Assert.Equal(GeneratorHarness.Run("A.asl.json", text).Source("A"), GeneratorHarness.Run("A.asl.json", text).Source("A"));
    }
}
