using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>An access token's description (<c>auth.accessToken</c> of whoami). Never holds the token itself.</summary>
public sealed class HubAccessTokenInfo
{
    /// <summary>The <see cref="Role"/> of a token whose rights are listed in <see cref="FineGrained"/>.</summary>
    public const string FineGrainedRole = "fineGrained";

    /// <summary>The name the user gave the token.</summary>
    [JsonPropertyName("displayName")]
    public string? DisplayName { get; init; }

    /// <summary>Role: <c>read</c>, <c>write</c>, <c>fineGrained</c>… (an open set).</summary>
    [JsonPropertyName("role")]
    public string? Role { get; init; }

    /// <summary>When the token was created.</summary>
    [JsonPropertyName("createdAt")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The permissions of a fine-grained token.</summary>
    [JsonPropertyName("fineGrained")]
    public HubFineGrainedPermissions? FineGrained { get; init; }
}
