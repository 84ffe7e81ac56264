using System.Text;
using System.Text.Json;
using SpaceFactory.Hf;
using SpaceFactory.Phases.Generation;
using SpaceFactory.Phases.Steps;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpaceFactory.Phases.Tests.Steps;

/// <summary>A real Space never receives Sandbox-only data: the files committed to a Hub that is not the Sandbox (WireMock).</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class SandboxOnlyDataTests
{
    private sealed class SeedApp(GeneratedSpaceApp app) : Core.Pipeline.IPhaseStep
    {
        public string Name => "seed";

        public bool IsSafeToRerun => true;

        public Task<Core.Pipeline.StepResult> ExecuteAsync(Core.Pipeline.PhaseContext context, CancellationToken cancellationToken)
        {
            context.State.Set(FactoryState.Target, new TargetSpaceRecord { RepoId = RepoId.Parse("me/demo"), Url = "http://hub/spaces/me/demo" });
            context.State.Set(FactoryState.App, GeneratedAppRecord.From(app));
            return Task.FromResult(Core.Pipeline.StepResult.Completed());
        }
    }

    private static GeneratedSpaceApp TextApp() => new GradioAppGenerator().Generate(new GradioAppRequest
    {
        Model = RepoId.Parse("sshleifer/tiny-gpt2"),
        Pipeline = SupportedPipeline.TextGeneration,
        Example = new ProbeExample("Hello, my name is"),
    });

    [TestCase(false)]
    [TestCase(true)]
    public async Task The_manifest_committed_carries_the_simulation_only_when_the_hub_is_the_sandbox(bool sandbox)
    {
        using var harness = new StepHarness();
        var app = TextApp();
        Assert.That(JsonDocument.Parse(app[GeneratedSpaceApp.ManifestFileName]).RootElement.TryGetProperty("simulation", out _), Is.True, "generated with a simulation");
        var flag = sandbox ? ",\"spacefactory_sandbox\":true" : string.Empty;
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/me/demo"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($"{{\"id\":\"me/demo\",\"private\":true,\"sha\":\"{new string('0', 40)}\",\"siblings\":[]{flag}}}"));
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/spaces/me/demo/preupload/main"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"files\":[" + string.Join(",", app.Files.Select(f => $"{{\"path\":\"{f.Path}\",\"uploadMode\":\"regular\",\"shouldIgnore\":false}}")) + "]}"));
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/spaces/me/demo/commit/main"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($"{{\"success\":true,\"commitOid\":\"{new string('c', 40)}\",\"commitUrl\":\"http://hub/c\"}}"));

        var (_, state) = await harness.RunAsync([new SeedApp(app), harness.Step<UploadSpaceFilesStep>()]);

        Assert.That(state.Steps[1].Status, Is.EqualTo(Core.StepStatus.Completed), state.Steps[1].Error?.Message);
        var commit = harness.Hub.LogEntries.Single(e => e.RequestMessage!.Path == "/api/spaces/me/demo/commit/main").RequestMessage!;
        var committed = CommittedFiles(commit.Body!);
        Assert.That(committed.Keys, Is.EquivalentTo(app.Files.Select(f => f.Path)));
        using var manifest = JsonDocument.Parse(committed[GeneratedSpaceApp.ManifestFileName]);
        Assert.That(manifest.RootElement.TryGetProperty("simulation", out _), Is.EqualTo(sandbox));
        Assert.That(manifest.RootElement.GetProperty("info").GetProperty("named_endpoints").EnumerateObject().Select(e => e.Name), Does.Contain("/generate"), "the API schema stays");
        Assert.That(committed["app.py"], Is.EqualTo(app["app.py"]));
        Assert.That(committed.Values, sandbox ? Has.Some.Contains("\"simulation\"") : Has.None.Contains("\"simulation\""));
    }

    [Test]
    public void Text_that_is_not_a_json_object_is_left_as_it_is()
    {
        Assert.That(SandboxOnlyData.WithoutSimulation("not json"), Is.EqualTo("not json"));
        Assert.That(SandboxOnlyData.WithoutSimulation("[1,2]"), Is.EqualTo("[1,2]"));
        Assert.That(SandboxOnlyData.WithoutSimulation("{\"a\":1}"), Is.EqualTo("{\"a\":1}"), "nothing to remove: unchanged");
    }

    /// <summary>The NDJSON commit body's files (<c>{"key":"file","value":{"content","path","encoding":"base64"}}</c>).</summary>
    private static Dictionary<string, string> CommittedFiles(string body)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.GetProperty("key").GetString() == "file")
            {
                var value = json.RootElement.GetProperty("value");
                files[value.GetProperty("path").GetString()!] = Encoding.UTF8.GetString(Convert.FromBase64String(value.GetProperty("content").GetString()!));
            }
        }

        return files;
    }
}
