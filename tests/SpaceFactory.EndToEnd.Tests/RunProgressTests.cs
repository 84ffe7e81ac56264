using System.Runtime.CompilerServices;
using SpaceFactory.Cli.Output;
using SpaceFactory.Core;
using SpaceFactory.Core.Records;
using Spectre.Console;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>The CLI's progress follower outlives a failed poll of the record: showing progress never ends a run.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class RunProgressTests
{
    [Test]
    public async Task A_failed_poll_is_skipped_and_the_next_tick_shows_the_events()
    {
        var run = new TaskCompletionSource<string>();
        var reader = new FlakyReader(run);
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });

        var result = await RunProgress.FollowAsync(reader, RunId.New(TimeProvider.System), run.Task, console, CancellationToken.None);

        Assert.That(result, Is.EqualTo("done"), "the run's own result, not the failed poll's exception");
        Assert.That(reader.Polls, Is.EqualTo(2));
        Assert.That(output.ToString(), Does.Contain("progress could not be read just now (GET events.jsonl answered 500)").And.Contain("step one"));
    }

    /// <summary>The first poll fails (and the run completes meanwhile), the second reads the events.</summary>
    private sealed class FlakyReader(TaskCompletionSource<string> run) : IRunReader
    {
        public int Polls { get; private set; }

        public string Describe(RunId runId) => "memory";

        public async IAsyncEnumerable<RunEvent> ReadEventsAsync(RunId runId, long afterSeq = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            if (++Polls == 1)
            {
                run.SetResult("done");
                throw new IOException("GET events.jsonl answered 500");
            }

            yield return new RunEvent { RunId = runId.Value, Seq = 1, Type = "step_started", Message = "step one", Timestamp = DateTimeOffset.UnixEpoch };
        }

        public IAsyncEnumerable<RunSummary> ListRunsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<RunState?> GetStateAsync(RunId runId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Stream?> OpenFileAsync(RunId runId, string path, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<string> ListFilesAsync(RunId runId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
