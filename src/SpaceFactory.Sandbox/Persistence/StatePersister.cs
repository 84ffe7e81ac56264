using Microsoft.Extensions.Logging;

namespace SpaceFactory.Sandbox.Persistence;

/// <summary>
/// Keeps a Sandbox's state in its data folder: holds the folder's lock file (one Sandbox per folder), loads the state at
/// start, saves it in the background after each change (changes during a save make one more save) and once more when the
/// Sandbox stops.
/// </summary>
internal sealed partial class StatePersister : IAsyncDisposable
{
    private const string LockName = ".sandbox.lock";

    private readonly SandboxServices _services;
    private readonly FileStream _lock;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _saveGate = new();
    private Task _loop = Task.CompletedTask;
    private int _dirty;
    private int _stopped;
    private bool _started;

    private StatePersister(SandboxServices services, FileStream lockFile)
    {
        _services = services;
        _lock = lockFile;
    }

    public string FilePath => Path.Combine(_services.DataRoot, StateFile.FileName);

    /// <summary>Takes the folder's lock and reads what a previous Sandbox left there (null when nothing).</summary>
    public static async Task<(StatePersister Persister, SandboxState? State)> OpenAsync(SandboxServices services, CancellationToken cancellationToken)
    {
        var lockPath = Path.Combine(services.DataRoot, LockName);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            throw new SandboxDataException(
                $"The Sandbox data folder {services.DataRoot} is in use by another Sandbox (it holds {lockPath}); stop that one, or use another data folder.", services.DataRoot);
        }

        var persister = new StatePersister(services, lockFile);
        try
        {
            return (persister, await StateFile.ReadAsync(persister.FilePath, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await lockFile.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts saving after changes (call once the state is loaded).</summary>
    public void Start()
    {
        _started = true;
        _loop = Task.Run(SaveLoopAsync);
    }

    /// <summary>Notes a change; a save follows soon.</summary>
    public void MarkDirty()
    {
        if (Volatile.Read(ref _stopped) == 0 && Interlocked.Exchange(ref _dirty, 1) == 0)
        {
            _signal.Release();
        }
    }

    /// <summary>Saves now (what the live stores hold).</summary>
    public void Save()
    {
        lock (_saveGate)
        {
            StateFile.Write(FilePath, StateCapture.Take(_services));
        }
    }

    /// <summary>Stops saving in the background, saves a last time (if it started: a failed load never overwrites the file) and releases the folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        try
        {
            if (_started)
            {
                Save();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogSaveFailed(_services.Logger, FilePath, ex.Message);
        }

        _stop.Dispose();
        _signal.Dispose();
        await _lock.DisposeAsync().ConfigureAwait(false);
    }

    private async Task SaveLoopAsync()
    {
        while (true)
        {
            try
            {
                await _signal.WaitAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Interlocked.Exchange(ref _dirty, 0);
            try
            {
                Save();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A full disk must not stop the Sandbox: the next change (or the stop) tries again.
                LogSaveFailed(_services.Logger, FilePath, ex.Message);
            }
        }
    }

    [LoggerMessage(20, LogLevel.Warning, "The Sandbox could not save its state to {File}: {Reason}")]
    private static partial void LogSaveFailed(ILogger logger, string file, string reason);
}
