using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using SpaceFactory.Sandbox;

namespace SpaceFactory.Api.Tests;

/// <summary>
/// Packs SpaceFactory.Core, SpaceFactory.Hf and SpaceFactory.Phases as a user would take them, checks what the packages
/// hold, and builds and runs a consumer outside the repository that references the Hf package only.
/// </summary>
[TestFixture]
[Category("packaging")]
[NonParallelizable]
public sealed class PackedConsumerTests
{
    private static readonly string[] Libraries = ["SpaceFactory.Core", "SpaceFactory.Hf", "SpaceFactory.Phases"];

    // The test assembly's own configuration: the libraries beside it were built in it and are packed without a rebuild.
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan PackTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    private string _work = null!;
    private string _feed = null!;
    private string _version = null!;

    [OneTimeSetUp]
    public async Task PackTheLibraries()
    {
        // A version no earlier run used, so the NuGet cache can never hand the consumer a stale copy.
        _version = "0.1.0-ci." + DateTimeOffset.UtcNow.UtcTicks.ToString(CultureInfo.InvariantCulture);
        _work = Path.Combine(Path.GetTempPath(), "spacefactory-pack-" + Guid.NewGuid().ToString("N"));
        _feed = Path.Combine(_work, "feed");
        Directory.CreateDirectory(_feed);
        Assert.That(IsInside(_work, RepoRoot.Path), Is.False, "the consumer must live outside the repository");

        // The packs only read the repository (no build, own nuspec folders), so they run side by side.
        var results = await Task.WhenAll(Libraries.Select(PackAsync));
        foreach (var (library, result) in Libraries.Zip(results))
        {
            Assert.That(result.ExitCode, Is.Zero, $"dotnet pack {library}: {result}");
        }
    }

    private Task<ProcessResult> PackAsync(string library) =>
        DotnetProcess.RunAsync(
            RepoRoot.Path, PackTimeout, environment: null, CancellationToken.None,
            "pack", Path.Combine("src", library, library + ".csproj"), "-c", Configuration, "--no-build", "-o", _feed,
            "-p:Version=" + _version, "-p:NuspecOutputPath=" + Path.Combine(_work, "nuspec", library), "-warnaserror", "-nodeReuse:false");

