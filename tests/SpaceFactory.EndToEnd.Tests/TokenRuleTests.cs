using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Cli.Hosting;
using SpaceFactory.Core;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Jobs;
using SpaceFactory.Phases;
using SpaceFactory.Phases.Execution;
using SpaceFactory.Phases.Recipes;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>
/// docs/architecture.md, "The token": the run's token is the request secret <see cref="FactorySecrets.HubToken"/>, which
/// the executor passes only as the Job secret; the executor's own calls carry the clients' token, which a host serving
/// many users sets per flow with <see cref="HfTokenScope"/>.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class TokenRuleTests
{
    private static Task<FactoryFixture> StartWithoutConfiguredTokenAsync() =>
        FactoryFixture.StartAsync(
            sandbox => sandbox.JobImageCommandMap[SandboxSession.WorkerImage] = argv => [.. SandboxSession.WorkerLauncher(), .. argv.SkipWhile(a => a != "worker")],
            client: o => o.Token = null,
            factory: hf => hf.AddHfJobExecutor(o =>
            {
                o.BucketSource = "hf://buckets/{user}/runs";
                o.Image = SandboxSession.WorkerImage;
            }));

    private static FactoryRequest Request(string token) => new(FactoryRecipes.JobSmoke)
    {
        Secrets = new Dictionary<string, string>(StringComparer.Ordinal) { [FactorySecrets.HubToken] = token },
    };

    [Test]
    public async Task The_launch_carries_the_hosts_scope_token_and_the_request_secret_reaches_only_the_worker()
    {
        Assume.That(Environment.GetEnvironmentVariable(HfClientOptions.TokenVariable), Is.Null, "the clients must have no token of their own");
        await using var fixture = await StartWithoutConfiguredTokenAsync();
        var host = fixture.Sandbox.DefaultUser;
        var hostToken = fixture.Sandbox.DefaultToken;
        var runToken = fixture.Sandbox.IssueToken("run-user");
        var executor = fixture.Services.GetRequiredService<HfJobExecutor>().ForUser(host);

        using var scope = HfTokenScope.Begin(hostToken);
        var result = await executor.RunAsync(Request(runToken));

        Assert.That(result.Status, Is.EqualTo(RunStatus.Succeeded), result.Outcome?.Reason);
        var job = await fixture.Services.GetRequiredService<JobsClient>().ListJobsAsync().SingleAsync();
        Assert.That(job.Owner.Name, Is.EqualTo(host), "the launch was carried by the host's scope, not by the request secret");
        Assert.That(job.SecretNames, Is.EqualTo(new[] { "HF_TOKEN" }));
        Assert.That(string.Join(" ", (job.Command ?? []).Concat(job.Arguments ?? []).Concat((job.Environment ?? new Dictionary<string, string>()).Values)), Does.Not.Contain(runToken));
        var events = new List<string>();
        await foreach (var item in executor.Records.ReadEventsAsync(result.RunId))
        {
            events.Add(item.Message ?? string.Empty);
        }

        Assert.That(events, Has.Some.Contains("the token belongs to run-user"), "the worker ran with the request secret, received as the Job secret");
        foreach (var file in Directory.EnumerateFiles(fixture.Sandbox.Inspector.GetBucketFolder($"{host}/runs"), "*", SearchOption.AllDirectories))
        {
            Assert.That(await File.ReadAllTextAsync(file), Does.Not.Contain(runToken), file);
        }
    }
}
