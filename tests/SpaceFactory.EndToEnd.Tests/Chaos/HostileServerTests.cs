using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Phases;
using SpaceFactory.Phases.Recipes;
using SpaceFactory.Phases.Steps;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpaceFactory.EndToEnd.Tests.Chaos;

/// <summary>
/// A Hub and a Gradio app that answer badly (HTML where JSON was expected, truncated or garbage JSON and SSE, a schema
/// that lies about its endpoints, stages nobody knows): every run ends with a typed outcome naming the problem, an
/// intact record and no secret in it.
/// </summary>
[TestFixture]
[Category("chaos")]
[Parallelizable(ParallelScope.Children)]
public class HostileServerTests
{
    private const string ModelInfoPath = "/api/models/acme/tiny";
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "gradio-reverse");

    /// <summary>A factory wired to a WireMock server that is both the Hub and the Space's app.</summary>
    public sealed class HostileHub : IAsyncDisposable
    {
        public HostileHub()
        {
            Server = WireMockServer.Start();
            RecordRoot = CliProcess.TempFolder("sf-hostile-");
            var services = new ServiceCollection();
            services.AddHuggingFace(o =>
            {
                o.Endpoint = new Uri(Server.Url!);
                o.Token = SecretCanary.Token;
                o.MaxRetries = 1;
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
                o.RetryMaxDelay = TimeSpan.FromMilliseconds(1);
                o.MaxServerRequestedDelay = TimeSpan.FromSeconds(1);
            }).AddSpaceFactory(RecordRoot);
            services.AddSingleton(new StepRetryOptions { MaxAttempts = 2, Delay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) });
            Provider = services.BuildServiceProvider();

            // validate-space first checks that the Space is in the token owner's namespaces; a test may answer otherwise.
            Server.Given(Request.Create().UsingGet().WithPath("/api/whoami-v2")).AtPriority(100)
                .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"type":"user","name":"me","orgs":[]}"""));
        }

        public WireMockServer Server { get; }

        public string RecordRoot { get; }

        public ServiceProvider Provider { get; }

        public void Get(string path, int status, string body, string contentType = "application/json", params (string Name, string Value)[] headers)
        {
            var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body);
            foreach (var (name, value) in headers)
            {
                response = response.WithHeader(name, value);
            }

            Server.Given(Request.Create().UsingGet().WithPath(path)).RespondWith(response);
        }

        /// <summary>The Space <c>me/app</c>, RUNNING (or in <paramref name="stage"/>), its app on this same server.</summary>
        public void Space(string stage = "RUNNING", bool withHost = true)
        {
            var host = withHost ? $",\"host\":\"{Server.Url}\"" : string.Empty;
            Get("/api/spaces/me/app", 200, $"{{\"id\":\"me/app\",\"sdk\":\"gradio\",\"private\":true{host},\"runtime\":{{\"stage\":\"{stage}\",\"hardware\":{{\"current\":\"cpu-basic\"}}}}}}");
            Get("/api/spaces/me/app/runtime", 200, $"{{\"stage\":\"{stage}\",\"hardware\":{{\"current\":\"cpu-basic\"}}}}");
        }

        /// <summary>The recorded Gradio 6.25 discovery, then a <c>/call/predict</c> whose result stream is <paramref name="sse"/>.</summary>
        public void App(string? config = null, string? info = null, string? callAnswer = null, string sse = "event: complete\ndata: [\"olleh\"]\n\n", int callStatus = 200)
        {
            Get("/config", 200, config ?? File.ReadAllText(Path.Combine(Fixtures, "config.json")));
            Get("/gradio_api/info", 200, info ?? File.ReadAllText(Path.Combine(Fixtures, "info.json")));
            Server.Given(Request.Create().UsingPost().WithPath("/gradio_api/call/predict"))
                .RespondWith(Response.Create().WithStatusCode(callStatus).WithHeader("Content-Type", "application/json").WithBody(callAnswer ?? "{\"event_id\":\"e1\"}"));
            Get("/gradio_api/call/predict/e1", 200, sse, "text/event-stream; charset=utf-8");
        }

        public Task<RunResult> RunAsync(string recipe, params (string Key, string Value)[] parameters) =>
            Provider.GetRequiredService<ISpaceFactory>().RunAsync(new FactoryRequest(recipe)
            {
                Parameters = parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                Secrets = new Dictionary<string, string>(StringComparer.Ordinal) { [FactorySecrets.HubToken] = SecretCanary.Token },
            });

        public string RunFolder(RunId runId) => Path.Combine(RecordRoot, "runs", runId.Value);

        public async ValueTask DisposeAsync()
        {
            await Provider.DisposeAsync();
            Server.Stop();
            Server.Dispose();
            var leaks = SecretCanary.Sweep(RecordRoot);
            Directory.Delete(RecordRoot, recursive: true);
            Assert.That(leaks, Is.Empty, "the secret canary was found in recorded files");
        }
    }

    private static TestCaseData Hub(string name, Action<HostileHub> setup, string outcome, string reason) =>
        new TestCaseData(setup, FactoryRecipes.ModelCard, outcome, reason).SetName("Hub: " + name);

    private static TestCaseData Gradio(string name, Action<HostileHub> setup, string outcome, string reason) =>
        new TestCaseData(setup, FactoryRecipes.ValidateSpace, outcome, reason).SetName("Gradio: " + name);

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Hub("HTML page with 200 where JSON was expected", h => h.Get(ModelInfoPath, 200, "<!DOCTYPE html><html><body>Welcome</body></html>", "text/html"), "protocol_error", "HTML");
        yield return Hub("truncated JSON", h => h.Get(ModelInfoPath, 200, "{\"id\":\"acme/tiny\",\"pipeline_tag\":\"text-gen"), "protocol_error", ModelInfoPath);
        yield return Hub("a JSON array for an object", h => h.Get(ModelInfoPath, 200, "[1,2,3]"), "protocol_error", ModelInfoPath);
        yield return Hub("a number where a string belongs", h => h.Get(ModelInfoPath, 200, "{\"id\":\"acme/tiny\",\"pipeline_tag\":42}"), "protocol_error", ModelInfoPath);
        yield return Hub("an empty body", h => h.Get(ModelInfoPath, 200, string.Empty), "protocol_error", ModelInfoPath);
        yield return Hub("an HTML error page with 502", h => h.Get(ModelInfoPath, 502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"), "service_unavailable", "502");
        yield return Hub("a 429 asking to wait an hour", h => h.Get(ModelInfoPath, 429, "{\"error\":\"slow down\"}", "application/json", ("Retry-After", "3600")), "service_unavailable", "429");
        yield return Hub("the token refused", h => h.Get(ModelInfoPath, 401, "{\"error\":\"Invalid credentials in Authorization header\"}"), "blocked", "401");

        yield return Gradio("a stage nobody knows", h => h.Space("FROBNICATING"), "runtime_error", "FROBNICATING");
        yield return Gradio("a Space without a host", h => h.Space(withHost: false), "runtime_error", "host");
        yield return Gradio("Space info that is not JSON", h => { h.Space(); h.Get("/api/spaces/me/app", 200, "{\"id\":"); }, "protocol_error", "/api/spaces/me/app");
        yield return Gradio("a Space that does not exist", h => h.Get("/api/spaces/me/app/runtime", 404, "{\"error\":\"Repository not found\"}", "application/json", ("X-Error-Code", "RepoNotFound")), "invalid_input", "me/app");
        yield return Gradio("an HTML page for /config", h => { h.Space(); h.App(config: "<html><body>Loading…</body></html>"); }, "validation_failed", "HTML");
        yield return Gradio("a 503 for every call", h => { h.Space(); h.App(callAnswer: "{\"detail\":\"queue full\"}", callStatus: 503); }, "validation_failed", "503");
        yield return Gradio("garbage for /info", h => { h.Space(); h.App(info: "{\"named_endpoints\":"); }, "validation_failed", "info");
        yield return Gradio("a schema that lies about /predict", h => { h.Space(); h.App(callAnswer: "{\"detail\":\"Not Found\"}", callStatus: 404); }, "validation_failed", "predict");
        yield return Gradio("a call answered with HTML", h => { h.Space(); h.App(callAnswer: "<html>hi</html>"); }, "validation_failed", "HTML");
        yield return Gradio("a call answer without an event id", h => { h.Space(); h.App(callAnswer: "{}"); }, "validation_failed", "event_id");
        yield return Gradio("a result stream cut before the result", h => { h.Space(); h.App(sse: "event: generating\ndata: [\"ol\"]\n\n"); }, "validation_failed", "complete");
        yield return Gradio("garbage data in the result stream", h => { h.Space(); h.App(sse: "event: complete\ndata: {not json\n\n"); }, "validation_failed", "unreadable");
        yield return Gradio("an error event from the app", h => { h.Space(); h.App(sse: "event: error\ndata: \"CUDA out of memory\"\n\n"); }, "validation_failed", "CUDA out of memory");
        yield return Gradio("a result of the wrong arity", h => { h.Space(); h.App(sse: "event: complete\ndata: []\n\n"); }, "validation_failed", "declares 1");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task A_bad_answer_ends_the_run_with_a_typed_outcome_and_an_intact_record(Action<HostileHub> setup, string recipe, string outcome, string reason)
    {
        await using var hub = new HostileHub();
        setup(hub);

        var result = recipe == FactoryRecipes.ModelCard
            ? await hub.RunAsync(recipe, ("model", "acme/tiny"))
            : await hub.RunAsync(recipe, ("space", "me/app"), ("endpoint", "/predict"), ("inputs", "[\"hello\"]"), ("calls", "1"));

        Assert.That(result.Status, Is.EqualTo(RunStatus.Failed), result.Outcome?.Reason);
        Assert.That(result.Outcome!.Code.Value, Is.EqualTo(outcome), result.Outcome.Reason);
        Assert.That(result.Outcome.Reason, Does.Contain(reason), "the reason names what was wrong");
        Assert.That(result.Outcome.Reason, Does.Not.Contain("<html").IgnoreCase, "no HTML page is pasted into the reason");
        Assert.That(RecordAudit.Audit(hub.RunFolder(result.RunId)).Problems, Is.Empty);
    }

    [Test]
    public async Task Control_the_undistorted_stubs_validate()
    {
        await using var hub = new HostileHub();
        hub.Space();
        hub.App();

        var result = await hub.RunAsync(FactoryRecipes.ValidateSpace, ("space", "me/app"), ("endpoint", "/predict"), ("inputs", "[\"hello\"]"), ("calls", "1"));

        Assert.That(result.Succeeded, Is.True, result.Outcome?.Reason);
        var post = hub.Server.LogEntries.Single(e => e.RequestMessage!.Method == "POST");
        Assert.That(post.RequestMessage!.Body, Is.EqualTo("{\"data\":[\"hello\"]}"));
    }
}
