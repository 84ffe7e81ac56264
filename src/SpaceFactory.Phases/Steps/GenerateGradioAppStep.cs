using SpaceFactory.Core.Pipeline;
using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// Generates the Space's files from the analysis (a template per task and library), records them under
/// <c>generated/</c>, and hands them and the validation probe on. Parameter <c>title</c> sets the Space title.
/// </summary>
public sealed class GenerateGradioAppStep(GradioAppGenerator generator) : IPhaseStep
{
    /// <inheritdoc />
    public string Name => "generate_gradio_app";

    /// <inheritdoc />
    public bool IsSafeToRerun => true;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var analysis = context.State.Get(FactoryState.Analysis);
        if (analysis.Pipeline is not { } pipeline || analysis.Example is null)
        {
            throw new InvalidOperationException($"The analysis of {analysis.Model} has no supported pipeline; the generator cannot run.");
        }

        var usesZeroGpu = context.State.TryGet(FactoryState.Recommendation, out var recommendation) && recommendation.UsesZeroGpu;
        var app = generator.Generate(new GradioAppRequest
        {
            Model = analysis.Model,
            Pipeline = pipeline,
            Example = analysis.Example,
            Title = context.GetParameter("title"),
            License = analysis.License,
            MaskToken = analysis.MaskToken,
            Labels = analysis.Labels.Count > 0 ? analysis.Labels : null,
            NeedsSentencePiece = analysis.NeedsSentencePiece,
            UseZeroGpu = usesZeroGpu,
            Library = analysis.Library,
            TorchDtype = analysis.TorchDtype,
            EmbeddingDimensions = analysis.EmbeddingDimensions,
            Examples = analysis.Examples.Count > 0 ? analysis.Examples : null,
            GgufFile = analysis.GgufFile,
        });
        await RecordAsync(context, app, cancellationToken).ConfigureAwait(false);
        return StepResult.Completed($"{pipeline.ToTag()} app with endpoint {app.Probe.ApiName}{(usesZeroGpu ? " on ZeroGPU" : string.Empty)}");
    }

    /// <summary>Hands the app on and records its files under <c>generated/</c>.</summary>
    internal static async Task RecordAsync(PhaseContext context, GeneratedSpaceApp app, CancellationToken cancellationToken)
    {
        context.State.Set(FactoryState.App, GeneratedAppRecord.From(app));
        foreach (var file in app.Files)
        {
            await context.Recorder.WriteArtifactAsync("generated/" + file.Path, file.Content, cancellationToken).ConfigureAwait(false);
        }
    }
}
