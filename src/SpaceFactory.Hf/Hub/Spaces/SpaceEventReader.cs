using System.Net.ServerSentEvents;
using System.Text.Json;

namespace SpaceFactory.Hf.Hub;

/// <summary>Reads the SSE body of <c>GET /api/spaces/{id}/events</c>: each event whose data is a runtime object.</summary>
internal static class SpaceEventReader
{
    public static IAsyncEnumerator<SseItem<SpaceRuntime?>> Open(Stream stream, CancellationToken cancellationToken) =>
        SseParser.Create(stream, static (_, data) => Parse(data)).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    /// <summary>A runtime with a stage; <see langword="null"/> for keep-alives and anything else.</summary>
    internal static SpaceRuntime? Parse(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty || json[0] != (byte)'{')
        {
            return null;
        }

        try
        {
            var runtime = JsonSerializer.Deserialize(json, HubJsonContext.Default.SpaceRuntime);
            return runtime is not null && runtime.Stage.Value.Length > 0 ? runtime : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
