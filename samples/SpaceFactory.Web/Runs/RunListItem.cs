using System.Globalization;
using System.Text.Json.Serialization;

namespace SpaceFactory.Web.Runs;

/// <summary>One row of the run list, as the home page renders it and <c>/runs.json</c> sends it to the page's script.</summary>
internal sealed record RunListItem(string Id, string Recipe, string Started, string Status, bool Simulated, string Url)
{
    public static RunListItem From(RunEntry entry) => new(
        entry.RunId.Value,
        entry.Recipe,
        entry.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC",
        entry.Status,
        entry.Simulated,
        "/runs/" + Uri.EscapeDataString(entry.RunId.Value));
}

/// <summary>The body of <c>/runs.json</c>.</summary>
internal sealed record RunList(IReadOnlyList<RunListItem> Runs);

/// <summary>Source-generated JSON for the web app's own documents.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RunList))]
internal sealed partial class WebJsonContext : JsonSerializerContext;
