using StatesGen.Tests.Infrastructure;

namespace StatesGen.Tests.Generator;

/// <summary>DESIGN.md contract 1: file to type, the way resx files are named.</summary>
public class NamingTests
{
    private const string Minimal = """{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }""";

    [Theory]
    [InlineData("Workflows/Orders/OrderProcessing.asl.json", "TestProject.Workflows.Orders.OrderProcessing")]
    [InlineData("order-processing_v2.final.asl.json", "TestProject.OrderProcessingV2Final")]
    [InlineData("my flow!.asl.json", "TestProject.MyFlow")]
    [InlineData("2fast.asl.json", "TestProject._2fast")]
    public void Class_name_and_namespace_follow_the_contract(string path, string fullName)
    {
        var run = GeneratorHarness.Run(path, Minimal).AssertClean();
        Assert.NotNull(run.OutputCompilation.GetTypeByMetadataName(fullName));
    }

    [Fact]
    public void Same_file_name_in_two_folders_gives_two_classes()
    {
        var run = GeneratorHarness.Run([new AslFile("A/Flow.asl.json", Minimal), new AslFile("B/Flow.asl.json", Minimal)]).AssertClean();
        Assert.NotNull(run.OutputCompilation.GetTypeByMetadataName("TestProject.A.Flow"));
        Assert.NotNull(run.OutputCompilation.GetTypeByMetadataName("TestProject.B.Flow"));
    }

    [Fact]
    public void Item_metadata_overrides_class_name_and_namespace()
    {
        var metadata = new Dictionary<string, string>
        {
            ["build_metadata.AdditionalFiles.StatesGenClassName"] = "Checkout",
            ["build_metadata.AdditionalFiles.StatesGenNamespace"] = "Shop.Flows",
        };
        var run = GeneratorHarness.Run([new AslFile("x.asl.json", Minimal, metadata)]).AssertClean();
        Assert.NotNull(run.OutputCompilation.GetTypeByMetadataName("Shop.Flows.Checkout"));
    }

    [Fact]
    public void State_names_that_collide_with_generated_members_still_compile()
    {
        GeneratorHarness.Run("Route.asl.json", """
            { "StartAt": "Route", "States": {
              "Route": { "Type": "Pass", "Next": "ExecuteAsync" },
              "ExecuteAsync": { "Type": "Task", "Resource": "r", "Next": "Execute Async" },
              "Execute Async": { "Type": "Task", "Resource": "r", "Next": "RunMainAsync" },
              "RunMainAsync": { "Type": "Pass", "End": true } } }
            """).AssertClean();
    }
}
