using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Core.Records;
using SpaceFactory.Hf;
using SpaceFactory.Phases.Execution;

namespace SpaceFactory.Phases.Tests.Execution;

/// <summary>One registration runs the factory in Jobs, and the factory then reads records where the workers write them.</summary>
[TestFixture]
public sealed class AddHfJobExecutorTests
{
    private static readonly RunId Id = RunId.Parse("20261123T221749Z-k3m7q2ab");
    private readonly string _records = Path.Combine(Path.GetTempPath(), "sf-jobreg-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_records))
        {
            Directory.Delete(_records, recursive: true);
        }
    }

    private ServiceProvider Build(Action<IHfBuilder> jobs, bool jobsFirst = false)
    {
        var services = new ServiceCollection();
        var hf = services.AddHuggingFace(o => o.Endpoint = new Uri("http://127.0.0.1:9"));
        if (jobsFirst)
        {
            jobs(hf);
            hf.AddSpaceFactory(_records);
        }
        else
        {
            hf.AddSpaceFactory(_records);
            jobs(hf);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    [TestCase(false)]
    [TestCase(true)]
    public void The_factory_runs_in_jobs_and_reads_its_runs_from_the_bucket(bool jobsFirst)
    {
        using var provider = Build(hf => hf.AddHfJobExecutor(o =>
        {
            o.BucketSource = "hf://buckets/me/runs";
            o.Image = "python:3.12";
        }), jobsFirst);

        var factory = provider.GetRequiredService<ISpaceFactory>();

        Assert.That(provider.GetRequiredService<IRunExecutor>(), Is.SameAs(provider.GetRequiredService<HfJobExecutor>()));
        Assert.That(factory.Runs, Is.InstanceOf<BucketRunStore>());
        Assert.That(factory.Runs.Describe(Id), Is.EqualTo($"hf://buckets/me/runs/runs/{Id}"));
        Assert.That(provider.GetRequiredService<IRunReader>(), Is.SameAs(factory.Runs));
    }

    [Test]
    public void Without_it_the_factory_reads_the_local_folder_it_writes()
    {
        using var provider = Build(_ => { });

        var factory = provider.GetRequiredService<ISpaceFactory>();

        Assert.That(factory.Runs, Is.InstanceOf<DirectoryRunStore>());
        Assert.That(factory.Runs.Describe(Id), Does.StartWith(_records));
    }

    [Test]
    public void The_configuration_overload_reads_the_variables_and_configure_has_the_last_word()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SPACE_FACTORY_BUCKET_SOURCE"] = "hf://buckets/team/records",
            ["SPACE_FACTORY_JOB_IMAGE"] = "python:3.12",
            ["SPACE_FACTORY_JOB_FLAVOR"] = "cpu-upgrade",
        }).Build();
        using var provider = Build(hf => hf.AddHfJobExecutor(configuration, o => o.Flavor = "a10g-small"));

        var options = provider.GetRequiredService<IOptions<HfJobExecutorOptions>>().Value;

        Assert.That(options.BucketSource, Is.EqualTo("hf://buckets/team/records"));
        Assert.That(options.Image, Is.EqualTo("python:3.12"));
        Assert.That(options.Flavor, Is.EqualTo("a10g-small"));
        Assert.That(provider.GetRequiredService<ISpaceFactory>().Runs.Describe(Id), Does.StartWith("hf://buckets/team/records/"));
    }

    [Test]
    public void Bad_options_fail_when_the_factory_is_first_resolved_naming_the_variable()
    {
        using var provider = Build(hf => hf.AddHfJobExecutor(o =>
        {
            o.BucketSource = null;
            o.Image = "python:3.12";
            o.Timeout = "forever";
        }));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ISpaceFactory>());

        Assert.That(error!.Failures, Has.Some.StartsWith("SPACE_FACTORY_BUCKET_SOURCE (HfJobExecutorOptions.BucketSource) is required"));
        Assert.That(error.Failures, Has.Some.StartsWith("SPACE_FACTORY_JOB_TIMEOUT: Job timeout 'forever' is not valid"));
    }

    [Test]
    public void A_bucket_per_user_is_reached_through_ForUser()
    {
        using var provider = Build(hf => hf.AddHfJobExecutor(o =>
        {
            o.BucketSource = "hf://buckets/{user}/spacefactory-runs";
            o.Image = "python:3.12";
        }));
        var executor = provider.GetRequiredService<HfJobExecutor>();

        var alice = executor.ForUser("alice");

        Assert.That(alice.Bucket.ToString(), Is.EqualTo("hf://buckets/alice/spacefactory-runs"));
        Assert.That(alice.Records.Describe(Id), Is.EqualTo($"hf://buckets/alice/spacefactory-runs/runs/{Id}"));
        var shared = Assert.Throws<InvalidOperationException>(() => _ = executor.Records);
        Assert.That(shared!.Message, Does.Contain("{user}").And.Contain("ForUser"));
        Assert.Throws<ArgumentException>(() => executor.ForUser("alice/other"));
    }
}
