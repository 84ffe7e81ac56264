using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using SpaceFactory.Core.Records;

namespace SpaceFactory.Core.Tests;

/// <summary>Waiting for another process (a cancelled Job's worker) to end a record, on a fake clock.</summary>
[TestFixture]
public class WaitUntilEndedTests
{
    /// <summary>Answers the scripted states in turn (an exception is thrown), then the last one for ever.</summary>
    private sealed class ScriptedReader(params object?[] answers) : IRunReader
    {
        private int _next;

        public int Reads { get; private set; }

        public string Describe(RunId runId) => "scripted";

        public Task<RunState?> GetStateAsync(RunId runId, CancellationToken cancellationToken = default)
        {
            Reads++;
            var answer = answers[Math.Min(_next++, answers.Length - 1)];
            return answer is Exception ex ? Task.FromException<RunState?>(ex) : Task.FromResult((RunState?)answer);
        }

        public async IAsyncEnumerable<RunSummary> ListRunsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            yield break;
        }

        public async IAsyncEnumerable<RunEvent> ReadEventsAsync(RunId runId, long afterSeq = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            yield break;
        }

        public Task<Stream?> OpenFileAsync(RunId runId, string path, CancellationToken cancellationToken = default) => Task.FromResult<Stream?>(null);

        public async IAsyncEnumerable<string> ListFilesAsync(RunId runId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            yield break;
        }
    }

    private static readonly FakeTimeProvider Start = new(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));

    private static RunState State(RunStatus status) => new() { RunId = "20261203T080000Z-abcdefgh", Recipe = "model-card", Status = status };

    [Test]
    public async Task Returns_the_ended_state_after_a_failed_read_and_running_answers()
    {
        var clock = new FakeTimeProvider(Start.GetUtcNow());
        var reader = new ScriptedReader(State(RunStatus.Running), new HttpRequestException("503"), new IOException("torn"), State(RunStatus.Cancelled));
        var runId = RunId.New(clock);

        var wait = reader.WaitUntilEndedAsync(runId, RunReaderExtensions.CancelledJobGracePeriod, clock);
        while (!wait.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Yield();
        }

        var ended = await wait;
        Assert.That(ended?.Status, Is.EqualTo(RunStatus.Cancelled));
        Assert.That(reader.Reads, Is.EqualTo(4));
    }

    [Test]
    public async Task Is_null_when_the_record_still_says_running_at_the_deadline()
    {
        var clock = new FakeTimeProvider(Start.GetUtcNow());
        var reader = new ScriptedReader(State(RunStatus.Running));
        var runId = RunId.New(clock);

        var wait = reader.WaitUntilEndedAsync(runId, TimeSpan.FromSeconds(2), clock);
        while (!wait.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Yield();
        }

        Assert.That(await wait, Is.Null);
        Assert.That(clock.GetUtcNow() - Start.GetUtcNow(), Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(reader.Reads, Is.InRange(9, 10));
    }

    [Test]
    public void A_reader_error_that_is_not_a_transport_error_is_not_swallowed()
    {
        var clock = new FakeTimeProvider(Start.GetUtcNow());
        var reader = new ScriptedReader(new InvalidDataException("state.json is damaged"));

        Assert.ThrowsAsync<InvalidDataException>(() => reader.WaitUntilEndedAsync(RunId.New(clock), TimeSpan.FromSeconds(2), clock));
    }
}
