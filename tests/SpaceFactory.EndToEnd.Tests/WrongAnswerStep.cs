using SpaceFactory.Core.Pipeline;
using SpaceFactory.Phases.Generation;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>Makes the smoke app's simulated <c>/echo</c> answer <paramref name="answer"/>, not what the probe sent: the live API then answers wrongly.</summary>
/// <param name="answer">What the simulated endpoint answers instead.</param>
internal sealed class WrongAnswerStep(string answer) : IPhaseStep
{
    public string Name => "wrong_answer";

    public bool IsSafeToRerun => true;

    public Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        var app = context.State.Get(FactoryState.App);
        var files = app.Files.Select(f => f.Path == GeneratedSpaceApp.ManifestFileName
            ? f with { Content = f.Content.Replace("\"mode\": \"echo\"", $"\"mode\": \"fixed\", \"outputs\": [\"{answer}\"]", StringComparison.Ordinal) }
            : f).ToList();
        context.State.Set(FactoryState.App, app with { Files = files });
        return Task.FromResult(StepResult.Completed("the app now answers wrongly"));
    }
}
