using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SpaceFactory.Scenarios;

/// <summary>One workload's figures, printed as one <c>RESULT {json}</c> line; unset figures are left out.</summary>
internal sealed class ScenarioResult(string workload, string budget)
{
    public string Workload { get; } = workload;

    public string Budget { get; } = budget;

    public int? Runs { get; set; }

    public double? MedianMs { get; set; }

    public double? P95Ms { get; set; }

    public double? LinesPerSecond { get; set; }

    public double? BytesPerSecond { get; set; }

    public double? PeakRssMiB { get; set; }

    public bool Met { get; set; }

    /// <summary>Further figures (e.g. the protocol floor of P3), written after the standard keys.</summary>
    public Dictionary<string, double> Extra { get; } = new(StringComparer.Ordinal);

    /// <summary>Why a budget is not met, or what was measured instead.</summary>
    public string? Note { get; set; }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("workload", Workload);
            WriteNumber(json, "runs", Runs);
            WriteNumber(json, "median_ms", Round(MedianMs, 3));
            WriteNumber(json, "p95_ms", Round(P95Ms, 3));
            WriteNumber(json, "lines_per_s", Round(LinesPerSecond, 0));
            WriteNumber(json, "bytes_per_s", Round(BytesPerSecond, 0));
            WriteNumber(json, "peak_rss_mib", Round(PeakRssMiB, 1));
            foreach (var (key, value) in Extra)
            {
                json.WriteNumber(key, Math.Round(value, 3));
            }

            json.WriteString("budget", Budget);
            json.WriteBoolean("met", Met);
            if (Note is not null)
            {
                json.WriteString("note", Note);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public override string ToString() => "RESULT " + ToJson();

    /// <summary>Reads the figures a child process printed (<c>CHILD {json}</c>) into this result.</summary>
    public void ReadChild(string json)
    {
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Number)
            {
                continue;
            }

            var value = property.Value.GetDouble();
            switch (property.Name)
            {
                case "runs": Runs = (int)value; break;
                case "median_ms": MedianMs = value; break;
                case "p95_ms": P95Ms = value; break;
                case "lines_per_s": LinesPerSecond = value; break;
                case "bytes_per_s": BytesPerSecond = value; break;
                case "peak_rss_mib": PeakRssMiB = value; break;
                default: Extra[property.Name] = value; break;
            }
        }
    }

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }

    public static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
