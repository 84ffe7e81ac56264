using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SpaceFactory.Core.Redaction;

namespace SpaceFactory.Core.Records;

/// <summary>
/// The recorder of one run: keeps its <see cref="RunState"/>, numbers its events, and writes everything through the
/// redactor. <c>state.json</c> and <c>report.md</c> are rewritten atomically whenever the state changes.
/// </summary>
internal sealed class RunRecorder : IRunRecorder, IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly CoreJsonContext IndentedContext = new(new JsonSerializerOptions(Indented));
    private readonly IRunWriter _writer;
    private readonly TimeProvider _timeProvider;
    private readonly bool _allowRawTraces;
    private readonly SemaphoreSlim _stateLock = new(1, 1);
    private readonly HashSet<string> _folders = new(StringComparer.Ordinal);
    private long _seq;

    // existingFiles: the record's files so far (a resumed run), so that report.md names their folders too.
    public RunRecorder(RunId runId, IRunWriter writer, ISecretRedactor redactor, RunState state, long lastSeq, TimeProvider timeProvider, bool allowRawTraces, IEnumerable<string>? existingFiles = null)
    {
        foreach (var file in existingFiles ?? [])
        {
            NoteFolder(file);
        }

        RunId = runId;
        _writer = writer;
        Redactor = redactor;
        State = state;
        _seq = lastSeq;
        _timeProvider = timeProvider;
        _allowRawTraces = allowRawTraces;
    }

    public RunId RunId { get; }

    public ISecretRedactor Redactor { get; }

    /// <summary>The current state (replaced, never mutated).</summary>
    public RunState State { get; private set; }

    /// <summary>The step events are attributed to.</summary>
    public string? CurrentStep { get; set; }

    public Task RecordEventAsync(string type, string? message = null, JsonElement? data = null, CancellationToken cancellationToken = default) =>
        AppendEventAsync(CurrentStep, type, message, data, cancellationToken);

    public async Task AppendEventAsync(string? step, string type, string? message, JsonElement? data, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        var item = new RunEvent
        {
            Seq = Interlocked.Increment(ref _seq),
            Timestamp = _timeProvider.GetUtcNow(),
            RunId = RunId.Value,
            Step = step,
            Type = type,
            Message = message,
            Data = data,
        };

        // Serialise, redact the whole line, and append it with its newline in one write.
        var json = Redactor.Redact(JsonSerializer.Serialize(item, CoreJsonContext.Default.RunEvent));
        var bytes = Encoding.UTF8.GetBytes(json + "\n");
        await _writer.AppendEventAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    public Task WriteArtifactAsync(string path, string content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArtifactPath.Validate(path);
        NoteFolder(path);
        var text = IsRawTrace(path) ? content : Redactor.Redact(content);
        return _writer.WriteFileAsync(path, Encoding.UTF8.GetBytes(text), cancellationToken);
    }

    public Task WriteArtifactAsync(string path, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArtifactPath.Validate(path);
        NoteFolder(path);
        if (IsRawTrace(path))
        {
            return _writer.WriteFileAsync(path, (target, ct) => content.CopyToAsync(target, ct), cancellationToken);
        }

        if (IsMediaArtifact(path))
        {
            return WriteMediaAsync(path, content, cancellationToken);
        }

        return _writer.WriteFileAsync(path, async (target, ct) =>
        {
            using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
            var writer = new StreamWriter(target, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
            await using (writer.ConfigureAwait(false))
            {
                string? line;
                var first = true;
                while ((line = await reader.ReadLineAsync(ct).ConfigureAwait(false)) is not null)
                {
                    if (!first)
                    {
                        await writer.WriteAsync('\n').ConfigureAwait(false);
                    }

                    first = false;
                    await writer.WriteAsync(Redactor.Redact(line)).ConfigureAwait(false);
                }
            }
        }, cancellationToken);
    }

    public Task WriteJsonArtifactAsync<T>(string path, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var options = new JsonSerializerOptions(typeInfo.Options) { WriteIndented = true };
        var json = JsonSerializer.Serialize(value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
        return WriteArtifactAsync(path, json + "\n", cancellationToken);
    }

    public Task SetTargetAsync(string target, IReadOnlyDictionary<string, string>? links = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        return UpdateAsync(s =>
        {
            var merged = new Dictionary<string, string>(s.Links, StringComparer.Ordinal);
            foreach (var (name, url) in links ?? new Dictionary<string, string>(StringComparer.Ordinal))
            {
                merged[name] = url;
            }

            return s with { Target = target, Links = merged };
        }, cancellationToken);
    }

    public Task SetLinkAsync(string name, string url, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        return UpdateAsync(s => s with { Links = new Dictionary<string, string>(s.Links, StringComparer.Ordinal) { [name] = url } }, cancellationToken);
    }

    public Task SetValidationAsync(ValidationSummary validation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(validation);
        return UpdateAsync(s => s with { Validation = validation }, cancellationToken);
    }

    public Task AddBlockerAsync(string blocker, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(blocker);
        return UpdateAsync(s => s with { Blockers = [.. s.Blockers, blocker] }, cancellationToken);
    }

    /// <summary>Applies <paramref name="change"/> and rewrites <c>state.json</c> and <c>report.md</c>.</summary>
    public async Task UpdateAsync(Func<RunState, RunState> change, CancellationToken cancellationToken)
    {
        await _stateLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            State = change(State) with { UpdatedAt = _timeProvider.GetUtcNow() };
            var json = Redactor.Redact(JsonSerializer.Serialize(State, IndentedContext.RunState));
            await _writer.WriteFileAsync("state.json", Encoding.UTF8.GetBytes(json + "\n"), cancellationToken).ConfigureAwait(false);
            await _writer.WriteFileAsync("report.md", Encoding.UTF8.GetBytes(Redactor.Redact(ReportWriter.Render(State, Folders()))), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _stateLock.Release();
        }
    }

    /// <summary>Saves the state bag to <c>context.json</c>.</summary>
    public Task SaveContextAsync(Dictionary<string, JsonElement> values, CancellationToken cancellationToken)
    {
        var json = Redactor.Redact(JsonSerializer.Serialize(new PhaseStateDocument { Values = values }, CoreJsonContext.Default.PhaseStateDocument));
        return _writer.WriteFileAsync("context.json", Encoding.UTF8.GetBytes(json + "\n"), cancellationToken);
    }

    public void Dispose() => _stateLock.Dispose();

    // The report names only the artifact folders this record really has (artifacts are written by several steps at once).
    private void NoteFolder(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            lock (_folders)
            {
                _folders.Add(path[..slash]);
            }
        }
    }

    private string[] Folders()
    {
        lock (_folders)
        {
            return [.. _folders.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>Media outputs and probe inputs: binary, so line redaction would corrupt them.</summary>
    private static bool IsMediaArtifact(string path) =>
        path.StartsWith("artifacts/", StringComparison.Ordinal) &&
        Path.GetExtension(path).ToLowerInvariant() is ".png" or ".jpeg" or ".jpg" or ".webp" or ".wav" or ".flac" or ".mp3";

    /// <summary>
    /// Latin-1 maps every byte to one character and back, so redacting that view leaves a clean file byte-identical and
    /// replaces any secret an app smuggled into the bytes.
    /// </summary>
    private async Task WriteMediaAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var view = Encoding.Latin1.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        await _writer.WriteFileAsync(path, Encoding.Latin1.GetBytes(Redactor.Redact(view)), cancellationToken).ConfigureAwait(false);
    }

    private bool IsRawTrace(string path) => _allowRawTraces && path.StartsWith("traces/raw/", StringComparison.Ordinal);
}
