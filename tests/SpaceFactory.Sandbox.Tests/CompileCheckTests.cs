using System.Net;

namespace SpaceFactory.Sandbox.Tests;

[TestFixture]
public sealed class CompileCheckTests
{
    [Test]
    public async Task A_syntax_error_in_app_py_fails_the_build_with_the_compiler_message()
    {
        if (!File.Exists("/usr/bin/python3") && !(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "python3"))))
        {
            Assert.Ignore("python3 is not on PATH: the Sandbox skips its py_compile check");
        }

        await using var sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { BuildDelay = TimeSpan.Zero, StartDelay = TimeSpan.Zero });
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await client.CreateRepoAsync("typo");
        var files = SandboxApps.Files();
        files["app.py"] = "import gradio as gr\n\ndef f(x:\n    return x\n";

        Assert.That((await client.CommitAsync("sandbox-user/typo", files)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var stage = await sandbox.Inspector.WaitForSpaceSettledAsync("sandbox-user/typo", timeout.Token);
        var runtime = await SandboxTestClient.ReadJsonAsync(await client.Http.GetAsync("/api/spaces/sandbox-user/typo/runtime"));

        Assert.That(stage, Is.EqualTo("BUILD_ERROR"));
        Assert.That(runtime["errorMessage"]!.GetValue<string>(), Does.Contain("app.py").And.Contain("SyntaxError"));

        files["app.py"] = SandboxApps.AppPy;
        await client.CommitAsync("sandbox-user/typo", files);
        Assert.That(await sandbox.Inspector.WaitForSpaceSettledAsync("sandbox-user/typo", timeout.Token), Is.EqualTo("RUNNING"));
    }
}
