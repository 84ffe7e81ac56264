namespace SpaceFactory.Hf.Gradio;

/// <summary>Options of one call.</summary>
public sealed record GradioCallOptions
{
    /// <summary>Which API to use. Default <see cref="GradioProtocolPreference.Auto"/>.</summary>
    public GradioProtocolPreference Protocol { get; init; } = GradioProtocolPreference.Auto;

    /// <summary>
    /// When the <c>/call</c> stream reports an error without its text (Gradio before 6.13 always does), repeat the
    /// call once through the queue, whose answer carries the text (the function then runs twice). Default true.
    /// </summary>
    public bool FetchErrorText { get; init; } = true;
}
