using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Gradio;
using SpaceFactory.Phases.Recipes;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>
/// The generated text-generation and chat apps stream in the Sandbox's simulation, and the C# Gradio client's
/// streaming path reads every yield over both protocols: the queue (diffs after the first yield) and <c>/call</c>.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class GeneratedAppStreamingTests
{
    private static async Task<List<GradioUpdate>> StreamAsync(GradioClient client, string api, GradioProtocolPreference protocol, params JsonElement[] inputs)
    {
        var updates = new List<GradioUpdate>();
        await foreach (var update in client.StreamAsync(api, inputs, new GradioCallOptions { Protocol = protocol }))
        {
            updates.Add(update);
        }

        return updates;
    }

    private static async Task<GradioClient> DeployAsync(FactoryFixture fixture, string model, string space)
    {
        var result = await fixture.RunAsync(FactoryRecipes.ModelCard, ("model", model));
        Assert.That(result.Status, Is.EqualTo(RunStatus.Succeeded), result.Outcome?.Reason);
        var factory = fixture.Services.GetRequiredService<IGradioClientFactory>();
        return await factory.ConnectToSpaceAsync(RepoId.Parse($"{fixture.Sandbox.DefaultUser}/{space}"));
    }

    [TestCase(GradioProtocolPreference.Queue)]
    [TestCase(GradioProtocolPreference.Call)]
    public async Task Text_generation_yields_the_prompt_and_a_growing_continuation(GradioProtocolPreference protocol)
    {
        await using var fixture = await FactoryFixture.StartAsync();
        var client = await DeployAsync(fixture, "sshleifer/tiny-gpt2", "tiny-gpt2-demo");

        var updates = await StreamAsync(client, "/generate", protocol, GradioValue.Text("Hello"), GradioValue.Number(8));

        Assert.That(updates.Select(u => u.Kind), Is.EqualTo(new[] { GradioUpdateKind.Generating, GradioUpdateKind.Generating, GradioUpdateKind.Complete }));
        Assert.That(updates.Select(u => u.Outputs[0].GetString()), Is.EqualTo(new[] { "Hello [simulated", "Hello [simulated continuation]", "Hello [simulated continuation]" }));
    }

    [TestCase(GradioProtocolPreference.Queue)]
    [TestCase(GradioProtocolPreference.Call)]
    public async Task Chat_yields_the_conversation_with_the_reply_growing_in_its_last_message(GradioProtocolPreference protocol)
    {
        await using var fixture = await FactoryFixture.StartAsync();
        var client = await DeployAsync(fixture, "HuggingFaceTB/SmolLM2-135M-Instruct", "smollm2-135m-instruct-demo");

        var updates = await StreamAsync(client, "/chat", protocol, GradioValue.Json("""[{"role": "user", "content": "Hi there"}]"""), GradioValue.Number(16));

        var replies = updates.Select(u => u.Outputs[0].EnumerateArray().Last()).ToList();
        Assert.That(updates[^1].Kind, Is.EqualTo(GradioUpdateKind.Complete));
        Assert.That(updates.Count(u => u.Kind == GradioUpdateKind.Generating), Is.EqualTo(3), "one update per simulated chunk");
        Assert.That(replies.Select(r => r.GetProperty("role").GetString()).Distinct(), Is.EqualTo(new[] { "assistant" }));
        Assert.That(replies.Select(r => r.GetProperty("content").GetString()), Is.EqualTo(new[] { "[simulated", "[simulated streamed", "[simulated streamed reply]", "[simulated streamed reply]" }));
        Assert.That(updates[^1].Outputs[0][0].GetProperty("content").GetString(), Is.EqualTo("Hi there"), "the user's message stays first");
    }
}
