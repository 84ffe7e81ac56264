using Microsoft.Extensions.Time.Testing;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Core.Records;

namespace SpaceFactory.Core.Tests.Pipeline;

/// <summary>A run's id is decided once, by the request, and every executor and host takes it from there.</summary>
[TestFixture]
public sealed class RunIdDecisionTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 23, 22, 17, 49, TimeSpan.Zero));

    [Test]
    public void A_request_without_an_id_gets_one_from_the_clock_and_keeps_it()
    {
        var decided = new FactoryRequest("test").WithRunId(Clock);

        Assert.That(decided.RunId!.Value.Value, Does.StartWith("20261123T221749Z-"));
        Assert.That(decided.WithRunId(Clock), Is.SameAs(decided), "deciding again changes nothing");
    }

    [Test]
    public void A_request_with_an_id_keeps_it()
    {
        var given = RunId.Parse("20200101T000000Z-aaaaaaaa");

        Assert.That(new FactoryRequest("test") { RunId = given }.WithRunId(Clock).RunId, Is.EqualTo(given));
    }

    [Test]
    public async Task The_factory_hands_the_executor_the_id_it_returns()
    {
        var executor = new RecordingExecutor();
        var factory = new SpaceFactoryService(new RecipeCatalog([]), executor, Clock);

        var result = await factory.RunAsync(new FactoryRequest("test"));

        Assert.That(executor.Seen!.RunId, Is.EqualTo(result.RunId));
        Assert.That(result.RunId.Value, Does.StartWith("20261123T221749Z-"));
        Assert.That(factory.Runs, Is.SameAs(executor.Records), "the factory reads where its executor writes");
    }

    [Test]
    public async Task A_host_that_decides_first_sees_its_id_run()
    {
        var executor = new RecordingExecutor();
        var factory = new SpaceFactoryService(new RecipeCatalog([]), executor, Clock);
        var request = new FactoryRequest("test").WithRunId(TimeProvider.System);

        var result = await factory.RunAsync(request);

        Assert.That(result.RunId, Is.EqualTo(request.RunId));
        Assert.That(executor.Seen!.RunId, Is.EqualTo(request.RunId));
    }

    private sealed class RecordingExecutor : IRunExecutor
    {
        public IRunReader Records { get; } = new DirectoryRunStore(Path.Combine(Path.GetTempPath(), "sf-runid-" + Guid.NewGuid().ToString("N")));

        public FactoryRequest? Seen { get; private set; }

        public Task<RunResult> RunAsync(FactoryRequest request, CancellationToken cancellationToken = default)
        {
            Seen = request;
            return Task.FromResult(new RunResult(request.RunId!.Value, RunStatus.Succeeded, null, "here"));
        }

        public Task<RunResult> ResumeAsync(RunId runId, IReadOnlyDictionary<string, string>? secrets = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
