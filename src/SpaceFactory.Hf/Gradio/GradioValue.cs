using System.Text.Json;

namespace SpaceFactory.Hf.Gradio;

/// <summary>Builds the <see cref="JsonElement"/> inputs of a call without reflection.</summary>
public static class GradioValue
{
    /// <summary>A text input.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The input.</returns>
    public static JsonElement Text(string value) => Write(w => w.WriteStringValue(value));

    /// <summary>A number input.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The input.</returns>
    public static JsonElement Number(double value) => Write(w => w.WriteNumberValue(value));

    /// <summary>A boolean input.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The input.</returns>
    public static JsonElement Flag(bool value) => Write(w => w.WriteBooleanValue(value));

    /// <summary>A null input.</summary>
    public static JsonElement Null { get; } = Write(w => w.WriteNullValue());

    /// <summary>A file input (from <see cref="GradioClient.UploadAsync"/>).</summary>
    /// <param name="file">The uploaded file.</param>
    /// <returns>The input.</returns>
    public static JsonElement File(GradioFileData file) => JsonSerializer.SerializeToElement(file, GradioJsonContext.Default.GradioFileData);

    /// <summary>Any JSON value given as text.</summary>
    /// <param name="json">The JSON.</param>
    /// <returns>The input.</returns>
    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static JsonElement Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
