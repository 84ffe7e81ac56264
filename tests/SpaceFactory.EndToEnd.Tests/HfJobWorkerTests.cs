using SpaceFactory.Core;
using SpaceFactory.Core.Records;
using SpaceFactory.Hf;
using SpaceFactory.Phases.Execution;
using SpaceFactory.Phases.Recipes;
using SpaceFactory.Sandbox;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>The SDK's worker entry point, as a Job (or a user's own image) calls it, against the Sandbox.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class HfJobWorkerTests
{
    private static readonly RunId Id = RunId.Parse("20261202T120000Z-worker22");

    /// <summary>A Sandbox, an empty folder standing for the Bucket mount, and a worker whose Job environment points at the Sandbox.</summary>
    private static async Task WithWorkerAsync(Func<HfJobWorker, string, HfSandbox, Task> test)
    {
        await using var sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { DefaultToken = SecretCanary.Token });
        var mount = CliProcess.TempFolder("sf-worker-");
        try
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal) { [HfClientOptions.TokenVariable] = sandbox.DefaultToken, ["HF_ENDPOINT"] = sandbox.Endpoint.ToString() };
            await test(new HfJobWorker(new HfJobWorkerOptions { Environment = name => environment.GetValueOrDefault(name) }), mount, sandbox);
            Assert.That(SecretCanary.Sweep(mount), Is.Empty, "the token is in no recorded file");
        }
        finally
        {
            Directory.Delete(mount, recursive: true);
        }
    }

    [Test]
    public Task The_worker_runs_job_smoke_with_the_secret_token_into_the_mounted_folder() => WithWorkerAsync(async (worker, mount, sandbox) =>
    {
        var result = await worker.RunAsync(WorkerArguments.Build(new WorkerInvocation(FactoryRecipes.JobSmoke, Id, mount)));

        Assert.That(result.Status, Is.EqualTo(RunStatus.Succeeded), result.Outcome?.Reason);
        Assert.That(result.RunId, Is.EqualTo(Id), "the orchestrator's id, not a new one");
        Assert.That(HfJobWorker.ExitCode(result), Is.Zero);
        var store = new DirectoryRunStore(mount);
        var state = await store.GetStateAsync(Id);
        Assert.That(state!.Executor, Is.EqualTo("hf-job"));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(store.RunFolder(Id), "logs", "whoami.txt")), Does.Contain("user: " + sandbox.DefaultUser));
    });

    [Test]
    public Task The_worker_resumes_a_run_it_finished_without_running_it_again() => WithWorkerAsync(async (worker, mount, _) =>
    {
        await worker.RunAsync(new WorkerInvocation(FactoryRecipes.JobSmoke, Id, mount));

        var resumed = await worker.RunAsync(new WorkerInvocation(FactoryRecipes.JobSmoke, Id, mount) { Resume = true });

        Assert.That(resumed.Status, Is.EqualTo(RunStatus.Succeeded));
        var state = await new DirectoryRunStore(mount).GetStateAsync(Id);
        Assert.That(state!.Steps.Single().Attempts, Is.EqualTo(1), "a succeeded run is not run again");
    });

    [Test]
    public void Without_the_token_secret_the_worker_refuses_before_writing_anything()
    {
        var mount = CliProcess.TempFolder("sf-worker-");
        try
        {
            var worker = new HfJobWorker(new HfJobWorkerOptions { Environment = name => name == HfClientOptions.TokenVariable ? "  " : null });

            var error = Assert.ThrowsAsync<MissingJobTokenException>(() => worker.RunAsync(new WorkerInvocation(FactoryRecipes.JobSmoke, Id, mount)));

            Assert.That(error!.Message, Does.Contain("HF_TOKEN").And.Contain("secret"));
            Assert.That(Directory.EnumerateFileSystemEntries(mount), Is.Empty);
        }
        finally
        {
            Directory.Delete(mount, recursive: true);
        }
    }
}
