namespace SpaceFactory.Hf.Gradio;

/// <summary>One event handler of the app (<c>config.dependencies[]</c>): the function behind an API name.</summary>
/// <param name="FnIndex">Its id, the queue's <c>fn_index</c>.</param>
/// <param name="ApiName">Its API name without a slash, or <see langword="null"/> when it has none.</param>
/// <param name="InputIsState">For each input component, whether it is a <c>state</c> (sent as null, never by the caller).</param>
/// <param name="IsGenerator">Whether the function yields several updates.</param>
/// <param name="IsPublic">Whether the app lists it in its API.</param>
public sealed record GradioDependency(int FnIndex, string? ApiName, IReadOnlyList<bool> InputIsState, bool IsGenerator, bool IsPublic);
