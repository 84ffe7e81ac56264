using SpaceFactory.Phases.Generation;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Steps;

/// <summary>The generated Space as handed from the generate step to deploy and validate (and edited by an agent in between).</summary>
/// <param name="Files">The files to upload.</param>
/// <param name="Probe">The validation probe.</param>
public sealed record GeneratedAppRecord(IReadOnlyList<GeneratedFile> Files, ProbeRecord Probe)
{
    /// <summary>The record of a freshly generated app.</summary>
    /// <param name="app">The app.</param>
    /// <returns>Its record.</returns>
    public static GeneratedAppRecord From(GeneratedSpaceApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new(app.Files, ProbeRecord.From(app.Probe));
    }
}
