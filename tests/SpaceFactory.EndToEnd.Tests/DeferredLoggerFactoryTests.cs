using Microsoft.Extensions.Logging;
using SpaceFactory.Cli.Hosting;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>The CLI's record-reading verbs set logging up only when something at the verb's level is logged.</summary>
[TestFixture]
public class DeferredLoggerFactoryTests
{
    /// <summary>A logger factory that records what it is asked to write, and whether it was disposed.</summary>
    private sealed class RecordingLoggerFactory : ILoggerFactory
    {
        public List<string> Lines { get; } = [];

        public bool Disposed { get; private set; }

        public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public void Dispose() => Disposed = true;

        private sealed class Recorder(RecordingLoggerFactory owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Add($"{logLevel} {category}: {formatter(state, exception)}");
        }
    }

    [Test]
    public void Messages_below_the_minimum_never_build_the_real_factory()
    {
        var built = 0;
        var deferred = new DeferredLoggerFactory(() => { built++; return new RecordingLoggerFactory(); }, LogLevel.Warning);
        var logger = deferred.CreateLogger("SpaceFactory.Hf.Jobs.JobsClient");

        logger.LogDebug("stream reopened");
        logger.LogInformation("stream finished");
        deferred.Dispose();

        Assert.That(logger.IsEnabled(LogLevel.Information), Is.False);
        Assert.That(built, Is.Zero);
    }

    [Test]
    public void The_first_message_at_the_minimum_builds_the_real_factory_once_and_reaches_it()
    {
        var real = new RecordingLoggerFactory();
        var built = 0;
        var deferred = new DeferredLoggerFactory(() => { built++; return real; }, LogLevel.Warning);
        var logger = deferred.CreateLogger("SpaceFactory.Hf.Jobs.JobsClient");

        logger.LogInformation("dropped");
        logger.LogWarning("skipped unreadable event #{Number}", 3);
        deferred.CreateLogger("Other").LogError("failed");
        deferred.Dispose();

        Assert.That(built, Is.EqualTo(1));
        Assert.That(real.Lines, Is.EqualTo(new[]
        {
            "Warning SpaceFactory.Hf.Jobs.JobsClient: skipped unreadable event #3",
            "Error Other: failed",
        }));
        Assert.That(real.Disposed, Is.True, "disposing flushes the real factory");
    }
}
