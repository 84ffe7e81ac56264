namespace SpaceFactory.Hf.Hub;

/// <summary>
/// What a <see cref="SpaceStage"/> means to someone waiting for the Space to serve: the one classification that
/// <see cref="HubClient.WaitForSpaceRunningAsync"/> and everything built on it follow.
/// </summary>
public enum SpaceStageKind
{
    /// <summary>Waiting longer will not help: an error (<c>BUILD_ERROR</c>, <c>RUNTIME_ERROR</c>, <c>CONFIG_ERROR</c>),
    /// no app (<c>NO_APP_FILE</c>), stopped by its owner (<c>PAUSED</c>, <c>STOPPED</c>), <c>DELETING</c>, or a stage
    /// this client does not know (the set is open, and an unknown stage may never lead to <c>RUNNING</c>).</summary>
    Fatal,

    /// <summary>On its way to running (<c>BUILDING</c>, <c>APP_STARTING</c>, <c>RUNNING_BUILDING</c>, <c>RUNNING_APP_STARTING</c>): keep waiting.</summary>
    Transitional,

    /// <summary>Asleep after inactivity (<c>SLEEPING</c>): a restart wakes it.</summary>
    NeedsWake,

    /// <summary>The app is serving (<c>RUNNING</c>).</summary>
    Running,
}
