using System.Text.Json;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>The <c>/info</c> return of a Gradio <c>AnnotatedImage</c> (its <c>AnnotatedImageData</c> model), and the simulation writing one.</summary>
internal static class AnnotatedImageInfo
{
    public static void Return(Utf8JsonWriter w, string label)
    {
        w.WriteStartObject();
        w.WriteString("label", label);
        w.WriteStartObject("type");
        w.WriteString("title", "AnnotatedImageData");
        w.WriteString("type", "object");
        w.WriteStartObject("properties");
        w.WriteStartObject("image");
        w.WriteString("title", "FileData");
        w.WriteEndObject();
        w.WriteStartObject("annotations");
        w.WriteString("title", "Annotations");
        w.WriteString("type", "array");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("required");
        w.WriteStringValue("image");
        w.WriteStringValue("annotations");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("python_type");
        w.WriteString("type", "Dict(image: filepath, annotations: List[Dict(image: filepath, label: str)])");
        w.WriteString("description", string.Empty);
        w.WriteEndObject();
        w.WriteString("component", "Annotatedimage");
        w.WriteEndObject();
    }

    /// <summary>
    /// Writes <c>{"mode": "annotated_image", "requires_upload": true, …}</c>: two labelled boxes on the probe's 64 × 64
    /// image, taken from the model's own labels when known.
    /// </summary>
    public static void Simulation(Utf8JsonWriter w, GradioAppRequest request, bool boxes)
    {
        var labels = (request.Labels ?? []).Where(l => !string.IsNullOrWhiteSpace(l) && l is not "N/A").Take(2).ToList();
        while (labels.Count < 2)
        {
            labels.Add(labels.Count == 0 ? "[simulated object]" : "[simulated other object]");
        }

        w.WriteStartObject();
        w.WriteString("mode", "annotated_image");
        w.WriteBoolean("requires_upload", true);
        w.WriteNumber("width", 64);
        w.WriteNumber("height", 64);
        w.WriteBoolean("boxes", boxes);
        w.WriteStartArray("annotations");
        foreach (var (label, score, box) in (ReadOnlySpan<(string, double, int[])>)[(labels[0], 0.9, [4, 6, 40, 44]), (labels[1], 0.6, [30, 20, 60, 58])])
        {
            w.WriteStartObject();
            w.WriteString("label", label);
            if (boxes)
            {
                w.WriteNumber("score", score);
            }

            w.WriteStartArray("box");
            foreach (var corner in box)
            {
                w.WriteNumberValue(corner);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
