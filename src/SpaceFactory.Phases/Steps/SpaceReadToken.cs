using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// The token a Space of a gated model gets as its <c>HF_TOKEN</c> secret: never the run's own token (in the web host
/// the signed-in user's OAuth token with write scopes), only a separate one the user names with the parameter
/// <see cref="Parameter"/> (the name of a run secret, so the value never appears on a command line), and only after
/// <c>whoami-v2</c> shows it cannot write.
/// </summary>
public static class SpaceReadToken
{
    /// <summary>The parameter naming the run secret that holds the Space's read token.</summary>
    public const string Parameter = "space_token_secret";

    /// <summary>The run secret holding the read-only token for the Space, or a typed <c>blocked</c> failure saying what to do.</summary>
    /// <param name="hub">The Hub client (asked who the token is, under the token itself).</param>
    /// <param name="context">The run.</param>
    /// <param name="model">The gated model the Space must read.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The token to store in the Space.</returns>
    /// <exception cref="PhaseStepException">No token was named, it is missing, refused, or it can write.</exception>
    public static async Task<string> ResolveAsync(HubClient hub, PhaseContext context, RepoId model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(context);
        var howTo = $"create a read-only token (or a fine-grained one without write permissions) that can read {model}, pass it as a run secret, and name that secret with the parameter {Parameter}";
        if (context.GetParameter(Parameter) is not { } name)
        {
            throw new PhaseStepException(OutcomeCode.Blocked, $"the model {model} is gated, so its Space needs a token, and SpaceFactory never gives a Space the run's own token: {howTo}");
        }

        var token = context.GetSecret(name.Trim())
            ?? throw new PhaseStepException(OutcomeCode.Blocked, $"the parameter {Parameter} names the secret '{name.Trim()}', which the run does not have: {howTo}");
        if (string.Equals(token, context.GetSecret(FactorySecrets.HubToken), StringComparison.Ordinal))
        {
            throw new PhaseStepException(OutcomeCode.Blocked, $"the secret '{name.Trim()}' holds the run's own token, which never goes into a Space: {howTo}");
        }

        context.Recorder.Redactor.Register(token);
        HubUser owner;
        try
        {
            using (HfTokenScope.Begin(token))
            {
                owner = await hub.WhoAmIAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (HfUnauthorizedException)
        {
            throw new PhaseStepException(OutcomeCode.Blocked, $"the Hub refused the token in the secret '{name.Trim()}' (invalid or expired): {howTo}");
        }

        if (WhyItCanWrite(owner.Auth?.AccessToken) is { } why)
        {
            throw new PhaseStepException(OutcomeCode.Blocked, $"the token in the secret '{name.Trim()}' {why}; a Space must only read: {howTo}");
        }

        return token;
    }

    /// <summary>Why the token may write (or cannot be shown not to); null for a read token or a fine-grained one without write permissions.</summary>
    /// <param name="token">What <c>whoami-v2</c> said about the token.</param>
    /// <returns>The reason in words, or null.</returns>
    public static string? WhyItCanWrite(HubAccessTokenInfo? token)
    {
        if (token is null)
        {
            return "is not an access token the Hub describes (an OAuth token, say), so its permissions cannot be checked";
        }

        if (string.Equals(token.Role, "read", StringComparison.Ordinal))
        {
            return null;
        }

        if (!string.Equals(token.Role, HubAccessTokenInfo.FineGrainedRole, StringComparison.Ordinal))
        {
            return $"has the role '{token.Role ?? "unknown"}'";
        }

        var permissions = (token.FineGrained?.Global ?? [])
            .Concat((token.FineGrained?.Scoped ?? []).SelectMany(s => s.Permissions ?? []))
            .Where(p => p.EndsWith(".write", StringComparison.Ordinal) || p.EndsWith(".manage", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return permissions.Length == 0 ? null : $"is fine-grained with write permissions ({string.Join(", ", permissions)})";
    }
}
