using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SpaceFactory.Hf.Tests.TestSupport;

/// <summary>Builds Job log streams in the Hub's wire format: <c>data: {"data": …, "timestamp": …}</c> + blank line.</summary>
internal static class Sse
{
    public static readonly DateTimeOffset T0 = new(2025, 7, 22, 16, 6, 31, 79, TimeSpan.Zero);

    /// <summary>One event; <paramref name="millis"/> after <see cref="T0"/>.</summary>
    public static string Line(string text, int millis, string newline = "\n") =>
        $"data: {{\"data\": {Quote(text)}, \"timestamp\": \"{Stamp(millis)}\"}}{newline}{newline}";

    /// <summary>Events "line 1".."line n" (or from <paramref name="first"/>), one millisecond apart.</summary>
    public static string Lines(int first, int last) =>
        string.Concat(Enumerable.Range(first, last - first + 1).Select(i => Line($"line {i}", i)));

    public static string Stamp(int millis) =>
        T0.AddMilliseconds(millis).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Quote(string text) => JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() is var encoded
        ? "\"" + encoded + "\""
        : throw new InvalidOperationException();

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
