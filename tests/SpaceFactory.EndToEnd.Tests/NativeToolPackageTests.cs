using System.Xml.Linq;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>
/// The CLI ships as a NativeAOT <c>dotnet tool</c> with .NET 10's RID-specific tool packages (docs/native.md). Packing
/// takes minutes, so CI's <c>.ci/native-smoke</c> does it; these tests keep the project, that script and the worker
/// image agreeing on what is packed, installed and run.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class NativeToolPackageTests
{
    private static readonly string Root = FindRoot();
    private static readonly XDocument Project = XDocument.Load(Path.Combine(Root, "samples", "SpaceFactory.Cli", "SpaceFactory.Cli.csproj"));
    private static readonly string Smoke = File.ReadAllText(Path.Combine(Root, ".ci", "native-smoke"));

    private static string Property(string name) => Project.Descendants(name).Single().Value;

    [Test]
    public void The_cli_is_a_NativeAOT_tool_with_a_linux_x64_package_and_the_framework_dependent_fallback()
    {
        Assert.That(Property("PackAsTool"), Is.EqualTo("true"));
        Assert.That(Property("PublishAot"), Is.EqualTo("true"));
        Assert.That(Property("ToolCommandName"), Is.EqualTo(Property("AssemblyName")));
        Assert.That(Property("ToolPackageRuntimeIdentifiers").Split(';'), Is.EquivalentTo(new[] { "linux-x64", "any" }));
    }

    [Test]
    public void The_ci_smoke_packs_every_rid_package_and_the_pointer_then_runs_demo_with_the_installed_native_tool()
    {
        var packageId = Property("PackageId");
        Assert.That(Smoke, Does.Contain("rid=linux-x64"));
        Assert.That(Smoke, Does.Contain("dotnet pack samples/SpaceFactory.Cli -c Release -r \"$rid\" -warnaserror"));
        Assert.That(Smoke, Does.Contain("dotnet pack samples/SpaceFactory.Cli -c Release -r any -warnaserror"));
        Assert.That(Smoke, Does.Contain("dotnet pack samples/SpaceFactory.Cli -c Release -warnaserror"), "the pointer package");
        Assert.That(Smoke, Does.Contain($"dotnet tool install {packageId} --tool-path \"$tools\" --source \"$packages\""));
        Assert.That(Smoke, Does.Contain($"dotnet tool install {packageId}.any --tool-path \"$fallback\" --source \"$packages\""));
        Assert.That(Smoke, Does.Contain("\"$tools/spacefactory\" demo --json"));
        Assert.That(Smoke, Does.Contain("simulated_inference_success"));
    }

    [Test]
    public void The_worker_image_runs_the_binary_of_the_tools_linux_x64_package()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(Root, "deploy", "worker", "Dockerfile"));
        var publish = dockerfile.Single(line => line.Contains("dotnet publish", StringComparison.Ordinal));
        // The RID package is this publish (NativeAOT for linux-x64); the image copies its binary onto the PATH.
        Assert.That(publish, Does.Contain("-r linux-x64").And.Contain("-p:PublishAot=true"));
        Assert.That(Property("ToolPackageRuntimeIdentifiers").Split(';'), Does.Contain("linux-x64"));
        Assert.That(File.ReadAllText(Path.Combine(Root, ".ci", "run")), Does.Contain("bash .ci/native-smoke"));
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SpaceFactory.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No SpaceFactory.sln above {AppContext.BaseDirectory}.");
    }
}
