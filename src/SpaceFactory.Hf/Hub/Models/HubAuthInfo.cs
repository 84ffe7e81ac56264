using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>How a whoami request was authenticated (<c>auth</c> of whoami).</summary>
public sealed class HubAuthInfo
{
    /// <summary>Kind of credential: <c>access_token</c>, <c>app_token</c>… (an open set).</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The access token's name, role and permissions; absent for OAuth access tokens.</summary>
    [JsonPropertyName("accessToken")]
    public HubAccessTokenInfo? AccessToken { get; init; }
}
