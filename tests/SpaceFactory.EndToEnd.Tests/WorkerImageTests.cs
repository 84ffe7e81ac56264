using System.Text.RegularExpressions;
using System.Xml.Linq;
using SpaceFactory.Cli;
using SpaceFactory.Phases.Execution;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>
/// The worker image (<c>deploy/worker/Dockerfile</c>) cannot be built here (no Docker daemon, no base images), so its
/// contract is checked against the code it packages: the binary it copies is the one the publish produces, the Job's
/// default worker command finds it and the verb exists, and it runs as an unprivileged user.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public partial class WorkerImageTests
{
    private static readonly string Root = FindRoot();
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(Root, "deploy", "worker", "Dockerfile"))
        .Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')).ToArray();

    [Test]
    public void The_native_stage_publishes_the_cli_with_NativeAOT_and_the_image_copies_the_binary_it_produces()
    {
        var assemblyName = XDocument.Load(Path.Combine(Root, "samples", "SpaceFactory.Cli", "SpaceFactory.Cli.csproj"))
            .Descendants("AssemblyName").Single().Value;
        var publish = Lines.Single(line => line.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.That(publish, Does.Contain("samples/SpaceFactory.Cli").And.Contain("-r linux-x64").And.Contain("-p:PublishAot=true").And.Contain("-warnaserror"));
        var output = PublishOutput().Match(publish);
        Assert.That(output.Success, Is.True, $"the publish names its output folder with -o: {publish}");

        var copy = Lines.Single(line => line.StartsWith("COPY --from=native ", StringComparison.Ordinal));
        Assert.That(copy, Is.EqualTo($"COPY --from=native {output.Groups["dir"].Value}/{assemblyName} /usr/local/bin/{assemblyName}"));
    }

    [Test]
    public void The_jobs_default_worker_command_is_the_entrypoint_binary_and_its_worker_verb_exists()
    {
        var command = new HfJobExecutorOptions().WorkerCommand;
        var entrypoint = Lines.Single(line => line.StartsWith("ENTRYPOINT", StringComparison.Ordinal));
        Assert.That(entrypoint, Is.EqualTo($"ENTRYPOINT [\"{command[0]}\"]"));
        Assert.That(Lines, Does.Contain($"COPY --from=native /out/{command[0]} /usr/local/bin/{command[0]}"), "the binary is on the image's PATH");
        Assert.That(CliApplication.Create().Subcommands.Select(verb => verb.Name), Does.Contain(command[1]));
    }

    [Test]
    public void The_worker_runs_unprivileged_on_runtime_deps_with_node_the_pinned_pi_and_the_hf_cli()
    {
        var final = Lines.Reverse().TakeWhile(line => !line.StartsWith("FROM ", StringComparison.Ordinal)).Reverse().ToArray();
        var from = Lines.Last(line => line.StartsWith("FROM ", StringComparison.Ordinal));
        Assert.That(from, Is.EqualTo("FROM ${RUNTIME_IMAGE}"));
        Assert.That(Lines, Does.Contain("ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0"));

        var user = final.Last(line => line.StartsWith("USER ", StringComparison.Ordinal))["USER ".Length..];
        Assert.That(user, Is.Not.EqualTo("root").And.Not.EqualTo("0"));
        Assert.That(final, Has.Some.StartsWith("COPY --from=pi /usr/local/bin/node "));
        Assert.That(final, Has.Some.Contains("huggingface_hub==").And.Some.Contains("/usr/local/bin/hf"));

        // The Pi agent is found where the pi stage installed it, by the variable PiAgentOptions reads.
        Assert.That(Lines, Has.Some.EqualTo("RUN SPACE_FACTORY_PI_HOME=/opt/spacefactory/pi bash /src/.ci/setup.d/pi.sh"));
        Assert.That(final, Does.Contain("ENV SPACE_FACTORY_PI_HOME=/opt/spacefactory/pi").And.Contain("COPY --from=pi /opt/spacefactory/pi /opt/spacefactory/pi"));
        Assert.That(File.Exists(Path.Combine(Root, ".ci", "setup.d", "pi.sh")), Is.True);
    }

    [GeneratedRegex(@"-o (?<dir>/\S+)$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PublishOutput();

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
