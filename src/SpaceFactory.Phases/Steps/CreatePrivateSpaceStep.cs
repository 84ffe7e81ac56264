using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// Creates the target Space, always private, with the Gradio SDK; then requests hardware best-effort in the order
/// of the recommendation. Refusals (402/403) end the run as <c>manual_hardware_required</c> with the Hub's reasons.
/// A lost answer is reconciled by looking: a Space that now exists at the target (absent when this run checked)
/// is adopted, never created twice.
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

        var (reconciled, zeroGpuAtCreation) = await CreateOrAdoptAsync(context, target.RepoId, allowZeroGpu, cancellationToken).ConfigureAwait(false);
        if (context.State.TryGet(FactoryState.Analysis, out var analysis) && analysis.Gated is not null && context.GetSecret(FactorySecrets.HubToken) is { } token)
        {
            // The app must download a gated model: the user's token goes to their own private Space as a secret, nowhere else.
            await hub.AddSpaceSecretAsync(target.RepoId, FactorySecrets.HubToken, token, "Read access to the gated model " + analysis.Model, cancellationToken).ConfigureAwait(false);
            await context.Recorder.RecordEventAsync("space_secret_set", $"the Space secret HF_TOKEN was set so that the app can load the gated model {analysis.Model}", cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var attempts = new List<HardwareAttempt>();
        if (zeroGpuAtCreation)
        {
            attempts.Add(new HardwareAttempt("zero-a10g", Granted: true));
        }

        string? granted = zeroGpuAtCreation ? "zero-a10g" : null;
        foreach (var flavor in flavors.Where(f => !string.Equals(f, "cpu-basic", StringComparison.Ordinal)))
        {
            if (granted is not null)
            {
                break;
            }

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

        context.State.Set(FactoryState.Target, target with { HardwareRequested = attempts, HardwareGranted = granted ?? (flavors.Count == 0 || string.Equals(flavors[0], "cpu-basic", StringComparison.Ordinal) ? "cpu-basic" : null), Reconciled = reconciled });
        if (attempts.Count > 0 && granted is null)
        {
            var reason = "every hardware request was refused: " + string.Join("; ", attempts.Select(a => $"{a.Flavor}: {a.Reason}"));
            await context.Recorder.AddBlockerAsync(reason + ". Choose hardware in the Space settings.", cancellationToken).ConfigureAwait(false);
            return StepResult.Failure(OutcomeCode.ManualHardwareRequired, reason);
        }

        return StepResult.Completed($"{(reconciled ? "adopted" : "created")} private Space {target.RepoId}{(granted is null ? string.Empty : $" on {granted}")}");
    }

    private Task<(bool Reconciled, bool ZeroGpu)> CreateOrAdoptAsync(PhaseContext context, RepoId space, bool allowZeroGpu, CancellationToken cancellationToken) =>
        TransientFailure.RetryAsync(
            context,
            _retry,
            "space_create_retry",
            (ex, attempt) => $"creating {space} failed ({TransientFailure.Describe(ex)}); attempt {attempt} of {_retry.MaxAttempts}, will look whether it exists before sending again",
            async (attempt, ct) =>
            {
                // Look before every send: a re-run (after a crash) or a lost answer may already have created it; the target
                // was absent when this run checked it, so a Space there now is this run's.
                if (await hub.RepoExistsAsync(space, RepoType.Space, ct).ConfigureAwait(false))
                {
                    var how = attempt == 1 ? "already exists from an earlier attempt of this run" : "exists although the answer to creating it was lost";
                    await context.Recorder.RecordEventAsync("space_reconciled", $"{space} {how}; adopted, not created again", cancellationToken: ct).ConfigureAwait(false);
                    return (true, false);
                }

                try
                {
                    var zeroGpu = await CreateWithZeroGpuFallbackAsync(context, space, allowZeroGpu, ct).ConfigureAwait(false);
                    await context.Recorder.RecordEventAsync("space_created", $"created private Space {space}{(zeroGpu ? " on ZeroGPU" : string.Empty)}", cancellationToken: ct).ConfigureAwait(false);
                    return (false, zeroGpu);
                }
                catch (HfConflictException)
                {
                    await context.Recorder.RecordEventAsync("space_reconciled", $"{space} was created by an earlier attempt whose answer was lost; adopted", cancellationToken: ct).ConfigureAwait(false);
                    return (true, false);
                }
            },
            cancellationToken);

    private async Task<bool> CreateWithZeroGpuFallbackAsync(PhaseContext context, RepoId space, bool allowZeroGpu, CancellationToken cancellationToken)
    {
        try
        {
            await CreateAsync(space, hardware: null, cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (HfPaymentRequiredException ex) when (allowZeroGpu)
        {
            // Free accounts may host Gradio Spaces on ZeroGPU only.
            await context.Recorder.RecordEventAsync("space_create_refused", $"creating {space} on CPU needs a paid plan ({ex.ServerMessage}); trying ZeroGPU", cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                await CreateAsync(space, "zero-a10g", cancellationToken).ConfigureAwait(false);
            }
            catch (HfPaymentRequiredException again)
            {
                throw new PhaseStepException(OutcomeCode.ManualHardwareRequired, $"the Hub refused to create a Gradio Space for this account, also on ZeroGPU: {again.ServerMessage ?? again.Message}", again);
            }

            return true;
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
