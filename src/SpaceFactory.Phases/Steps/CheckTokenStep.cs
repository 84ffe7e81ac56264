using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// Phase 1: proves the worker received a working token (the Job secret <c>HF_TOKEN</c>) by asking the Hub who it
/// belongs to, and records the user and the token's role (never the token). Declares the smoke run complete.
/// </summary>
public sealed class CheckTokenStep(HubClient hub) : IPhaseStep
{
    /// <inheritdoc />
    public string Name => "check_token";

    /// <inheritdoc />
    public bool IsSafeToRerun => true;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        HubUser me;
        try
        {
            me = await hub.WhoAmIAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HfUnauthorizedException ex)
        {
            return StepResult.Failure(OutcomeCode.Blocked, $"the token was refused by the Hub ({ex.ServerMessage ?? "401"}); pass a valid token as the Job secret HF_TOKEN");
        }

        var role = me.Auth?.AccessToken?.Role ?? "oauth or unknown";
        await context.Recorder.RecordEventAsync("token_checked", $"the token belongs to {me.Name} (role {role})", cancellationToken: cancellationToken).ConfigureAwait(false);
        await context.Recorder.WriteArtifactAsync("logs/whoami.txt", $"user: {me.Name}\nrole: {role}\n", cancellationToken).ConfigureAwait(false);
        return StepResult.Success(OutcomeCode.Completed, $"the worker ran with a valid token of {me.Name} and wrote its record");
    }
}
