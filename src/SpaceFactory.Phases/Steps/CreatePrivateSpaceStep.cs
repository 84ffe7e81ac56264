using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// Creates the target Space, always private, with the Gradio SDK, on the recommendation's first flavor when the Hub
/// allows it at creation (else on CPU basic, or on ZeroGPU when a free account may only have that), and saves the
/// Hub's id of it before anything else; then requests the next flavors best-effort in order, checking before every
/// request (and before storing a gated model's read token, <see cref="SpaceReadToken"/>) that the Space is still
/// private. When every request is refused (402/403) the Space stays on CPU basic, the Hub's reasons are recorded as a
/// blocker and <see cref="StopForManualHardwareStep"/> ends the run <c>manual_hardware_required</c> after the upload. A Space found at the target is
/// adopted only when it is provably this run's (<see cref="SpaceOwnership"/>); any other ends <c>target_exists</c>.
/// </summary>
public sealed class CreatePrivateSpaceStep(HubClient hub, GradioAppVersions? versions = null, StepRetryOptions? retry = null) : IPhaseStep
{
    private readonly StepRetryOptions _retry = retry ?? new StepRetryOptions();

    /// <inheritdoc />
    public string Name => "create_private_space";

    /// <inheritdoc />
    public bool IsSafeToRerun => true;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.State.Get(FactoryState.Target);
        var flavors = context.State.TryGet(FactoryState.Recommendation, out var recommendation) ? recommendation.Flavors : [];
        var allowZeroGpu = RecommendRuntimeStep.Flag(context, "allow_zerogpu", fallback: true);

        // A gated model needs a read token in its Space: checked before anything is created, so a blocked run leaves nothing.
        var gated = context.State.TryGet(FactoryState.Analysis, out var analysis) && analysis.Gated is not null ? analysis.Model : (RepoId?)null;
        var spaceToken = gated is { } model ? await SpaceReadToken.ResolveAsync(hub, context, model, cancellationToken).ConfigureAwait(false) : null;

