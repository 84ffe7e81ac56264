using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Jobs;

/// <summary>The one field of <c>GET /api/whoami-v2</c> the Jobs client needs: the token owner's name.</summary>
internal sealed class WhoAmIName
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }
}
