using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>An organisation the user belongs to (<c>orgs[]</c> of whoami).</summary>
public sealed class HubOrganization
{
    /// <summary>The organisation's internal id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The organisation name: the namespace of its repositories.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init; } = string.Empty;

    /// <summary>Display name.</summary>
    [JsonPropertyName("fullname")]
    public string? FullName { get; init; }

    /// <summary>Plan: <c>team</c>, <c>enterprise</c>, <c>plus</c>, <c>academia</c>… (an open set).</summary>
    [JsonPropertyName("plan")]
    public string? Plan { get; init; }

    /// <summary>The user's role in the organisation: <c>admin</c>, <c>write</c>, <c>contributor</c>, <c>read</c>… (an open set).</summary>
    [JsonPropertyName("roleInOrg")]
    public string? RoleInOrg { get; init; }

    /// <summary>Whether the organisation can pay for compute.</summary>
    [JsonPropertyName("canPay")]
    public bool? CanPay { get; init; }

    /// <summary>Security restrictions in force: <c>mfa</c>, <c>token-policy</c>, <c>sso</c>, <c>ip</c>… (an open set).</summary>
    [JsonPropertyName("securityRestrictions")]
    public IReadOnlyList<string>? SecurityRestrictions { get; init; }
}