        var attempts = new List<HardwareAttempt>();
        var first = flavors.FirstOrDefault(f => !string.Equals(f, "cpu-basic", StringComparison.Ordinal));
        var (reconciled, grantedAtCreation) = await CreateOrAdoptAsync(context, target.RepoId, first, allowZeroGpu, attempts, cancellationToken).ConfigureAwait(false);
        if (spaceToken is not null)
        {
            await RequirePrivateAsync(context, "stored (the secret HF_TOKEN)", cancellationToken).ConfigureAwait(false);
            await hub.AddSpaceSecretAsync(target.RepoId, HfClientOptions.TokenVariable, spaceToken, "Read access to the gated model " + gated, cancellationToken).ConfigureAwait(false);
            await context.Recorder.RecordEventAsync("space_secret_set", $"the Space secret HF_TOKEN was set to the read-only token of the run secret named by {SpaceReadToken.Parameter}, so that the app can load the gated model {gated}", cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        string? granted = grantedAtCreation;
        foreach (var flavor in flavors.Where(f => !string.Equals(f, "cpu-basic", StringComparison.Ordinal) && !attempts.Exists(a => string.Equals(a.Flavor, f, StringComparison.Ordinal))))
        {
            if (granted is not null)
            {
                break;
            }

            await RequirePrivateAsync(context, $"requested ({flavor})", cancellationToken).ConfigureAwait(false);
            try
            {
                await hub.RequestSpaceHardwareAsync(target.RepoId, flavor, cancellationToken: cancellationToken).ConfigureAwait(false);
                attempts.Add(new HardwareAttempt(flavor, Granted: true));
                granted = flavor;
            }
            catch (HfApiException ex) when (ex is HfPaymentRequiredException or HfForbiddenException)
            {
                attempts.Add(new HardwareAttempt(flavor, Granted: false, ex.ServerMessage ?? ex.Message));
                await context.Recorder.RecordEventAsync("hardware_refused", $"{flavor} was refused: {ex.ServerMessage ?? ex.StatusCode.ToString()}", cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        target = context.State.Get(FactoryState.Target);
        context.State.Set(FactoryState.Target, target with { HardwareRequested = attempts, HardwareGranted = granted ?? (flavors.Count == 0 || string.Equals(flavors[0], "cpu-basic", StringComparison.Ordinal) ? "cpu-basic" : null), Reconciled = reconciled });
        if (attempts.Count > 0 && granted is null)
        {
            var reason = "every hardware request was refused: " + string.Join("; ", attempts.Select(a => $"{a.Flavor}: {a.Reason}"));
            await context.Recorder.AddBlockerAsync(reason + ". Choose hardware in the Space settings.", cancellationToken).ConfigureAwait(false);
            return StepResult.Completed($"{(reconciled ? "adopted" : "created")} private Space {target.RepoId} on cpu-basic; {reason}");
        }

        return StepResult.Completed($"{(reconciled ? "adopted" : "created")} private Space {target.RepoId}{(granted is null ? string.Empty : $" on {granted}")}");
    }

    /// <summary>Creates (on <paramref name="hardware"/> when the Hub allows it) or adopts the Space; returns the flavor granted at creation, if any.</summary>
    private Task<(bool Reconciled, string? Granted)> CreateOrAdoptAsync(
        PhaseContext context, RepoId space, string? hardware, bool allowZeroGpu, List<HardwareAttempt> attempts, CancellationToken cancellationToken) =>
        StepRetry.RetryAsync(
            context,
            _retry,
            "space_create_retry",
            (ex, attempt) => $"creating {space} failed ({StepRetry.Describe(ex)}); attempt {attempt} of {_retry.MaxAttempts}, will look whether it exists before sending again",
            async (attempt, ct) =>
            {
                // Look before every send: a re-run (after a crash) or a lost answer may already have created it. What is
                // found is adopted only when it is provably this run's (AdoptOrRefuseAsync).
                var before = context.State.Get(FactoryState.Target);
                if (await SpaceOwnership.FindAsync(hub, space, ct).ConfigureAwait(false) is { } existing)
                {
                    await AdoptOrRefuseAsync(context, before, existing, ct).ConfigureAwait(false);
                    return (true, (string?)null);
                }

                await RecordCreateSentAsync(context, before, ct).ConfigureAwait(false);
                try
                {
                    attempts.Clear();
                    var (created, granted) = await CreateOnHardwareAsync(context, space, hardware, allowZeroGpu, attempts, ct).ConfigureAwait(false);
                    await RecordCreatedAsync(context, created, ct).ConfigureAwait(false);
                    await context.Recorder.RecordEventAsync("space_created", $"created private Space {space}{(granted is null ? string.Empty : " on " + granted)}", cancellationToken: ct).ConfigureAwait(false);
                    return (false, granted);
                }
                catch (HfConflictException)
                {
                    // Taken between the look and the send: by an earlier send of this run whose answer was lost, or by someone else.
                    var found = await SpaceOwnership.FindAsync(hub, space, ct).ConfigureAwait(false)
                        ?? throw new PhaseStepException(OutcomeCode.TargetExists, $"the Hub says {space} exists, but it is not visible to this token; SpaceFactory never overwrites a Space: choose another name");
                    await AdoptOrRefuseAsync(context, before, found, ct).ConfigureAwait(false);
                    return (true, (string?)null);
                }
            },
            cancellationToken);

    /// <summary>
    /// Adopts <paramref name="found"/> when it is this run's Space (recording its identity at once), else ends the run
    /// <c>target_exists</c>. <paramref name="before"/> is the record as it was before the current send.
    /// </summary>
    private static async Task AdoptOrRefuseAsync(PhaseContext context, TargetSpaceRecord before, SpaceInfo found, CancellationToken cancellationToken)
    {
        if (SpaceOwnership.WhyNotOurs(before, found) is { } why)
        {
            await context.Recorder.RecordEventAsync("space_not_adopted", $"{before.RepoId} exists but {why}; nothing was written to it", cancellationToken: cancellationToken).ConfigureAwait(false);
            throw new PhaseStepException(OutcomeCode.TargetExists, $"the Space {before.RepoId} exists, but {why}; SpaceFactory never overwrites a Space: choose another name");
        }

        var how = before.HubId is not null ? "is the Space this run created earlier (same Hub id)" : "is private, fresh and created after this run's check, although the answer to creating it was lost";
        context.State.Set(FactoryState.Target, SpaceOwnership.WithIdentity(before, found));
        await context.SaveStateAsync(cancellationToken).ConfigureAwait(false);
        await context.Recorder.RecordEventAsync("space_reconciled", $"{before.RepoId} {how}; adopted, not created again", cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves, before the send, that a create is under way: after a crash the run knows the answer may be lost.</summary>
    private static async Task RecordCreateSentAsync(PhaseContext context, TargetSpaceRecord before, CancellationToken cancellationToken)
    {
        if (before.CreateSentAt is null)
        {
            context.State.Set(FactoryState.Target, before with { CreateSentAt = context.TimeProvider.GetUtcNow() });
            await context.SaveStateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Saves the Hub's id of the new Space before anything else happens: it is the only Space a resume adopts.</summary>
    private static async Task RecordCreatedAsync(PhaseContext context, CreatedRepo created, CancellationToken cancellationToken)
    {
        context.State.Set(FactoryState.Target, context.State.Get(FactoryState.Target) with { HubId = created.Id });
        await context.SaveStateAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks the Space is this run's and private (recording its identity when still unknown) before <paramref name="action"/>.</summary>
    private async Task RequirePrivateAsync(PhaseContext context, string action, CancellationToken cancellationToken)
    {
        var record = context.State.Get(FactoryState.Target);
        var info = await SpaceOwnership.RequirePrivateAsync(hub, record, action, cancellationToken).ConfigureAwait(false);
        var known = SpaceOwnership.WithIdentity(record, info);
        if (known != record)
        {
            context.State.Set(FactoryState.Target, known);
            await context.SaveStateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Creates the Space on <paramref name="hardware"/> (the Hub accepts <c>hardware</c> at creation); when that is
    /// refused, on CPU basic, and when a free account may not have that, on ZeroGPU. Records every grant or refusal.
    /// </summary>
    private async Task<(CreatedRepo Created, string? Granted)> CreateOnHardwareAsync(
        PhaseContext context, RepoId space, string? hardware, bool allowZeroGpu, List<HardwareAttempt> attempts, CancellationToken cancellationToken)
    {
        if (hardware is not null)
        {
            try
            {
                var created = await CreateAsync(space, hardware, cancellationToken).ConfigureAwait(false);
                attempts.Add(new HardwareAttempt(hardware, Granted: true));
                return (created, hardware);
            }
            catch (HfApiException ex) when (ex is HfPaymentRequiredException or HfForbiddenException)
            {
                attempts.Add(new HardwareAttempt(hardware, Granted: false, ex.ServerMessage ?? ex.Message));
                await context.Recorder.RecordEventAsync("hardware_refused", $"creating {space} on {hardware} was refused: {ex.ServerMessage ?? ex.StatusCode.ToString()}; creating it on cpu-basic", cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        var (plain, zeroGpu) = await CreateWithZeroGpuFallbackAsync(context, space, allowZeroGpu && !string.Equals(hardware, "zero-a10g", StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
        if (zeroGpu)
        {
            attempts.Add(new HardwareAttempt("zero-a10g", Granted: true));
        }

        return (plain, zeroGpu ? "zero-a10g" : null);
    }

    private async Task<(CreatedRepo Created, bool ZeroGpu)> CreateWithZeroGpuFallbackAsync(PhaseContext context, RepoId space, bool allowZeroGpu, CancellationToken cancellationToken)
    {
        try
        {
            return (await CreateAsync(space, hardware: null, cancellationToken).ConfigureAwait(false), false);
        }
        catch (HfPaymentRequiredException ex) when (allowZeroGpu)
        {
            // Free accounts may host Gradio Spaces on ZeroGPU only.
            await context.Recorder.RecordEventAsync("space_create_refused", $"creating {space} on CPU needs a paid plan ({ex.ServerMessage}); trying ZeroGPU", cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                return (await CreateAsync(space, "zero-a10g", cancellationToken).ConfigureAwait(false), true);
            }
            catch (HfPaymentRequiredException again)
            {
                throw new PhaseStepException(OutcomeCode.ManualHardwareRequired, $"the Hub refused to create a Gradio Space for this account, also on ZeroGPU: {again.ServerMessage ?? again.Message}", again);
            }
        }
        catch (HfPaymentRequiredException ex)
        {
            throw new PhaseStepException(OutcomeCode.ManualHardwareRequired, $"the Hub refused to create a Gradio Space for this account: {ex.ServerMessage ?? ex.Message}", ex);
        }
    }

    private Task<CreatedRepo> CreateAsync(RepoId space, string? hardware, CancellationToken cancellationToken) =>
        hub.CreateRepoAsync(space, RepoType.Space, new CreateRepoOptions
        {
            Visibility = RepoVisibility.Private,
            Sdk = "gradio",
            SdkVersion = (versions ?? GradioAppVersions.Default).Gradio,
            Hardware = hardware,
        }, cancellationToken);
}
