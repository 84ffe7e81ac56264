using System.Text.Json;

namespace SpaceFactory.Sandbox.Persistence;

/// <summary>
/// Reads and writes <c>state.json</c>. A write goes to a temporary file that is then renamed over the old one, so a
/// crash leaves either the previous state or the new one, never half a file.
/// </summary>
internal static class StateFile
{
    public const string FileName = "state.json";

    /// <summary>The largest state file read (a Sandbox's metadata; file contents are elsewhere).</summary>
    private const long MaxBytes = 256L * 1024 * 1024;

    /// <summary>Null when there is no state file yet.</summary>
    public static async Task<SandboxState?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return null;
        }

        if (info.Length > MaxBytes)
        {
            throw SandboxDataException.Invalid(path, $"it is {info.Length} bytes, more than the {MaxBytes} a state file may have");
        }

        SandboxState? state;
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                state = await JsonSerializer.DeserializeAsync(stream, StateJsonContext.Default.SandboxState, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                // The parser's text (line, byte position) means nothing to a user; the file and what to do do.
                throw SandboxDataException.Invalid(path, "it is not a complete state file (it ends early, was cut off by a crash of an older version, or was edited by hand)");
            }
        }

        if (state is null || state.Repos is null || state.Spaces is null || state.Buckets is null || state.Jobs is null || state.ScheduledJobs is null)
        {
            throw SandboxDataException.Invalid(path, "it lacks one of repos, spaces, buckets, jobs and scheduledJobs");
        }

        return state.Version == SandboxState.CurrentVersion
            ? state
            : throw SandboxDataException.Invalid(path, $"it has layout version {state.Version}, this Sandbox reads version {SandboxState.CurrentVersion}");
    }

    public static void Write(string path, SandboxState state)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, state, StateJsonContext.Default.SandboxState);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
