namespace SpaceFactory.Sandbox.Gradio;

/// <summary>A serialised queue message (<c>data: {...}</c> payload) and whether it completes its event.</summary>
internal readonly record struct GradioQueueMessage(byte[] Json, bool IsCompletion);
