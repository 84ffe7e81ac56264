using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceFactory.Cli.Runs;

/// <summary>
/// Which CLI process runs a run: <c>&lt;record root&gt;/cli/&lt;run-id&gt;.json</c>, written when the run starts and removed
/// when it ends. <c>status</c> tells a live run from one whose process is gone, and <c>cancel</c> finds the process.
/// </summary>
internal sealed record RunOwner(
    [property: JsonPropertyName("pid")] int ProcessId,
    [property: JsonPropertyName("executor")] string Executor,
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt)
{
    public static string PathOf(string recordRoot, string runId) => Path.Combine(recordRoot, "cli", runId + ".json");

    public static RunOwner? Read(string recordRoot, string runId)
    {
        var path = PathOf(recordRoot, runId);
        try
        {
            return File.Exists(path) && new FileInfo(path).Length < 4096
                ? JsonSerializer.Deserialize(File.ReadAllBytes(path), RunOwnerJsonContext.Default.RunOwner)
                : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            return null;
        }
    }

    public void Write(string recordRoot, string runId)
    {
        var path = PathOf(recordRoot, runId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(this, RunOwnerJsonContext.Default.RunOwner));
    }

    public static void Remove(string recordRoot, string runId)
    {
        try
        {
            File.Delete(PathOf(recordRoot, runId));
        }
        catch (IOException)
        {
            // A stale owner file only makes status check the process, which is gone.
        }
    }

    /// <summary>Whether the owning process still runs (a reused pid started after the run is not it).</summary>
    public bool IsAlive()
    {
        try
        {
            using var process = Process.GetProcessById(ProcessId);
            return !process.HasExited && process.StartTime.ToUniversalTime() <= StartedAt.UtcDateTime.AddSeconds(5);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>Source-generated JSON of <see cref="RunOwner"/>.</summary>
[JsonSerializable(typeof(RunOwner))]
internal sealed partial class RunOwnerJsonContext : JsonSerializerContext;
