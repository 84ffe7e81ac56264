using System.Text.Json.Serialization;

namespace SpaceFactory.Sandbox.Spaces;

/// <summary>
/// <c>GET /api/spaces/{id}/runtime</c> (also <c>runtime</c> in the Space info and the <c>events</c> stream), in the field
/// order of the recorded Hub answers. A static Space has no <c>gcTimeout</c>, <c>devMode</c> or <c>domains</c>;
/// <c>replicas.current</c> only while running; <c>sha</c> and <c>errorMessage</c> only when known.
/// </summary>
internal sealed record SpaceRuntimeAnswer(
    [property: JsonPropertyName("stage")] string Stage,
    [property: JsonPropertyName("hardware")] SpaceRuntimeAnswer.HardwarePart Hardware,
    [property: JsonPropertyName("storage"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Storage,
    [property: JsonPropertyName("gcTimeout")] int? GcTimeout,
    [property: JsonPropertyName("replicas")] SpaceRuntimeAnswer.ReplicasPart Replicas,
    [property: JsonPropertyName("devMode")] bool? DevMode,
    [property: JsonPropertyName("domains")] IReadOnlyList<SpaceRuntimeAnswer.DomainPart>? Domains,
    [property: JsonPropertyName("sha")] string? Sha,
    [property: JsonPropertyName("errorMessage")] string? ErrorMessage)
{
    /// <summary>The flavors: both keys always written, null when none.</summary>
    internal sealed record HardwarePart(
        [property: JsonPropertyName("current"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Current,
        [property: JsonPropertyName("requested"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Requested);

    internal sealed record ReplicasPart(
        [property: JsonPropertyName("requested")] int Requested,
        [property: JsonPropertyName("current")] int? Current);

    internal sealed record DomainPart(
        [property: JsonPropertyName("domain")] string Domain,
        [property: JsonPropertyName("stage")] string Stage);
}
