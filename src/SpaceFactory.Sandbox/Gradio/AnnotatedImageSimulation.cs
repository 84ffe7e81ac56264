using System.Globalization;
using System.Text.Json.Nodes;

namespace SpaceFactory.Sandbox.Gradio;

/// <summary>
/// The <c>annotated_image</c> mode (object detection, image segmentation): the output of a Gradio <c>AnnotatedImage</c>
/// as Gradio 5/6 serialises it, <c>{"image": FileData, "annotations": [{"image": FileData, "label"}]}</c>, with a real
/// PNG base image and one real RGBA PNG mask per annotation (a box drawn as Gradio draws boxes); with
/// <c>"boxes": true</c> a second output lists the boxes as JSON (<c>{"label", "score", "box": {"xmin", …}}</c>).
/// The manifest gives the size and the annotations: <c>{"label", "score"?, "box": [xmin, ymin, xmax, ymax]}</c>.
/// </summary>
internal static class AnnotatedImageSimulation
{
    /// <summary>The mode this class computes.</summary>
    public const string Mode = "annotated_image";

    /// <summary>Most annotations simulated, whatever the manifest asks.</summary>
    private const int MaxAnnotations = 16;

    /// <summary>The outcome for the <c>annotated_image</c> mode, or <see langword="null"/> for other modes.</summary>
    public static GradioOutcome? TryRun(GradioEndpoint endpoint, SimulatedFiles? files)
    {
        if (endpoint.Mode is not Mode || files is null)
        {
            return null;
        }

        var simulation = endpoint.Simulation;
        var width = Number(simulation?["width"], 64, 4096);
        var height = Number(simulation?["height"], 64, 4096);
        var annotations = new JsonArray();
        var boxes = new JsonArray();
        foreach (var spec in (simulation?["annotations"] as JsonArray ?? []).OfType<JsonObject>().Take(MaxAnnotations))
        {
            var label = spec["label"] is JsonValue l && l.TryGetValue<string>(out var text) ? text : "[simulated]";
            var score = spec["score"] is JsonValue s && s.TryGetValue<double>(out var value) ? value : (double?)null;
            var box = spec["box"] as JsonArray ?? [];
            var (xmin, ymin) = (Coordinate(box, 0, width), Coordinate(box, 1, height));
            var (xmax, ymax) = (Math.Max(xmin + 1, Coordinate(box, 2, width)), Math.Max(ymin + 1, Coordinate(box, 3, height)));
            var mask = files.Store(TinyMedia.BoxMaskPng(width, height, xmin, ymin, xmax, ymax), "mask.png", "image/png");
            var shown = score is { } known ? label + " " + known.ToString("0.00", CultureInfo.InvariantCulture) : label;
            annotations.Add((JsonNode)new JsonObject { ["image"] = mask, ["label"] = shown });
            boxes.Add((JsonNode)new JsonObject
            {
                ["label"] = label,
                ["score"] = score ?? 1.0,
                ["box"] = new JsonObject { ["xmin"] = xmin, ["ymin"] = ymin, ["xmax"] = xmax, ["ymax"] = ymax },
            });
        }

        var image = files.Store(TinyMedia.Png(width, height), "image.png", "image/png");
        var outputs = new JsonArray(new JsonObject { ["image"] = image, ["annotations"] = annotations });
        if (simulation?["boxes"] is JsonValue flag && flag.TryGetValue<bool>(out var withBoxes) && withBoxes)
        {
            outputs.Add((JsonNode)boxes);
        }

        return new GradioOutcome(outputs, null, false);
    }

    private static int Number(JsonNode? node, int fallback, int maximum) =>
        node is JsonValue value && value.TryGetValue<int>(out var number) && number >= 1 && number <= maximum ? number : fallback;

    private static int Coordinate(JsonArray box, int index, int size) =>
        index < box.Count && box[index] is JsonValue value && value.TryGetValue<int>(out var number) ? Math.Clamp(number, 0, size) : index < 2 ? 0 : size;
}
