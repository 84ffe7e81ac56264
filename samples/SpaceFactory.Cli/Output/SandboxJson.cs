using System.Text.Json.Serialization;

namespace SpaceFactory.Cli.Output;

/// <summary>What <c>spacefactory sandbox --json</c> prints: where the Sandbox listens and a token it accepts.</summary>
internal sealed record SandboxJson(
    [property: JsonPropertyName("endpoint")] string Endpoint,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("token")] string Token);
