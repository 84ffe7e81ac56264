using System.Net.ServerSentEvents;
using System.Text.Json;

namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// Turns the data of one SSE event of <c>/api/jobs/{ns}/{id}/logs</c> into log lines, straight from the UTF-8 bytes:
/// <c>{"data": "line", "timestamp": "2025-07-22T16:06:31.079Z"}</c>. No intermediate object and no allocation beyond
/// the line's string.
/// </summary>
internal static class JobLogEventParser
{
    /// <summary>The parser handed to <see cref="SseParser.Create{T}(Stream, SseItemParser{T})"/> (one cached delegate).</summary>
    public static readonly SseItemParser<JobLogEvent> ItemParser = Parse;

    private static readonly JsonReaderOptions ReaderOptions = new() { AllowMultipleValues = true };

    /// <summary>Parses an event's data; empty data (a keep-alive) yields an event without a line.</summary>
    public static JobLogEvent Parse(string eventType, ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data, ReaderOptions);
        JobLogLine first = default;
        var hasFirst = false;
        List<JobLogLine>? more = null;
        string? problem = null;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    problem = $"expected a JSON object, found {reader.TokenType}";
                    break;
                }

                string? text = null;
                DateTimeOffset? timestamp = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("data"u8))
                    {
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            text = reader.GetString();
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                    else if (reader.ValueTextEquals("timestamp"u8))
                    {
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var parsed))
                        {
                            timestamp = parsed;
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }

                if (text is null)
                {
                    problem ??= "the event has no string \"data\" field";
                    continue;
                }

                var line = new JobLogLine(text, timestamp);
                if (!hasFirst)
                {
                    first = line;
                    hasFirst = true;
                }
                else
                {
                    (more ??= []).Add(line);
                }
            }
        }
        catch (JsonException ex)
        {
            // The message names the position, not the content.
            problem = "the event is not valid JSON (" + ex.Message + ")";
        }

        return new JobLogEvent(first, hasFirst, more, problem);
    }
}
