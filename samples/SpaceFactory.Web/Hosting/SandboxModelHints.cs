using System.Text.Json;
using SpaceFactory.Sandbox;

namespace SpaceFactory.Web.Hosting;

/// <summary>
/// What the offline Sandbox holds, for the Build form's hints: its seeded models (id and task), read once from its
/// model listing. Registered only in the offline mode; on the Hub any public model may be built.
/// </summary>
internal sealed class SandboxModelHints(HfSandbox sandbox, IHttpClientFactory httpClients)
{
    /// <summary>Longest listing read (the seeded catalog is a few kilobytes).</summary>
    private const int MaxBytes = 256 * 1024;

    private readonly Lock _gate = new();
    private Task<IReadOnlyList<ModelHint>>? _models;

    /// <summary>The seeded models, in the listing's order; empty when the listing could not be read.</summary>
    public Task<IReadOnlyList<ModelHint>> ModelsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _models ??= ReadAsync(cancellationToken);
        }
    }

    private async Task<IReadOnlyList<ModelHint>> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var http = httpClients.CreateClient(nameof(SandboxModelHints));
            http.Timeout = TimeSpan.FromSeconds(10);
            http.MaxResponseContentBufferSize = MaxBytes;
            var body = await http.GetByteArrayAsync(new Uri(sandbox.Endpoint, "/api/models?limit=100"), cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(body);
            return [.. document.RootElement.EnumerateArray()
                .Where(m => m.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                .Select(m => new ModelHint(
                    m.GetProperty("id").GetString()!,
                    m.TryGetProperty("pipeline_tag", out var tag) && tag.ValueKind == JsonValueKind.String ? tag.GetString() : null))
                .OrderBy(m => m.Task ?? "~", StringComparer.Ordinal)
                .ThenBy(m => m.Id, StringComparer.Ordinal)];
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException or InvalidOperationException)
        {
            lock (_gate)
            {
                _models = null; // try again on the next page view
            }

            return [];
        }
    }
}

/// <summary>A model the Sandbox holds, and its task (pipeline tag).</summary>
internal sealed record ModelHint(string Id, string? Task);
