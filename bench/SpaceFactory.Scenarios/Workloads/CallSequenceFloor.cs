using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SpaceFactory.Scenarios.Servers;

namespace SpaceFactory.Scenarios.Workloads;

/// <summary>
/// The P1 sequence as bare requests over one <see cref="HttpClient"/> (no DI, no resilience, no typed answers): the
/// floor a first run in a fresh process could reach. The same requests, in the same order, as the SDK sends them.
/// </summary>
internal sealed class CallSequenceFloor(Uri hub, string token) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler()) { BaseAddress = hub, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };

    public async Task RunAsync(string name, CancellationToken cancellationToken)
    {
        using var whoami = await GetJsonAsync("api/whoami-v2", cancellationToken).ConfigureAwait(false);
        var user = whoami.RootElement.GetProperty("name").GetString()!;
        var id = $"{user}/{name}";
        await PostJsonAsync("api/repos/create", $$"""{"name":"{{name}}","organization":"{{user}}","type":"space","sdk":"gradio"}""", cancellationToken).ConfigureAwait(false);

        var files = HubTarget.SpaceFileTexts().Select(f => (f.Path, Bytes: Encoding.UTF8.GetBytes(f.Text))).ToList();
        var preupload = "{\"files\":[" + string.Join(',', files.Select(f => $$"""{"path":"{{f.Path}}","size":{{f.Bytes.Length}},"sample":"{{Convert.ToBase64String(f.Bytes)}}"}""")) + "]}";
        await PostJsonAsync($"api/spaces/{id}/preupload/main", preupload, cancellationToken).ConfigureAwait(false);
        var ndjson = new StringBuilder("""{"key":"header","value":{"summary":"Add the app","description":""}}""").Append('\n');
        foreach (var (path, bytes) in files)
        {
            ndjson.Append($$$"""{"key":"file","value":{"content":"{{{Convert.ToBase64String(bytes)}}}","path":"{{{path}}}","encoding":"base64"}}""").Append('\n');
        }

        using (var commit = new StringContent(ndjson.ToString(), Encoding.UTF8, "application/x-ndjson"))
        {
            using var answer = await _http.PostAsync($"api/spaces/{id}/commit/main", commit, cancellationToken).ConfigureAwait(false);
            answer.EnsureSuccessStatusCode();
        }

        while (true)
        {
            using var runtime = await GetJsonAsync($"api/spaces/{id}/runtime", cancellationToken).ConfigureAwait(false);
            if (runtime.RootElement.GetProperty("stage").GetString() == "RUNNING")
            {
                break;
            }

            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }

        using var info = await GetJsonAsync($"api/spaces/{id}", cancellationToken).ConfigureAwait(false);
        var host = new Uri(info.RootElement.GetProperty("host").GetString()!.TrimEnd('/') + "/");
        using var config = await GetJsonAsync(new Uri(host, "config").AbsoluteUri, cancellationToken).ConfigureAwait(false);
        var prefix = config.RootElement.TryGetProperty("api_prefix", out var p) ? p.GetString()!.Trim('/') + "/" : "gradio_api/";
        using var schema = await GetJsonAsync(new Uri(host, prefix + "info").AbsoluteUri, cancellationToken).ConfigureAwait(false);
        using var call = new StringContent("""{"data":["Hello"]}""", Encoding.UTF8, "application/json");
        using var posted = await _http.PostAsync(new Uri(host, prefix + "call/generate"), call, cancellationToken).ConfigureAwait(false);
        posted.EnsureSuccessStatusCode();
        using var eventId = await JsonDocument.ParseAsync(await posted.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        var result = await _http.GetStringAsync(new Uri(host, prefix + "call/generate/" + eventId.RootElement.GetProperty("event_id").GetString()), cancellationToken).ConfigureAwait(false);
        if (!result.Contains("complete", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The floor call got no result.");
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        using var whoami = await GetJsonAsync("api/whoami-v2", cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Delete, "api/repos/delete")
        {
            Content = new StringContent($$"""{"name":"{{name}}","organization":"{{whoami.RootElement.GetProperty("name").GetString()}}","type":"space"}""", Encoding.UTF8, "application/json"),
        };
        using var answer = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonDocument> GetJsonAsync(string uri, CancellationToken cancellationToken)
    {
        using var answer = await _http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        answer.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await answer.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task PostJsonAsync(string uri, string json, CancellationToken cancellationToken)
    {
        using var body = new StringContent(json, Encoding.UTF8, "application/json");
        using var answer = await _http.PostAsync(uri, body, cancellationToken).ConfigureAwait(false);
        answer.EnsureSuccessStatusCode();
    }
}
