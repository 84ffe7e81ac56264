namespace SpaceFactory.Phases.Steps;

/// <summary>One hardware request and how the Hub answered it.</summary>
/// <param name="Flavor">The flavor asked for.</param>
/// <param name="Granted">Whether the Hub accepted it.</param>
/// <param name="Reason">The Hub's reason when it refused (quota, billing, permission).</param>
public sealed record HardwareAttempt(string Flavor, bool Granted, string? Reason = null);
