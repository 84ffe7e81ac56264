using System.Text.Json;

namespace SpaceFactory.Hf.Tests.Hub;

/// <summary>Parses an NDJSON commit body and compares it line by line to the reference traffic.</summary>
internal static class NdjsonAssert
{
    public static void LinesEqual(string body, params string[] expectedLines)
    {
        Assert.That(body, Does.EndWith("\n"), "every line, the last included, ends with a newline");
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(expectedLines.Length), "number of NDJSON lines:\n" + body);
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.That(lines[i], Does.Not.Contain("\r"), $"line {i} is one line");
            using var actual = JsonDocument.Parse(lines[i]);
            using var expected = JsonDocument.Parse(expectedLines[i]);
            Assert.That(JsonElement.DeepEquals(actual.RootElement, expected.RootElement), Is.True,
                $"NDJSON line {i} differs.\nactual:   {lines[i]}\nexpected: {expectedLines[i]}");
        }
    }
}
