using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Analysis;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// Reads the model's info and card from the Hub and decides whether the factory can build a demo of it
/// (parameter <c>model</c>). Writes <c>model_analysis.json</c>. Unsupported models end the run as
/// <c>unsupported_model</c>; gated or hidden ones as <c>blocked</c>, with the blocker recorded.
/// </summary>
public sealed class AnalyzeModelCardStep(HubClient hub, ModelCardAnalyzer analyzer) : IPhaseStep
{
    /// <summary>The parameter naming the model.</summary>
    public const string ModelParameter = "model";

    /// <inheritdoc />
    public string Name => "analyze_model_card";

    /// <inheritdoc />
    public bool IsSafeToRerun => true;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var modelId = ParseModel(context.GetRequiredParameter(ModelParameter));
        ModelAnalysis analysis;
        try
        {
            var info = await hub.GetModelInfoWithFileSizesAsync(modelId, cancellationToken: cancellationToken).ConfigureAwait(false);
            var (card, canRead) = await ReadCardAsync(modelId, cancellationToken).ConfigureAwait(false);
            if (canRead && info.Gated is { IsGated: true })
            {
                // A gated repo shows its card to everyone: only its files tell whether this user was granted access.
                canRead = await CanReadFilesAsync(modelId, cancellationToken).ConfigureAwait(false);
            }

            var config = canRead ? await ModelFactsBuilder.ReadConfigAsync(hub, modelId, cancellationToken).ConfigureAwait(false) : null;
            analysis = analyzer.Analyze(ModelFactsBuilder.Build(modelId, info, card, canRead, config));
        }
        catch (HfNotFoundException)
        {
            analysis = analyzer.Analyze(new ModelFacts { Id = modelId, CanReadFiles = false });
        }

        context.State.Set(FactoryState.Analysis, analysis);
        await context.Recorder.WriteJsonArtifactAsync("model_analysis.json", analysis, StepsJsonContext.Default.ModelAnalysis, cancellationToken).ConfigureAwait(false);
        foreach (var warning in analysis.Warnings)
        {
            await context.Recorder.RecordEventAsync("analysis_warning", warning, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (analysis.Blocker is { } blocker)
        {
            await context.Recorder.AddBlockerAsync(blocker, cancellationToken).ConfigureAwait(false);
            return StepResult.Failure(OutcomeCode.Blocked, blocker);
        }

        return analysis.Supported
            ? StepResult.Completed($"{modelId}: {analysis.Reason}")
            : StepResult.Failure(OutcomeCode.UnsupportedModel, $"{modelId}: {analysis.Reason}");
    }

    /// <summary>Reads a model id from a parameter: <c>ns/name</c> or a model page URL.</summary>
    internal static RepoId ParseModel(string value)
    {
        var text = value.Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "https" or "http")
        {
            text = string.Join('/', url.AbsolutePath.Trim('/').Split('/').Take(2));
        }

        return RepoId.TryParse(text, out var id, out var error) && id.Namespace is not null
            ? id
            : throw new RecipeParameterException(ModelParameter, error ?? $"The model '{text}' needs a namespace, e.g. 'sshleifer/tiny-gpt2'.");
    }

    private async Task<bool> CanReadFilesAsync(RepoId modelId, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await hub.DownloadFileAsync(modelId, RepoType.Model, "config.json", cancellationToken: cancellationToken).ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
            return true;
        }
        catch (HfGatedRepoException)
        {
            return false;
        }
        catch (HfForbiddenException)
        {
            return false;
        }
        catch (HfNotFoundException)
        {
            return true; // no config.json: the analysis reports that on its own
        }
    }

    private async Task<(ModelCard? Card, bool CanRead)> ReadCardAsync(RepoId modelId, CancellationToken cancellationToken)
    {
        try
        {
            return (await hub.GetModelCardAsync(modelId, cancellationToken: cancellationToken).ConfigureAwait(false), true);
        }
        catch (HfGatedRepoException)
        {
            return (null, false);
        }
        catch (HfNotFoundException ex) when (string.Equals(ex.ErrorCode, "EntryNotFound", StringComparison.Ordinal))
        {
            return (null, true);
        }
    }
}
