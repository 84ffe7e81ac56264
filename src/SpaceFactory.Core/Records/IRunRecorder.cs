using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SpaceFactory.Core.Redaction;

namespace SpaceFactory.Core.Records;

/// <summary>
/// The only way steps write to a run's record. Every byte passes the run's <see cref="ISecretRedactor"/> first
/// (except files under <c>traces/raw/</c> when the factory allows raw traces).
/// </summary>
public interface IRunRecorder
{
    /// <summary>The run.</summary>
    RunId RunId { get; }

    /// <summary>The run's redactor (register secrets a step learns, e.g. a token read from a file).</summary>
    ISecretRedactor Redactor { get; }

    /// <summary>Appends an event to <c>events.jsonl</c>.</summary>
    /// <param name="type">The event type, e.g. <c>space_created</c>.</param>
    /// <param name="message">A human message.</param>
    /// <param name="data">Structured details.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task RecordEventAsync(string type, string? message = null, JsonElement? data = null, CancellationToken cancellationToken = default);

    /// <summary>Writes a text artifact (e.g. <c>generated/app.py</c>).</summary>
    /// <param name="path">A relative path inside the run folder.</param>
    /// <param name="content">The text.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task WriteArtifactAsync(string path, string content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a UTF-8 text artifact from a stream, redacting line by line (the content is never held whole). Media files
    /// under <c>artifacts/</c> (<c>.png</c>, <c>.jpeg</c>, <c>.webp</c>, <c>.wav</c>, <c>.flac</c>, <c>.mp3</c>) are kept byte
    /// for byte; any secret in their bytes is still redacted.
    /// </summary>
    /// <param name="path">A relative path inside the run folder.</param>
    /// <param name="content">The text stream.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task WriteArtifactAsync(string path, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Writes a JSON artifact (e.g. <c>tests/test_result.json</c>), indented.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="path">A relative path inside the run folder.</param>
    /// <param name="value">The value.</param>
    /// <param name="typeInfo">Its source-generated JSON contract.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task WriteJsonArtifactAsync<T>(string path, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default);

    /// <summary>Sets the run's target (e.g. the Space id) and links for people, in <c>state.json</c> and the report.</summary>
    /// <param name="target">The target.</param>
    /// <param name="links">Named links (e.g. <c>space</c>, <c>settings</c>).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task SetTargetAsync(string target, IReadOnlyDictionary<string, string>? links = null, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces a link for people (e.g. a Job page).</summary>
    /// <param name="name">The link name.</param>
    /// <param name="url">The URL.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task SetLinkAsync(string name, string url, CancellationToken cancellationToken = default);

    /// <summary>Records the validation result shown in <c>state.json</c> and the report.</summary>
    /// <param name="validation">The result.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task SetValidationAsync(ValidationSummary validation, CancellationToken cancellationToken = default);

    /// <summary>Records something a person must resolve.</summary>
    /// <param name="blocker">What, and how to resolve it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task AddBlockerAsync(string blocker, CancellationToken cancellationToken = default);
}
