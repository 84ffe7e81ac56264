using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace SpaceFactory.Sandbox.Gradio;

/// <summary>
/// The files of one simulated app: outputs are written where uploads go (<c>{uploads}/{sha256}/{name}</c>), so the app's
/// <c>/file=</c> route serves them like Gradio serves its cache, and inputs are checked against what was uploaded.
/// </summary>
internal sealed class SimulatedFiles(string uploadsFolder, Func<string> fileUrlPrefix)
{
    /// <summary>Stores <paramref name="content"/> and returns its Gradio <c>FileData</c> (path, url, size, mime type).</summary>
    public JsonObject Store(byte[] content, string fileName, string mimeType)
    {
        var folder = Path.Combine(uploadsFolder, Convert.ToHexStringLower(SHA256.HashData(content)));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        if (!File.Exists(path))
        {
            File.WriteAllBytes(path, content);
        }

        return new JsonObject
        {
            ["path"] = path,
            ["url"] = fileUrlPrefix() + "/file=" + path,
            ["size"] = content.Length,
            ["orig_name"] = fileName,
            ["mime_type"] = mimeType,
            ["is_stream"] = false,
            ["meta"] = new JsonObject { ["_type"] = "gradio.FileData" },
        };
    }

    /// <summary>Whether <paramref name="input"/> is a <c>FileData</c> naming a file uploaded to this app.</summary>
    public bool IsUploaded(JsonNode? input)
    {
        if (input is not JsonObject file || file["path"] is not JsonValue value || !value.TryGetValue<string>(out var path))
        {
            return false;
        }

        var full = Path.GetFullPath(path);
        return full.StartsWith(Path.GetFullPath(uploadsFolder) + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full);
    }
}
