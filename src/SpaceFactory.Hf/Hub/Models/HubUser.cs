using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>The account behind a token, as <c>GET /api/whoami-v2</c> describes it.</summary>
public sealed class HubUser
{
    /// <summary>Token roles that may write to every namespace the account can write to.</summary>
    private static readonly string[] WriteRoles = ["write", "admin", "god"];

    /// <summary>Organisation roles that allow creating or writing repositories.</summary>
    private static readonly string[] WritingOrgRoles = ["admin", "write", "contributor"];

    /// <summary>Kind of account: <c>user</c>, <c>org</c> or <c>app</c> (an open set).</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The account's internal id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The user name: the namespace of the account's own repositories.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init; } = string.Empty;

    /// <summary>Display name.</summary>
    [JsonPropertyName("fullname")]
    public string? FullName { get; init; }

    /// <summary>E-mail address, when the token may read it.</summary>
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    /// <summary>Whether the e-mail address is verified.</summary>
    [JsonPropertyName("emailVerified")]
    public bool? EmailVerified { get; init; }

    /// <summary>Whether the account has a PRO subscription (Gradio/Docker Spaces need a paid plan).</summary>
    [JsonPropertyName("isPro")]
    public bool? IsPro { get; init; }

    /// <summary>Whether the account can pay for compute.</summary>
    [JsonPropertyName("canPay")]
    public bool? CanPay { get; init; }

    /// <summary>Billing mode: <c>prepaid</c> or <c>postpaid</c> (an open set).</summary>
    [JsonPropertyName("billingMode")]
    public string? BillingMode { get; init; }

    /// <summary>Avatar image URL.</summary>
    [JsonPropertyName("avatarUrl")]
    public string? AvatarUrl { get; init; }

    /// <summary>The organisations the account belongs to.</summary>
    [JsonPropertyName("orgs")]
    public IReadOnlyList<HubOrganization>? Organizations { get; init; }

    /// <summary>How the request was authenticated: token kind, role and fine-grained permissions.</summary>
    [JsonPropertyName("auth")]
    public HubAuthInfo? Auth { get; init; }

    /// <summary>
    /// Whether the token behind this answer may create or write repositories in <paramref name="namespace"/>
    /// (the user's own name or one of its organisations).
    /// </summary>
    /// <param name="namespace">A user or organisation name.</param>
    /// <returns>
    /// <see langword="true"/> when the namespace is the user's or an organisation where the user is admin, writer or
    /// contributor, <b>and</b> the token is a <c>write</c>/<c>admin</c> token or a fine-grained token with
    /// <c>repo.write</c> scoped to that namespace. A token whose role is not reported (OAuth access tokens) is judged
    /// by membership alone: its scopes are not visible here and the Hub enforces them.
    /// </returns>
    public bool CanWriteTo(string @namespace)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(@namespace);
        var own = string.Equals(Name, @namespace, StringComparison.OrdinalIgnoreCase);
        if (!own)
        {
            var organization = Organizations?.FirstOrDefault(o => string.Equals(o.Name, @namespace, StringComparison.OrdinalIgnoreCase));
            if (organization?.RoleInOrg is not { } role || !WritingOrgRoles.Contains(role, StringComparer.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        var token = Auth?.AccessToken;
        if (token?.Role is not { } tokenRole)
        {
            return true;
        }

        if (WriteRoles.Contains(tokenRole, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        return string.Equals(tokenRole, HubAccessTokenInfo.FineGrainedRole, StringComparison.OrdinalIgnoreCase) &&
               token.FineGrained?.Scoped is { } scoped &&
               scoped.Any(s => string.Equals(s.Entity?.Name, @namespace, StringComparison.OrdinalIgnoreCase) &&
                               s.Permissions?.Contains(HubFineGrainedPermissions.RepoWrite, StringComparer.Ordinal) == true);
    }

    /// <inheritdoc />
    public override string ToString() => $"HubUser {{ Name = {Name}, Type = {Type} }}";
}
