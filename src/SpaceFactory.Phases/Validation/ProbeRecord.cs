using System.Text.Json;

namespace SpaceFactory.Phases.Validation;

/// <summary>A <see cref="ValidationProbe"/> as data (recorded with the run, restored on resume).</summary>
/// <param name="ApiName">The endpoint, e.g. <c>/generate</c>.</param>
/// <param name="Inputs">The inputs.</param>
/// <param name="Check">The output check.</param>
/// <param name="HealthApiName">The readiness endpoint, if any.</param>
public sealed record ProbeRecord(string ApiName, IReadOnlyList<JsonElement> Inputs, OutputCheckSpec Check, string? HealthApiName)
{
    /// <summary>The probe's media uploads (none when absent from an older record).</summary>
    public IReadOnlyList<ProbeUpload>? Uploads { get; init; }

    /// <summary>The record of <paramref name="probe"/>.</summary>
    /// <param name="probe">A probe.</param>
    /// <returns>Its data.</returns>
    public static ProbeRecord From(ValidationProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return new(probe.ApiName, probe.Inputs, OutputCheckSpec.From(probe.Check), probe.HealthApiName) { Uploads = probe.Uploads.Count > 0 ? probe.Uploads : null };
    }

    /// <summary>The probe this record describes.</summary>
    /// <returns>The probe.</returns>
    public ValidationProbe ToProbe() => new(ApiName, Inputs, Check.ToCheck(), HealthApiName) { Uploads = Uploads ?? [] };
}
