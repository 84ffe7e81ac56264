using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using SpaceFactory.Phases.Monitoring;

namespace SpaceFactory.Web.Monitoring;

/// <summary>
/// The geometry of a Space's latency chart (an inline SVG, no script): one point per check, oldest on the left, p50
/// and p95 as two lines, each failed check a red dot that links to its run. Numbers are formatted invariantly.
/// </summary>
internal sealed class MonitorChart
{
    public const int Width = 640;
    public const int Height = 220;
    private const double Left = 56, Right = 12, Top = 12, Bottom = 28;

    public MonitorChart(IReadOnlyList<MonitorEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
        var highest = entries.SelectMany(e => new[] { e.P50Ms, e.P95Ms }).Where(v => v is > 0).Select(v => v!.Value).DefaultIfEmpty(1).Max();
        MaxMs = NiceCeiling(highest);
    }

    public IReadOnlyList<MonitorEntry> Entries { get; }

    /// <summary>The top of the latency axis, rounded up to 1, 2 or 5 times a power of ten.</summary>
    public double MaxMs { get; }

    public static string ViewBox => $"0 0 {Width} {Height}";

    public static double PlotLeft => Left;

    public static double PlotRight => Width - Right;

    public static double PlotBottom => Height - Bottom;

    public static double PlotTop => Top;

    public double X(int index) => Entries.Count <= 1 ? (Left + Width - Right) / 2 : Left + (Width - Left - Right) * index / (Entries.Count - 1);

    public double Y(double ms) => Top + (Height - Top - Bottom) * (1 - (Math.Clamp(ms, 0, MaxMs) / MaxMs));

    /// <summary>The <c>points</c> of a polyline through the checks that have the value.</summary>
    public string Points(Func<MonitorEntry, double?> value) => string.Join(' ', Entries
        .Select((e, i) => (Value: value(e), Index: i))
        .Where(p => p.Value is not null)
        .Select(p => F(X(p.Index)) + "," + F(Y(p.Value!.Value))));

    /// <summary>Where a check's dot sits: its p95 (else p50, else the axis).</summary>
    public double DotY(MonitorEntry entry) => Y(entry.P95Ms ?? entry.P50Ms ?? 0);

    /// <summary>An SVG <c>text</c> element (written here: Razor reserves the <c>text</c> tag in code blocks); the words are encoded.</summary>
    public static HtmlString Label(double x, double y, string words, bool alignEnd = false) =>
        new($"<text x=\"{F(x)}\" y=\"{F(y)}\"{(alignEnd ? " text-anchor=\"end\"" : "")}>{HtmlEncoder.Default.Encode(words)}</text>");

    public static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Ms(double? value) => value is { } v ? v.ToString(v < 10 ? "0.#" : "0", CultureInfo.InvariantCulture) + " ms" : "—";

    private static double NiceCeiling(double value)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (value <= step * power)
            {
                return step * power;
            }
        }

        return 10 * power;
    }
}
