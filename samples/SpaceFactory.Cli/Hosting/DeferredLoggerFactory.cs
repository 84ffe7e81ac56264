using Microsoft.Extensions.Logging;

namespace SpaceFactory.Cli.Hosting;

/// <summary>
/// A logger factory that builds the real one (a service provider and the console providers, tens of milliseconds of
/// JIT in a cold process) only when a message at or above <paramref name="minimum"/> is logged: the verbs that only
/// read records usually log nothing, and should not pay for logging on their way to the first request.
/// </summary>
/// <param name="create">Builds the real factory.</param>
/// <param name="minimum">The lowest level the real factory would write; anything below it is dropped without building it.</param>
internal sealed class DeferredLoggerFactory(Func<ILoggerFactory> create, LogLevel minimum) : ILoggerFactory
{
    private readonly Lazy<ILoggerFactory> _factory = new(create);
    private readonly LogLevel _minimum = minimum;

    public ILogger CreateLogger(string categoryName) => new DeferredLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => _factory.Value.AddProvider(provider);

    public void Dispose()
    {
        if (_factory.IsValueCreated)
        {
            _factory.Value.Dispose();
        }
    }

    private sealed class DeferredLogger(DeferredLoggerFactory owner, string categoryName) : ILogger
    {
        private ILogger? _logger;

        private ILogger Logger => _logger ??= owner._factory.Value.CreateLogger(categoryName);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull =>
            owner._factory.IsValueCreated ? Logger.BeginScope(state) : null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum && logLevel != LogLevel.None && Logger.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Logger.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
