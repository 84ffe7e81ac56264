namespace SpaceFactory.Hf.Hub;

/// <summary>Which log of a Space to read.</summary>
public enum SpaceLogKind
{
    /// <summary>The image build (<c>/logs/build</c>): read it on <see cref="SpaceStage.BuildError"/>.</summary>
    Build,

    /// <summary>The running app (<c>/logs/run</c>): read it on <see cref="SpaceStage.RuntimeError"/>.</summary>
    Run,
}
