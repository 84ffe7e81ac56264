namespace SpaceFactory.Sandbox;

/// <summary>A failure the Sandbox can inject into a Space's runtime.</summary>
public enum SpaceFailureKind
{
    /// <summary>The build fails: the stage becomes <c>BUILD_ERROR</c>.</summary>
    BuildError,

    /// <summary>The app fails to start: the stage becomes <c>RUNTIME_ERROR</c>.</summary>
    RuntimeError,
}
