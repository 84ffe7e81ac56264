using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace SpaceFactory.Sandbox.Tests;

/// <summary>A raw HttpClient against a Sandbox, with helpers for the Hub calls most tests need.</summary>
internal sealed class SandboxTestClient : IDisposable
{
    public SandboxTestClient(HfSandbox sandbox, string? token)
    {
        Sandbox = sandbox;
        Http = new HttpClient { BaseAddress = sandbox.Endpoint };
        if (token is not null)
        {
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public HfSandbox Sandbox { get; }

    public HttpClient Http { get; }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(JsonNode node) => Json(node.ToJsonString());

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response)
        => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public async Task<HttpResponseMessage> CreateRepoAsync(string name, string type = "space", string visibility = "private", string? sdk = "gradio")
    {
        var body = new JsonObject { ["name"] = name, ["type"] = type, ["visibility"] = visibility };
        if (sdk is not null)
        {
            body["sdk"] = sdk;
        }

        return await Http.PostAsync("/api/repos/create", Json(body));
    }

    /// <summary>One NDJSON commit of text files (base64), as huggingface_hub sends it.</summary>
    public async Task<HttpResponseMessage> CommitAsync(string repoId, IReadOnlyDictionary<string, string> files, string type = "spaces", string? parentCommit = null, IEnumerable<string>? deletions = null)
    {
        var lines = new StringBuilder();
        var header = new JsonObject { ["summary"] = "upload files", ["description"] = "" };
        if (parentCommit is not null)
        {
            header["parentCommit"] = parentCommit;
        }

        lines.Append(new JsonObject { ["key"] = "header", ["value"] = header }.ToJsonString()).Append('\n');
        foreach (var (path, content) in files)
        {
            var value = new JsonObject { ["content"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(content)), ["path"] = path, ["encoding"] = "base64" };
            lines.Append(new JsonObject { ["key"] = "file", ["value"] = value }.ToJsonString()).Append('\n');
        }

        foreach (var path in deletions ?? [])
        {
            lines.Append(new JsonObject { ["key"] = "deletedFile", ["value"] = new JsonObject { ["path"] = path } }.ToJsonString()).Append('\n');
        }

        var content2 = new StringContent(lines.ToString(), Encoding.UTF8, "application/x-ndjson");
        return await Http.PostAsync($"/api/{type}/{repoId}/commit/main", content2);
    }

    public void Dispose() => Http.Dispose();
}
