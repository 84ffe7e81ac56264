namespace SpaceFactory.Hf.Hub;

/// <summary>How <see cref="HubClient.WaitForSpaceRunningAsync"/> ended.</summary>
/// <param name="Runtime">The last runtime seen; <see langword="null"/> when the time ran out before any.</param>
/// <param name="TimedOut">Whether <see cref="SpaceRunningWaitOptions.Timeout"/> ran out while the Space was on its way.</param>
/// <param name="Wakes">How many restarts of a sleeping Space were requested.</param>
public sealed record SpaceWaitResult(SpaceRuntime? Runtime, bool TimedOut, int Wakes)
{
    /// <summary>Whether the Space serves. Otherwise <see cref="Runtime"/>'s stage says why not: <see cref="SpaceStageKind.Fatal"/>,
    /// <see cref="SpaceStageKind.NeedsWake"/> (still asleep after the allowed restarts), or still on its way (<see cref="TimedOut"/>).</summary>
    public bool IsRunning => !TimedOut && Runtime is { Stage.Kind: SpaceStageKind.Running };
}
