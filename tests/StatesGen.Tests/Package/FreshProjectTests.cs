using StatesGen.Tests.Infrastructure;

namespace StatesGen.Tests.Package;

/// <summary>
/// The package as a new user gets it: pack, restore into a fresh console project from the packed folder (and nuget.org
/// for anything else), build
/// with warnings as errors, run, then break the definition and read the build error's file, line and column.
/// </summary>
public class FreshProjectTests
{
    private const string Definition = """
        { "StartAt": "Greet", "States": { "Greet": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:greet",
          "Parameters": { "msg.$": "States.Format('Hello, {}!', $.name)" }, "End": true } } }
        """;

    [Fact]
    public void Packed_generator_works_in_a_fresh_project()
    {
        var work = Directory.CreateTempSubdirectory("statesgen-fresh-");
        try
        {
            var feed = PackedPackages.Feed;

            var app = Directory.CreateDirectory(Path.Combine(work.FullName, "app")).FullName;
            File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
                <configuration><packageSources><clear /><add key="feed" value="{feed}" /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources></configuration>
                """);
            File.WriteAllText(Path.Combine(app, "Fresh.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="StatesGen" Version="{PackedPackages.Version}" />
                  </ItemGroup>
                </Project>
                """);
            Directory.CreateDirectory(Path.Combine(app, "Workflows"));
            var definition = Path.Combine(app, "Workflows", "hello-world.asl.json");
            File.WriteAllText(definition, Definition);
            // JSONata and a variable: the packed generator carries the JSONata parser, the runtime the evaluator.
            var jsonata = Path.Combine(app, "Workflows", "shout.asl.json");
            File.WriteAllText(jsonata, """
                { "QueryLanguage": "JSONata", "StartAt": "Name", "States": {
                  "Name": { "Type": "Pass", "Assign": { "n": "{% $uppercase($states.input.name) %}" }, "Next": "Shout" },
                  "Shout": { "Type": "Pass", "Output": "{% 'Hi ' & $n %}", "End": true } } }
                """);
            File.WriteAllText(Path.Combine(app, "Program.cs"), """
                using System.Text.Json.Nodes;
                var machine = new Fresh.Workflows.HelloWorld((invocation, ct) => ValueTask.FromResult(invocation.Input?["msg"]?.DeepClone()));
                Console.WriteLine(await machine.ExecuteAsync(JsonNode.Parse("{\"name\":\"Ada\"}")));
                Console.WriteLine(await new Fresh.Workflows.Shout((_, _) => default).ExecuteAsync(JsonNode.Parse("{\"name\":\"Ada\"}")));
                """);
            // A private package cache: a stale StatesGen from an earlier run must not be picked up.
            var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work.FullName, "packages") };

            var output = Run(app, "dotnet", "run", env);
            Assert.Contains("Hello, Ada!", output);
            Assert.Contains("Hi ADA", output);

            File.WriteAllText(definition, "{ \"StartAt\": \"Greet\", \"States\": {\n  \"Greet\": { \"Type\": \"Pass\", \"Next\": \"Nowhere\" } } }\n");
            var failed = Run(app, "dotnet", "build", env, expectSuccess: false);
            Assert.Contains("hello-world.asl.json(2,38): error SG0003", failed);

            // A JSONata syntax error is a build error inside the expression, at the "+" that lacks its operand.
            File.WriteAllText(definition, Definition);
            File.WriteAllText(jsonata, "{ \"QueryLanguage\": \"JSONata\", \"StartAt\": \"S\", \"States\": {\n  \"S\": { \"Type\": \"Pass\", \"Output\": \"{% (1 + %}\", \"End\": true } } }\n");
            failed = Run(app, "dotnet", "build", env, expectSuccess: false);
            Assert.True(failed.Contains("shout.asl.json(2,43): error SG0012", StringComparison.Ordinal), failed);
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static string Run(string directory, string file, string arguments, IDictionary<string, string>? env = null, bool expectSuccess = true) =>
        PackedPackages.Run(directory, file, arguments, env, expectSuccess);
}
