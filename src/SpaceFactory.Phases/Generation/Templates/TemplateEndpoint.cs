using System.Text.Json;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>A further named endpoint of a generated app: its <c>/info</c> schema and its simulation.</summary>
/// <param name="ApiName">The endpoint with its slash, e.g. <c>/similarity</c>.</param>
/// <param name="WriteSchema">Writes its <c>parameters</c> and <c>returns</c>.</param>
/// <param name="WriteSimulation">Writes its simulation object.</param>
internal sealed record TemplateEndpoint(string ApiName, Action<Utf8JsonWriter> WriteSchema, Action<Utf8JsonWriter> WriteSimulation);
