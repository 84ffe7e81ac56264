using System.Text.Json.Serialization;

namespace SpaceFactory.Cli.Output;

/// <summary><c>repo create --json</c> and <c>upload --json</c>: the URL of what was made.</summary>
internal sealed record UrlJson([property: JsonPropertyName("url")] string Url);
