using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SpaceFactory.Hf.Hub;

/// <summary>Turns the SSE body of <c>GET /api/spaces/{id}/logs/{build|run}</c> into <see cref="SpaceLogLine"/>s.</summary>
/// <remarks>Keep-alives (empty <c>data:</c>) and events that are not a JSON object with <c>data</c> are skipped.</remarks>
internal static class SpaceLogReader
{
    public static async IAsyncEnumerable<SpaceLogLine> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parser = SseParser.Create(stream, static (_, data) => Parse(data));
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            if (item.Data is { } line)
            {
                yield return line;
            }
        }
    }

    /// <summary>Reads <c>{"data":"…","timestamp":"…"}</c>; <see langword="null"/> for anything else.</summary>
    internal static SpaceLogLine? Parse(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? data = null;
            DateTimeOffset? timestamp = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("data"u8))
                {
                    reader.Read();
                    data = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("timestamp"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String &&
                        DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                    {
                        timestamp = parsed;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return data is null ? null : new SpaceLogLine(data, timestamp);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
