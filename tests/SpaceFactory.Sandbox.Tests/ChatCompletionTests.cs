using System.Net;
using System.Text.Json.Nodes;
using SpaceFactory.Sandbox.Llm;

namespace SpaceFactory.Sandbox.Tests;

/// <summary>The scripted OpenAI-compatible <c>/v1/chat/completions</c> that real pi runs against offline.</summary>
[TestFixture]
public sealed class ChatCompletionTests
{
    [Test]
    public async Task A_tool_call_turn_streams_the_call_in_fragments_with_slots_filled_from_the_brief()
    {
        await using var sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { SeedModels = false });
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);

        var response = await client.Http.PostAsync("/v1/chat/completions", SandboxTestClient.Json("""
            {"model":"sandbox-coder","stream":true,"messages":[
              {"role":"system","content":"You are pi."},
              {"role":"user","content":[{"type":"text","text":"<file>\n- task: deploy\n- space: `alice/demo`\n</file>"}]}],
             "tools":[{"type":"function","function":{"name":"bash"}}]}
            """));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
        var frames = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(f => f["data: ".Length..]).ToArray();
        Assert.That(frames[^1], Is.EqualTo("[DONE]"));
        var chunks = frames[..^1].Select(f => JsonNode.Parse(f)!).ToArray();
        var arguments = string.Concat(chunks.Select(c => c["choices"]!.AsArray().FirstOrDefault()?["delta"]?["tool_calls"]?[0]?["function"]?["arguments"]?.GetValue<string>()));
        Assert.That(JsonNode.Parse(arguments)!["command"]!.GetValue<string>(), Is.EqualTo("hf repo create alice/demo --repo-type space --space-sdk gradio --private"));
        Assert.That(chunks.Select(c => c["choices"]!.AsArray().FirstOrDefault()?["finish_reason"]?.GetValue<string>()).OfType<string>(), Is.EqualTo(new[] { "tool_calls" }));
        Assert.That(chunks[^1]["usage"]!["total_tokens"]!.GetValue<int>(), Is.EqualTo(110));
        var seen = sandbox.Inspector.LlmRequests.Single();
        Assert.That((seen.Model, seen.Stream, seen.User, seen.TurnIndex), Is.EqualTo(("sandbox-coder", true, "sandbox-user", 0)));
        Assert.That(seen.Tools, Is.EqualTo(new[] { "bash" }));
    }

    [Test]
    public async Task Errors_are_openai_shaped_and_need_a_valid_token()
    {
        var options = new HfSandboxOptions { SeedModels = false };
        options.LlmScripts["down"] = new LlmScript([new LlmTurn.HttpError(503, "model overloaded")]);
        await using var sandbox = await HfSandbox.StartAsync(options);
        using var anonymous = new SandboxTestClient(sandbox, token: null);
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);
        const string Body = """{"model":"MODEL","messages":[{"role":"user","content":"hi"}]}""";

        var noToken = await anonymous.Http.PostAsync("/v1/chat/completions", SandboxTestClient.Json(Body.Replace("MODEL", "sandbox-coder", StringComparison.Ordinal)));
        var unknown = await client.Http.PostAsync("/v1/chat/completions", SandboxTestClient.Json(Body.Replace("MODEL", "nope", StringComparison.Ordinal)));
        var down = await client.Http.PostAsync("/v1/chat/completions", SandboxTestClient.Json(Body.Replace("MODEL", "down", StringComparison.Ordinal)));

        Assert.That(noToken.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(down.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That((await SandboxTestClient.ReadJsonAsync(down))["error"]!["message"]!.GetValue<string>(), Is.EqualTo("model overloaded"));
    }

    [Test]
    public async Task A_hang_turn_holds_the_request_until_the_client_gives_up()
    {
        var options = new HfSandboxOptions { SeedModels = false };
        options.LlmScripts["stuck"] = new LlmScript([new LlmTurn.Hang()]);
        await using var sandbox = await HfSandbox.StartAsync(options);
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);
        using var giveUp = new CancellationTokenSource();

        var call = client.Http.PostAsync("/v1/chat/completions", SandboxTestClient.Json("""{"model":"stuck","messages":[{"role":"user","content":"hi"}]}"""), giveUp.Token);
        await sandbox.Inspector.WaitForHangingLlmRequestAsync(CancellationToken.None);
        Assert.That(sandbox.Inspector.HangingLlmRequests, Is.EqualTo(1));
        await giveUp.CancelAsync();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
    }
}
