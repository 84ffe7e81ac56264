namespace SpaceFactory.Hf.Gradio;

/// <summary>What a streamed update is.</summary>
public enum GradioUpdateKind
{
    /// <summary>An intermediate value from a generator (full values; queue diffs are applied).</summary>
    Generating,

    /// <summary>The final value.</summary>
    Complete,
}
