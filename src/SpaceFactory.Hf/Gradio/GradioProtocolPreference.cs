namespace SpaceFactory.Hf.Gradio;

/// <summary>Which Gradio API a call uses.</summary>
public enum GradioProtocolPreference
{
    /// <summary>The simple <c>/call</c> API where the app has it (Gradio 4.20+), else the queue.</summary>
    Auto,

    /// <summary>Only <c>POST {prefix}/call/{name}</c> + its SSE result stream.</summary>
    Call,

    /// <summary>Only the queue: <c>queue/join</c> + <c>queue/data</c> (what the official clients use).</summary>
    Queue,
}
