using System.Text.Json;

namespace SpaceFactory.Hf.Gradio;

/// <summary>The result of a call: the final outputs and how they were obtained.</summary>
public sealed record GradioResult
{
    /// <summary>The endpoint, with its slash.</summary>
    public required string ApiName { get; init; }

    /// <summary>The outputs, one per return component.</summary>
    public required IReadOnlyList<JsonElement> Outputs { get; init; }

    /// <summary>The API used: <c>call</c> or <c>queue</c>.</summary>
    public required string Protocol { get; init; }

    /// <summary>The server's event id.</summary>
    public string? EventId { get; init; }

    /// <summary>Intermediate updates received before the final one.</summary>
    public int UpdateCount { get; init; }

    /// <summary>Wall time from the request to the final value.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Output <paramref name="index"/> as a string.</summary>
    /// <param name="index">The output index.</param>
    /// <returns>The text.</returns>
    /// <exception cref="InvalidOperationException">The output is not a string.</exception>
    public string GetString(int index = 0) =>
        Outputs[index].ValueKind == JsonValueKind.String
            ? Outputs[index].GetString()!
            : throw new InvalidOperationException($"Output {index} of {ApiName} is {Outputs[index].ValueKind}, not a string.");

    /// <summary>Output <paramref name="index"/> as a file to download.</summary>
    /// <param name="index">The output index.</param>
    /// <returns>The file.</returns>
    public GradioFileData GetFile(int index = 0) =>
        Outputs[index].Deserialize(GradioJsonContext.Default.GradioFileData) ?? throw new InvalidOperationException($"Output {index} of {ApiName} is not a file.");
}
