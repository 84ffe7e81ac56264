using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SpaceFactory.Phases.Agents;

namespace SpaceFactory.Phases.Tests.Agents;

/// <summary>The process contract with a stand-in <c>pi</c> (a shell script): arguments, stdin, environment, time limit.</summary>
[TestFixture]
[Platform(Exclude = "Win")]
public class PiProcessRunnerTests
{
    private const string Key = "hf_RunnerTestKeyValue0123456789abcdef";

    [Test]
    public async Task RunAsync_PassesTheContractArguments_ClosesStdin_AndGivesOnlyAMinimalEnvironment()
    {
        using var folder = PiAgentFolder.Create("runner");
        var fakePi = Script(folder, """
            printf '%s\n' "$@" > "$PI_CODING_AGENT_DIR/../argv.txt"
            env > "$PI_CODING_AGENT_DIR/../env.txt"
            cat > "$PI_CODING_AGENT_DIR/../stdin.txt"   # hangs unless stdin was closed
            echo '{"type":"session","version":3,"id":"s1"}'
            echo '{"type":"message_end","message":{"role":"assistant","content":[{"type":"text","text":"ok"}],"stopReason":"stop"}}'
            """);
        var options = new PiAgentOptions { Model = "test-model", TimeLimit = TimeSpan.FromMinutes(1) };
        options.Environment["HF_ENDPOINT"] = "http://127.0.0.1:1";
        folder.Write(options, "brief");

        var (result, transcript) = await new PiProcessRunner(options, TimeProvider.System, NullLogger.Instance)
            .RunAsync(fakePi, folder, "runner", ["read", "edit"], Key, hubEndpoint: null, CancellationToken.None);

        Assert.That(result.Succeeded, Is.True, transcript);
        var argv = await File.ReadAllLinesAsync(Path.Combine(folder.Root, "argv.txt"));
        Assert.That(argv, Is.EqualTo(new[]
        {
            "--mode", "json", "-p", "--provider", "spacefactory", "--model", "test-model", "--thinking", "off",
            "--no-extensions", "--no-skills", "--no-prompt-templates", "--no-themes", "-nc",
            "--session", folder.SessionPath, "--tools", "read,edit", "@" + folder.BriefPath,
        }));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(folder.Root, "stdin.txt")), Is.Empty);
        var env = (await File.ReadAllLinesAsync(Path.Combine(folder.Root, "env.txt"))).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.Ordinal);
        Assert.That(env["HF_TOKEN"], Is.EqualTo(Key), "the key goes to pi by environment only");
        Assert.That(env["PI_CODING_AGENT_DIR"], Is.EqualTo(folder.AgentDirectory));
        Assert.That(env["PI_OFFLINE"], Is.EqualTo("1"));
        Assert.That(env["HOME"], Is.EqualTo(folder.HomeDirectory));
        Assert.That(env["HF_ENDPOINT"], Is.EqualTo("http://127.0.0.1:1"));
        Assert.That(env.Keys.Where(k => k.StartsWith("DOTNET_", StringComparison.Ordinal) && k is not ("DOTNET_CLI_TELEMETRY_OPTOUT" or "DOTNET_NOLOGO" or "DOTNET_ROOT")), Is.Empty, "the host's environment is not inherited");
        Assert.That(transcript, Does.Contain("[assistant] ok").And.Contain("[end] exit code 0, stop reason stop"));
    }

    [Test]
    public void An_edit_task_gets_no_hub_token_and_always_the_runs_endpoint()
    {
        using var folder = PiAgentFolder.Create("runner");
        var options = new PiAgentOptions();
        options.Environment["HF_ENDPOINT"] = "https://huggingface.co";
        options.Environment["HF_TOKEN"] = "hf_FakePutInTheWrongPlace0123456789ab";
        options.Environment["OTHER_API_KEY"] = "sk-wrong-place";
        folder.Write(options, "brief", literalKey: Key);

        var start = new PiProcessRunner(options, TimeProvider.System, NullLogger.Instance)
            .StartInfo("/bin/true", folder, ["read", "edit"], apiKey: null, hubEndpoint: new Uri("http://127.0.0.1:7860/"));

        Assert.That(start.Environment.ContainsKey("HF_TOKEN"), Is.False, "no Hub token reaches an edit task's process");
        Assert.That(start.Environment.ContainsKey("OTHER_API_KEY"), Is.False, "secrets in PiAgentOptions.Environment are dropped");
        Assert.That(start.Environment.Values, Has.None.Contains(Key));
        Assert.That(start.Environment["HF_ENDPOINT"], Is.EqualTo("http://127.0.0.1:7860"), "the run's Hub wins over a configured one");
        var models = File.ReadAllText(Path.Combine(folder.AgentDirectory, "models.json"));
        Assert.That(models, Does.Contain($"\"apiKey\": \"{Key}\""), "the model key reaches pi through its provider configuration");
        Assert.That(OperatingSystem.IsWindows() ? UnixFileMode.UserRead | UnixFileMode.UserWrite : File.GetUnixFileMode(Path.Combine(folder.AgentDirectory, "models.json")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void A_hub_task_gets_the_token_by_environment_and_models_json_names_only_the_variable()
    {
        using var folder = PiAgentFolder.Create("runner");
        var options = new PiAgentOptions();
        folder.Write(options, "brief");

        var start = new PiProcessRunner(options, TimeProvider.System, NullLogger.Instance)
            .StartInfo("/bin/true", folder, ["read", "bash"], apiKey: Key, hubEndpoint: new Uri("http://127.0.0.1:7860"));

        Assert.That(start.Environment["HF_TOKEN"], Is.EqualTo(Key));
        Assert.That(File.ReadAllText(Path.Combine(folder.AgentDirectory, "models.json")), Does.Contain("\"apiKey\": \"HF_TOKEN\"").And.Not.Contain(Key));
    }

    [Test]
    public async Task RunAsync_AtTheTimeLimit_SendsSigtermAndReportsTimedOut()
    {
        using var folder = PiAgentFolder.Create("runner");
        var fakePi = Script(folder, """
            trap 'exit 143' TERM
            touch "$PI_CODING_AGENT_DIR/../started"
            while true; do sleep 0.05; done
            """);
        var time = new FakeTimeProvider();
        var options = new PiAgentOptions { TimeLimit = TimeSpan.FromMinutes(5) };
        folder.Write(options, "brief");

        var run = new PiProcessRunner(options, time, NullLogger.Instance).RunAsync(fakePi, folder, "runner", ["read"], Key, hubEndpoint: null, CancellationToken.None);
        var started = Path.Combine(folder.Root, "started");
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!File.Exists(started))
        {
            await Task.Yield();
            patience.Token.ThrowIfCancellationRequested();
        }

        time.Advance(TimeSpan.FromMinutes(5));
        var (result, transcript) = await run.WaitAsync(patience.Token);

        Assert.That(result.TimedOut, Is.True);
        Assert.That(result.ExitCode, Is.EqualTo(143));
        Assert.That(result.FailureReason, Is.EqualTo("the agent was stopped at its time limit after 300 s"));
        Assert.That(transcript, Does.EndWith("stopped at the time limit\n"));
    }

    [Test]
    public void Write_ModelsJsonNamesTheKeyVariable_NeverItsValue_AndTheHfShimRunsTheConfiguredCommand()
    {
        using var folder = PiAgentFolder.Create("runner");
        var options = new PiAgentOptions { BaseUrl = new Uri("http://127.0.0.1:9/v1/"), Model = "m", HubCliCommand = ["dotnet", "/opt/it's/spacefactory.dll"], MaxRetries = 1 };
        folder.Write(options, "the brief");

        var models = File.ReadAllText(Path.Combine(folder.AgentDirectory, "models.json"));
        Assert.That(models, Does.Contain("\"baseUrl\": \"http://127.0.0.1:9/v1\"").And.Contain("\"apiKey\": \"HF_TOKEN\"").And.Contain("\"api\": \"openai-completions\""));
        var settings = File.ReadAllText(Path.Combine(folder.AgentDirectory, "settings.json"));
        Assert.That(settings, Does.Contain("\"maxRetries\": 1").And.Contain("\"maxRetries\": 0"));
        Assert.That(File.ReadAllText(Path.Combine(folder.BinDirectory, "hf")), Is.EqualTo("#!/bin/sh\nexec 'dotnet' '/opt/it'\\''s/spacefactory.dll' \"$@\"\n"));
        Assert.That(File.ReadAllText(folder.BriefPath), Is.EqualTo("the brief"));
    }

    private static string Script(PiAgentFolder folder, string body)
    {
        var path = Path.Combine(folder.Root, "fake-pi.sh");
        File.WriteAllText(path, "#!/bin/bash\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
