using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace SpaceFactory.Sandbox.Tests;

/// <summary>
/// The opt-in real runtime (<see cref="HfSandboxOptions.GradioPython"/>): the committed app.py runs as a real Python
/// process and the Space's app origin proxies to it. The app here speaks the Gradio 6 protocol with the standard
/// library only (gradio itself cannot be installed offline), which is enough to prove the process, environment,
/// proxy, streaming and failure handling.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RealGradioAppTests
{
    private const string FakeGradioApp = """
        import json, os, sys
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        class App(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def log_message(self, *args):
                pass
            def send(self, status, body, content_type):
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            def do_GET(self):
                if self.path == "/config":
                    root = "http://" + self.headers["Host"]
                    self.send(200, json.dumps({"version": "6.25.0", "protocol": "sse_v3", "api_prefix": "/gradio_api", "root": root,
                        "space_id": os.environ["SPACE_ID"], "dependencies": [], "components": [], "greeting": os.environ.get("GREETING"), "environ": dict(os.environ)}), "application/json")
                elif self.path == "/gradio_api/call/reverse/e1":
                    self.send(200, "event: complete\ndata: [\"olleh\"]\n\n", "text/event-stream")
                else:
                    self.send(404, "{}", "application/json")
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                ok = self.path == "/gradio_api/call/reverse" and body == {"data": ["hello"]}
                self.send(200 if ok else 422, json.dumps({"event_id": "e1"} if ok else {"detail": "bad"}), "application/json")

        print("* Running on local URL:  http://127.0.0.1:" + os.environ["GRADIO_SERVER_PORT"], flush=True)
        ThreadingHTTPServer((os.environ["GRADIO_SERVER_NAME"], int(os.environ["GRADIO_SERVER_PORT"])), App).serve_forever()
        """;

    private HfSandbox _sandbox = null!;
    private SandboxTestClient _client = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        var python = Infrastructure.ExecutableLookup.FindOnPath("python3");
        if (python is null)
        {
            Assert.Ignore("python3 is not on PATH: the real runtime needs a Python.");
        }

        var options = new HfSandboxOptions { GradioPython = python, BuildDelay = TimeSpan.Zero, StartDelay = TimeSpan.Zero, GradioStartTimeout = TimeSpan.FromSeconds(30) };
        _sandbox = await HfSandbox.StartAsync(options);
        _client = new SandboxTestClient(_sandbox, _sandbox.DefaultToken);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        _client?.Dispose();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    private async Task<string> DeployAsync(string name, string appPy)
    {
        Assert.That((await _client.CreateRepoAsync(name)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var variable = await _client.Http.PostAsync($"/api/spaces/sandbox-user/{name}/variables", SandboxTestClient.Json("{\"key\":\"GREETING\",\"value\":\"hi from a variable\"}"));
        Assert.That(variable.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var files = new Dictionary<string, string>(StringComparer.Ordinal) { ["app.py"] = appPy, ["README.md"] = "---\nsdk: gradio\napp_file: app.py\n---\n" };
        Assert.That((await _client.CommitAsync("sandbox-user/" + name, files)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await _sandbox.Inspector.WaitForSpaceSettledAsync("sandbox-user/" + name, timeout.Token);
    }

    [Test]
    public async Task The_committed_app_runs_for_real_behind_the_space_origin_with_its_variables()
    {
        var stage = await DeployAsync("real", FakeGradioApp);

        Assert.That(stage, Is.EqualTo("RUNNING"));
        var host = _sandbox.Inspector.GetSpaceHost("sandbox-user/real")!;
        using var app = new HttpClient { BaseAddress = host };
        app.DefaultRequestHeaders.Authorization = new("Bearer", _sandbox.DefaultToken);

        using var configResponse = await app.GetAsync("/config");
        var config = await SandboxTestClient.ReadJsonAsync(configResponse);
        Assert.That(configResponse.Headers.Contains("X-SpaceFactory-Simulated"), Is.False, "a real app is not labelled simulated");
        Assert.That(config["spacefactory_simulated"], Is.Null);
        Assert.That(config["root"]!.GetValue<string>(), Is.EqualTo(host.ToString().TrimEnd('/')), "the app sees the Space's origin as its host");
        Assert.That(config["space_id"]!.GetValue<string>(), Is.EqualTo("sandbox-user/real"));
        Assert.That(config["greeting"]!.GetValue<string>(), Is.EqualTo("hi from a variable"));

        using var post = await app.PostAsync("/gradio_api/call/reverse", new StringContent("{\"data\":[\"hello\"]}", Encoding.UTF8, "application/json"));
        Assert.That((await SandboxTestClient.ReadJsonAsync(post))["event_id"]!.GetValue<string>(), Is.EqualTo("e1"));
        var stream = await app.GetStringAsync("/gradio_api/call/reverse/e1");
        Assert.That(stream, Is.EqualTo("event: complete\ndata: [\"olleh\"]\n\n"));

        // The run log of a running app is a live stream: read it until the app's start-up line.
        using var logTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var logs = await _client.Http.GetAsync("/api/spaces/sandbox-user/real/logs/run", HttpCompletionOption.ResponseHeadersRead, logTimeout.Token);
        using var reader = new StreamReader(await logs.Content.ReadAsStreamAsync(logTimeout.Token));
        string? line;
        while ((line = await reader.ReadLineAsync(logTimeout.Token)) is not null && !line.Contains("Running on local URL", StringComparison.Ordinal))
        {
        }

        Assert.That(line, Does.Contain("Running on local URL"));
    }

    [Test]
    public async Task The_app_gets_the_spaces_environment_and_nothing_of_the_host_but_PATH()
    {
        const string Probe = "SPACEFACTORY_HOST_ONLY_PROBE";
        Environment.SetEnvironmentVariable(Probe, "host secret");
        try
        {
            Assert.That(await DeployAsync("env", FakeGradioApp), Is.EqualTo("RUNNING"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Probe, null);
        }

        var host = _sandbox.Inspector.GetSpaceHost("sandbox-user/env")!;
        using var app = new HttpClient { BaseAddress = host };
        app.DefaultRequestHeaders.Authorization = new("Bearer", _sandbox.DefaultToken);
        var environ = (await SandboxTestClient.ReadJsonAsync(await app.GetAsync("/config")))["environ"]!.AsObject();

        Assert.Multiple(() =>
        {
            Assert.That(environ.ContainsKey(Probe), Is.False, "the host's environment is not inherited");
            Assert.That(environ.ContainsKey("HF_TOKEN"), Is.False);
            Assert.That(environ["SYSTEM"]!.GetValue<string>(), Is.EqualTo("spaces"));
            Assert.That(environ["SPACE_ID"]!.GetValue<string>(), Is.EqualTo("sandbox-user/env"));
            Assert.That(environ["SPACE_AUTHOR_NAME"]!.GetValue<string>(), Is.EqualTo("sandbox-user"));
            Assert.That(environ["SPACE_HOST"]!.GetValue<string>(), Is.EqualTo(host.Authority));
            Assert.That(environ["GREETING"]!.GetValue<string>(), Is.EqualTo("hi from a variable"));
            Assert.That(environ.ContainsKey("SPACES_ZERO_GPU"), Is.False, "cpu-basic is not ZeroGPU");
            // A pyenv shim (python3 here may be one) sets PYENV_*, PWD and SHLVL itself when it starts the interpreter.
            var set = environ.Select(p => p.Key).Where(k => !k.Contains("PYENV", StringComparison.Ordinal) && k is not ("PWD" or "SHLVL" or "_"));
            Assert.That(set.Except(["PATH", "HOME", "LANG", "SYSTEM", "SPACE_ID", "SPACE_AUTHOR_NAME", "SPACE_REPO_NAME", "SPACE_HOST", "GREETING", "GRADIO_SERVER_NAME", "GRADIO_SERVER_PORT", "GRADIO_ANALYTICS_ENABLED", "PYTHONUNBUFFERED", "LC_CTYPE"]), Is.Empty);
        });
    }

    [Test]
    public async Task An_app_that_crashes_at_start_is_RUNTIME_ERROR_with_its_traceback_in_the_run_log()
    {
        var stage = await DeployAsync("crash", "import missing_module_xyz\n");

        Assert.That(stage, Is.EqualTo("RUNTIME_ERROR"));
        var runtime = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/spaces/sandbox-user/crash/runtime"));
        Assert.That(runtime["errorMessage"]!.GetValue<string>(), Does.Contain("exited with code 1"));
        var logs = await _client.Http.GetStringAsync("/api/spaces/sandbox-user/crash/logs/run");
        Assert.That(logs, Does.Contain("ModuleNotFoundError").And.Contain("missing_module_xyz"));
    }

    [Test]
    public async Task A_new_commit_replaces_the_running_process()
    {
        Assert.That(await DeployAsync("replace", FakeGradioApp), Is.EqualTo("RUNNING"));
        var files = new Dictionary<string, string>(StringComparer.Ordinal) { ["app.py"] = FakeGradioApp.Replace("6.25.0", "6.26.0", StringComparison.Ordinal) };
        Assert.That((await _client.CommitAsync("sandbox-user/replace", files)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _sandbox.Inspector.WaitForSpaceStageAsync("sandbox-user/replace", "RUNNING", timeout.Token);

        using var app = new HttpClient { BaseAddress = _sandbox.Inspector.GetSpaceHost("sandbox-user/replace") };
        app.DefaultRequestHeaders.Authorization = new("Bearer", _sandbox.DefaultToken);
        var config = JsonNode.Parse(await app.GetStringAsync("/config"))!;
        Assert.That(config["version"]!.GetValue<string>(), Is.EqualTo("6.26.0"));
    }
}
