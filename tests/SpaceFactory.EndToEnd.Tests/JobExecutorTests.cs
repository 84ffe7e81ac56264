using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Cli.Hosting;
using SpaceFactory.Core;
using SpaceFactory.Hf.Jobs;
using SpaceFactory.Phases;
using SpaceFactory.Phases.Execution;
using SpaceFactory.Phases.Recipes;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>The Job executor against the Sandbox: a real local process runs the CLI's worker, the record lands in a Bucket folder.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class JobExecutorTests
{
    private static async Task<(FactoryFixture Fixture, HfJobExecutor Executor)> StartAsync(Action<SpaceFactory.Sandbox.HfSandboxOptions>? sandboxOptions = null)
    {
        HfJobExecutor? executor = null;
        var fixture = await FactoryFixture.StartAsync(
            sandbox =>
            {
                sandbox.JobImageCommandMap[SandboxSession.WorkerImage] = argv => [.. SandboxSession.WorkerLauncher(), .. argv.SkipWhile(a => a != "worker")];
                sandboxOptions?.Invoke(sandbox);
            },
            services => services.AddSingleton(new Phases.Steps.StepRetryOptions { Delay = TimeSpan.FromMilliseconds(10) }),
            factory: hf => hf.AddHfJobExecutor(options =>
            {
                options.BucketSource = "hf://buckets/sandbox-user/runs";
                options.Image = SandboxSession.WorkerImage;
            }));
        executor = fixture.Services.GetRequiredService<HfJobExecutor>();
        return (fixture, executor!);
    }

    [Test]
    public async Task Job_smoke_runs_the_worker_in_a_job_and_the_record_is_read_back_from_the_bucket()
    {
        var (fixture, executor) = await StartAsync();
        await using var _ = fixture;

        var result = await fixture.RunAsync(FactoryRecipes.JobSmoke);

        Assert.That(result.Status, Is.EqualTo(RunStatus.Succeeded), result.Outcome?.Reason);
        Assert.That(result.Location, Does.StartWith("hf://buckets/sandbox-user/runs/runs/"));
        var state = await executor.Records.GetStateAsync(result.RunId);
        Assert.That(state!.Executor, Is.EqualTo("hf-job"));
        Assert.That(state.Steps.Single().Status, Is.EqualTo(StepStatus.Completed));
        var events = new List<string>();
        await foreach (var item in executor.Records.ReadEventsAsync(result.RunId))
        {
            events.Add(item.Type);
        }

        Assert.That(events, Does.Contain("token_checked").And.Contain("run_ended"));
        var files = new List<string>();
        await foreach (var file in executor.Records.ListFilesAsync(result.RunId))
        {
            files.Add(file);
        }

        Assert.That(files, Does.Contain("state.json").And.Contain("report.md").And.Contain("logs/whoami.txt"));
    }

    [Test]
    public async Task A_flaky_bucket_costs_retries_not_the_run()
    {
        // Half of the Bucket's file reads answer 500 (seeded): the records are still read back whole.
        var (fixture, executor) = await StartAsync(sandbox => sandbox.Faults.Add(new SpaceFactory.Sandbox.FaultRule { PathPrefix = "/buckets/", Methods = ["GET"], Rate5xx = 0.5, ServerErrorStatus = 500 }));
        await using var _ = fixture;

        var result = await fixture.RunAsync(FactoryRecipes.JobSmoke);
        var events = new List<string>();
        await foreach (var item in executor.Records.ReadEventsAsync(result.RunId))
        {
            events.Add(item.Type);
        }

        Assert.That(result.Status, Is.EqualTo(RunStatus.Succeeded), result.Outcome?.Reason);
        Assert.That(events, Does.Contain("run_ended"));
        Assert.That(fixture.Sandbox.Inspector.Faults5xx, Is.GreaterThan(0), "the Bucket did fail some reads");
    }

    [Test]
    public async Task A_launch_whose_answer_was_lost_is_found_by_its_label_and_adopted_not_launched_twice()
    {
        // Every answer to starting a Job is lost after the Job was started.
        var (fixture, _) = await StartAsync(sandbox => sandbox.Faults.Add(new SpaceFactory.Sandbox.FaultRule { PathPrefix = "/api/jobs/", Methods = ["POST"], Rate5xx = 1, AfterHandler = true }));
        await using var _ = fixture;

        var result = await fixture.RunAsync(FactoryRecipes.JobSmoke);

        Assert.That(result.Status, Is.EqualTo(RunStatus.Succeeded), result.Outcome?.Reason);
        Assert.That(fixture.Sandbox.Inspector.JobCount, Is.EqualTo(1), "one launch, one Job");
        Assert.That(fixture.Sandbox.Inspector.AnswersLost, Is.EqualTo(1));
        var job = await fixture.Services.GetRequiredService<JobsClient>().ListJobsAsync().SingleAsync();
        Assert.That(job.Labels, Does.ContainKey(HfJobExecutor.LaunchLabel).And.ContainKey(HfJobExecutor.RunLabel));
    }

    [Test]
    public async Task The_token_reaches_the_job_only_as_a_secret()
    {
        var (fixture, _) = await StartAsync();
        await using var __ = fixture;
        var result = await fixture.RunAsync(FactoryRecipes.JobSmoke);
        Assert.That(result.Succeeded, Is.True, result.Outcome?.Reason);

        var jobs = fixture.Services.GetRequiredService<JobsClient>();
        var job = await jobs.ListJobsAsync().SingleAsync();
        var token = fixture.Sandbox.DefaultToken;
        Assert.That(job.SecretNames, Is.EqualTo(new[] { "HF_TOKEN" }));
        Assert.That(string.Join(" ", job.Command ?? []), Does.Not.Contain(token));
        Assert.That(string.Join(" ", job.Arguments ?? []), Does.Not.Contain(token));
        Assert.That(string.Join(" ", (job.Environment ?? new Dictionary<string, string>()).Values), Does.Not.Contain(token));
        Assert.That(job.Labels!["spacefactory-run"], Is.EqualTo(result.RunId.Value));

        var folder = fixture.Sandbox.Inspector.GetBucketFolder("sandbox-user/runs");
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            Assert.That(await File.ReadAllTextAsync(file), Does.Not.Contain(token), file);
        }
    }
}
