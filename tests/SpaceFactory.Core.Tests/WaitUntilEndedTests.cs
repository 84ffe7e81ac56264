using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using SpaceFactory.Core.Records;
using SpaceFactory.Hf.Tests.TestSupport;

namespace SpaceFactory.Core.Tests;

/// <summary>
/// Waiting for another process (a cancelled Job's worker) to end a record, on a fake clock that moves only once the
/// wait has started its poll delay (advancing before that would race the wait and lose polls).
/// </summary>
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
        var clock = new TestClock();
        var reader = new ScriptedReader(State(RunStatus.Running), new HttpRequestException("503"), new IOException("torn"), State(RunStatus.Cancelled));

        var ended = await clock.DriveAsync(reader.WaitUntilEndedAsync(RunId.New(clock), RunReaderExtensions.CancelledJobGracePeriod, clock));

        Assert.That(ended?.Status, Is.EqualTo(RunStatus.Cancelled));
        Assert.That(reader.Reads, Is.EqualTo(4));
        Assert.That(clock.Delays, Is.EqualTo(Enumerable.Repeat(TimeSpan.FromMilliseconds(250), 3)));
    }

    [Test]
    public async Task Is_null_when_the_record_still_says_running_at_the_deadline()
    {
        var clock = new TestClock();
        var started = clock.GetUtcNow();
        var reader = new ScriptedReader(State(RunStatus.Running));

        var ended = await clock.DriveAsync(reader.WaitUntilEndedAsync(RunId.New(clock), TimeSpan.FromSeconds(2), clock));

        Assert.That(ended, Is.Null);
        Assert.That(clock.GetUtcNow() - started, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(reader.Reads, Is.EqualTo(9), "one read at the start and one after each of the eight 250 ms polls");
    }

    [Test]
    public void A_reader_error_that_is_not_a_transport_error_is_not_swallowed()
    {
        var clock = new FakeTimeProvider(Start.GetUtcNow());
        var reader = new ScriptedReader(new InvalidDataException("state.json is damaged"));

        Assert.ThrowsAsync<InvalidDataException>(() => reader.WaitUntilEndedAsync(RunId.New(clock), TimeSpan.FromSeconds(2), clock));
    }
}