    [OneTimeTearDown]
    public void DeleteTheWork()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }

        // The one-off versions this run extracted into the NuGet cache (only these, nothing else there).
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var library in Libraries)
        {
            var extracted = Path.Combine(cache, library.ToLowerInvariant(), _version);
            if (Directory.Exists(extracted))
            {
                Directory.Delete(extracted, recursive: true);
            }
        }
    }

    [TestCase("SpaceFactory.Core")]
    [TestCase("SpaceFactory.Hf")]
    [TestCase("SpaceFactory.Phases")]
    public void Each_library_packs_with_its_readme_and_a_symbols_package(string library)
    {
        using var package = ZipFile.OpenRead(PackagePath(library));
        var nuspec = Nuspec(package);

        Assert.That(Metadata(nuspec, "readme"), Is.EqualTo("README.md"));
        Assert.That(package.GetEntry("README.md"), Is.Not.Null, "README.md at the package root");
        Assert.That(package.GetEntry($"lib/net10.0/{library}.dll"), Is.Not.Null);
        Assert.That(package.GetEntry($"lib/net10.0/{library}.xml"), Is.Not.Null, "the XML docs for IntelliSense");
        Assert.That(Metadata(nuspec, "description"), Is.Not.Empty);
        Assert.That(Metadata(nuspec, "license"), Is.EqualTo("Apache-2.0"));

        var symbols = Path.Combine(_feed, $"{library}.{_version}.snupkg");
        Assert.That(File.Exists(symbols), Is.True, $"{Path.GetFileName(symbols)} beside the package");
        using var symbolPackage = ZipFile.OpenRead(symbols);
        Assert.That(symbolPackage.GetEntry($"lib/net10.0/{library}.pdb"), Is.Not.Null);
    }

    [Test]
    public void The_Hf_package_depends_on_no_SpaceFactory_package_and_says_it_stands_alone()
    {
        using var package = ZipFile.OpenRead(PackagePath("SpaceFactory.Hf"));

        var dependencies = Dependencies(Nuspec(package));
        Assert.That(dependencies, Is.Not.Empty, "the Microsoft.Extensions and Polly dependencies are listed");
        Assert.That(dependencies, Has.None.StartsWith("SpaceFactory."));
        using var readme = new StreamReader(package.GetEntry("README.md")!.Open());
        Assert.That(readme.ReadToEnd(), Does.Contain("stands alone"));
    }

    [Test]
    public void The_Phases_package_depends_on_the_Core_and_Hf_packages_of_its_own_version()
    {
        using var package = ZipFile.OpenRead(PackagePath("SpaceFactory.Phases"));

        var dependencies = Nuspec(package).Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!);
        Assert.That(dependencies, Does.ContainKey("SpaceFactory.Core").WithValue(_version));
        Assert.That(dependencies, Does.ContainKey("SpaceFactory.Hf").WithValue(_version));
    }

    [Test]
    public async Task A_consumer_of_the_Hf_package_alone_asks_the_Hub_who_it_is()
    {
        await using var hub = await HfSandbox.StartAsync();
        var consumer = WriteConsumer();

        var result = await DotnetProcess.RunAsync(
            consumer, RunTimeout, new Dictionary<string, string> { ["CONSUMER_HF_TOKEN"] = hub.DefaultToken }, CancellationToken.None,
            "run", "-c", "Release", "--disable-build-servers", "--", hub.Endpoint.ToString());

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain($"whoami: {hub.DefaultUser}"));
        Assert.That(result.Output + result.Error, Does.Not.Contain(hub.DefaultToken), "the token is never printed");
        var assets = File.ReadAllText(Path.Combine(consumer, "obj", "project.assets.json"));
        Assert.That(assets, Does.Contain($"\"SpaceFactory.Hf/{_version}\""), "the package from this run's feed");
        Assert.That(assets, Does.Not.Contain("SpaceFactory.Core"), "nothing of SpaceFactory.Core comes along");
    }

    private string PackagePath(string library)
    {
        var path = Path.Combine(_feed, $"{library}.{_version}.nupkg");
        Assert.That(File.Exists(path), Is.True, $"{Path.GetFileName(path)} was packed");
        return path;
    }

    /// <summary>A console app in the work folder, outside the repository, that knows SpaceFactory only as a package.</summary>
    private string WriteConsumer()
    {
        var folder = Path.Combine(_work, "consumer");
        Directory.CreateDirectory(folder);

        // Stop MSBuild's upward search here: no Directory.*.props of any folder above applies to the consumer.
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "nuget.config"), ConsumerNuGetConfig());
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SpaceFactory.Hf" Version="{_version}" />
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="{CentralVersion("Microsoft.Extensions.DependencyInjection")}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), """
            using Microsoft.Extensions.DependencyInjection;
            using SpaceFactory.Hf;
            using SpaceFactory.Hf.Hub;

            var services = new ServiceCollection();
            services.AddHuggingFace(o =>
            {
                o.Endpoint = new Uri(args[0]);
                o.Token = Environment.GetEnvironmentVariable("CONSUMER_HF_TOKEN");
            });
            await using var provider = services.BuildServiceProvider();
            var me = await provider.GetRequiredService<HubClient>().WhoAmIAsync(CancellationToken.None);
            Console.WriteLine($"whoami: {me.Name}");
            """);
        return folder;
    }

    /// <summary>This run's feed first, then whatever sources the repository's nuget.config adds (the machine's stay on).</summary>
    private string ConsumerNuGetConfig()
    {
        var sources = new XElement("packageSources", new XElement("add", new XAttribute("key", "spacefactory-packed"), new XAttribute("value", _feed)));
        var repoSources = XDocument.Load(Path.Combine(RepoRoot.Path, "nuget.config")).Root?.Element("packageSources");
        sources.Add(repoSources?.Elements("add") ?? []);
        return new XDocument(new XElement("configuration", sources)).ToString();
    }

    /// <summary>The version Directory.Packages.props pins for <paramref name="package"/>, so the consumer matches our tests.</summary>
    private static string CentralVersion(string package) =>
        XDocument.Load(Path.Combine(RepoRoot.Path, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(e => (string?)e.Attribute("Include") == package).Attribute("Version")!.Value;

    private static XDocument Nuspec(ZipArchive package)
    {
        var entry = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    private static string Metadata(XDocument nuspec, string name) =>
        nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value ?? string.Empty;

    private static List<string> Dependencies(XDocument nuspec) =>
        nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToList();

    private static bool IsInside(string path, string folder) =>
        Path.GetFullPath(path).StartsWith(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
