using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// Turns the data of one SSE event of <c>/api/jobs/{ns}/{id}/logs</c> into log lines, straight from the UTF-8 bytes
/// (<see cref="JobLogEventReader"/> hands it the bytes where they lie in the pipe's buffer):
/// <c>{"data": "line", "timestamp": "2025-07-22T16:06:31.079Z"}</c>. No intermediate object and no allocation beyond
/// the line's string.
/// </summary>
internal static class JobLogEventParser
{
    /// <summary>The parser as an in-box <see cref="SseParser.Create{T}(Stream, SseItemParser{T})"/> item parser (the benchmarks' baseline).</summary>
    public static readonly SseItemParser<JobLogEvent> ItemParser = static (_, data) => Parse(data);

    private static readonly JsonReaderOptions ReaderOptions = new() { AllowMultipleValues = true };

    /// <summary>JSON whitespace.</summary>
    private static ReadOnlySpan<byte> Blanks => " \t\r\n"u8;

    /// <summary>Parses an event's data; empty data (a keep-alive) yields an event without a line.</summary>
    /// <remarks>Fully optimised from the first call: a log of a million lines is over before tiered JIT would get there.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static JobLogEvent Parse(ReadOnlySpan<byte> data)
    {
        if (TryParseCanonical(data, out var canonical))
        {
            return new JobLogEvent(canonical, hasLine: true, more: null, problem: null);
        }

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
                        if (reader.TokenType == JsonTokenType.String && JobLogTimestamp.TryRead(ref reader, out var parsed))
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
        catch (InvalidOperationException)
        {
            // GetString on bytes that are not UTF-8.
            problem = "the event's text is not valid UTF-8";
        }

        return new JobLogEvent(first, hasFirst, more, problem);
    }

    /// <summary>
    /// The fast path for the exact shape the Hub writes, <c>{"data": "text", "timestamp": "…Z"}</c> (blanks optional), with
    /// no escape, control character or invalid UTF-8 in the text: a few vectorised searches instead of a full JSON read.
    /// Anything else returns <see langword="false"/> and goes through <see cref="Utf8JsonReader"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool TryParseCanonical(ReadOnlySpan<byte> data, out JobLogLine line)
    {
        line = default;
        var rest = data.TrimEnd(Blanks);
        if (!rest.StartsWith("{\"data\":"u8))
        {
            return false;
        }

        rest = rest["{\"data\":".Length..].TrimStart(Blanks);
        if (rest.IsEmpty || rest[0] != '"')
        {
            return false;
        }

        rest = rest[1..];
        var end = rest.IndexOfAny((byte)'"', (byte)'\\');
        if (end < 0 || rest[end] != '"')
        {
            return false;
        }

        var text = rest[..end];
        if (text.IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0 || !Utf8.IsValid(text))
        {
            return false;
        }

        rest = rest[(end + 1)..].TrimStart(Blanks);
        if (rest.Length < 2 || rest[0] != ',')
        {
            return false;
        }

        rest = rest[1..].TrimStart(Blanks);
        if (!rest.StartsWith("\"timestamp\":"u8))
        {
            return false;
        }

        rest = rest["\"timestamp\":".Length..].TrimStart(Blanks);
        if (rest.IsEmpty || rest[0] != '"')
        {
            return false;
        }

        rest = rest[1..];
        var stampEnd = rest.IndexOf((byte)'"');
        if (stampEnd < 0 || !JobLogTimestamp.TryParseUtc(rest[..stampEnd], out var timestamp))
        {
            return false;
        }

        rest = rest[(stampEnd + 1)..].TrimStart(Blanks);
        if (rest.Length != 1 || rest[0] != '}')
        {
            return false;
        }

        line = new JobLogLine(Encoding.UTF8.GetString(text), timestamp);
        return true;
    }
}
