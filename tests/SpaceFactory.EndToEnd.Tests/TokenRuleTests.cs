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
    public async Task A_hosts_token_scope_carries_the_launch_and_the_request_secret_reaches_the_worker_as_the_job_secret()
    {
        Assume.That(Environment.GetEnvironmentVariable(HfClientOptions.TokenVariable), Is.Null, "the clients must have no token of their own");
        await using var fixture = await StartWithoutConfiguredTokenAsync();
        var executor = fixture.Services.GetRequiredService<HfJobExecutor>().ForUser(fixture.Sandbox.DefaultUser);
        var token = fixture.Sandbox.DefaultToken;

        RunResult result;
        using (HfTokenScope.Begin(token))
        {
            result = await executor.RunAsync(Request(token));
        }

        Assert.That(result.Status, Is.EqualTo(RunStatus.Succeeded), result.Outcome?.Reason);
        using (HfTokenScope.Begin(token))
        {
            var job = await fixture.Services.GetRequiredService<JobsClient>().ListJobsAsync().SingleAsync();
            Assert.That(job.SecretNames, Is.EqualTo(new[] { "HF_TOKEN" }));
            Assert.That(string.Join(" ", job.Arguments ?? []), Does.Not.Contain(token));
            var events = new List<string>();
            await foreach (var item in executor.Records.ReadEventsAsync(result.RunId))
            {
                events.Add(item.Message ?? string.Empty);
            }

            // The worker's whoami ran with the Job secret: the record names the token's owner.
            Assert.That(events, Has.Some.Contains($"the token belongs to {fixture.Sandbox.DefaultUser}"));
        }
    }

    [Test]
    public async Task The_executor_does_not_turn_the_request_secret_into_the_clients_token()
    {
        Assume.That(Environment.GetEnvironmentVariable(HfClientOptions.TokenVariable), Is.Null, "the clients must have no token of their own");
        await using var fixture = await StartWithoutConfiguredTokenAsync();
        var executor = fixture.Services.GetRequiredService<HfJobExecutor>().ForUser(fixture.Sandbox.DefaultUser);

        var error = Assert.ThrowsAsync<HfUnauthorizedException>(() => executor.RunAsync(Request(fixture.Sandbox.DefaultToken)));

        Assert.That(error, Is.Not.Null, "without the host's scope the launch carries no token and the Hub refuses it");
        Assert.That(fixture.Sandbox.Inspector.JobCount, Is.Zero);
    }
}
