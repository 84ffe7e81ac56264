using System.Diagnostics;
using System.Text.Json.Nodes;

namespace SpaceFactory.Sandbox.Tests;

/// <summary>
/// Proof of fidelity: the official npm clients (@huggingface/hub 2.17.5, @gradio/client 2.7.0) run against the
/// Sandbox: repos, commits, LFS, listings, model info, and Gradio calls, errors and a streaming generator. Installs them with <c>npm ci</c> into <c>tests/SpaceFactory.Sandbox.Tests/npm/node_modules</c> (kept
/// between runs) when missing; skipped only when <c>node</c> is not on PATH.
/// </summary>
[TestFixture]
[Category("npm-fidelity")]
public sealed class NpmFidelityTests
{
    private static string? FindOnPath(string name)
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static string NpmFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "SpaceFactory.Sandbox.Tests", "npm");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/SpaceFactory.Sandbox.Tests/npm/package-lock.json not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException e)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}: {await stderr}", e);
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    [Test]
    public async Task The_official_npm_clients_work_against_the_Sandbox()
    {
        var node = FindOnPath("node");
        var npm = FindOnPath("npm");
        if (node is null || npm is null)
        {
            Assert.Ignore("node (and npm) are not on PATH: the npm fidelity test needs Node 20+.");
        }

        var folder = NpmFolder();
        if (!File.Exists(Path.Combine(folder, "node_modules", "@gradio", "client", "package.json")) || !File.Exists(Path.Combine(folder, "node_modules", "@huggingface", "hub", "package.json")))
        {
            var install = await RunAsync(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], folder, new Dictionary<string, string>(), TimeSpan.FromMinutes(5));
            Assert.That(install.ExitCode, Is.Zero, "npm ci failed: " + install.Stderr);
        }

        await using var sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { BuildDelay = TimeSpan.FromMilliseconds(100), StartDelay = TimeSpan.FromMilliseconds(100), CompileCheck = false });
        var files = Directory.CreateTempSubdirectory("npm-fidelity-files-");
        try
        {
            foreach (var (path, content) in SandboxApps.Files())
            {
                await File.WriteAllTextAsync(Path.Combine(files.FullName, path), content);
            }

            var environment = new Dictionary<string, string>
            {
                ["HF_ENDPOINT"] = sandbox.Endpoint.ToString().TrimEnd('/'),
                ["HF_TOKEN"] = sandbox.DefaultToken,
                ["FIDELITY_FILES"] = files.FullName,
            };
            var run = await RunAsync(node, ["fidelity.mjs"], folder, environment, TimeSpan.FromMinutes(2));
            Assert.That(run.ExitCode, Is.Zero, "node fidelity.mjs failed:\n" + run.Stderr + run.Stdout);
            var result = JsonNode.Parse(run.Stdout.Trim().Split('\n')[^1])!;

            Assert.Multiple(() =>
            {
                Assert.That(result["whoami"]!.GetValue<string>(), Is.EqualTo(sandbox.DefaultUser));
                Assert.That(result["repoUrl"]!.GetValue<string>(), Is.EqualTo(sandbox.Endpoint + "spaces/sandbox-user/npm-fidelity"));
                Assert.That(result["commitOid"]!.GetValue<string>(), Does.Match("^[0-9a-f]{40}$"));
                Assert.That(result["spaceInfo"]!["name"]!.GetValue<string>(), Is.EqualTo("sandbox-user/npm-fidelity"));
                Assert.That(result["spaceInfo"]!["sdk"]!.GetValue<string>(), Is.EqualTo("gradio"));
                Assert.That(result["spaceInfo"]!["private"]!.GetValue<bool>(), Is.True);
                Assert.That(result["downloadedAppPy"]!.GetValue<string>(), Is.EqualTo(SandboxApps.AppPy));
                Assert.That(result["stage"]!.GetValue<string>(), Is.EqualTo("RUNNING"));
                Assert.That(result["configSimulated"]!.GetValue<bool>(), Is.True);
                Assert.That(result["predict"]!.ToJsonString(), Is.EqualTo("""["Hello from npm [simulated continuation]"]"""));
                Assert.That(result["predictNamed"]!.ToJsonString(), Is.EqualTo("""["Named [simulated continuation]"]"""));
                Assert.That(result["failError"]!.GetValue<string>(), Is.EqualTo("boom"));
                Assert.That(result["streamed"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[]
                {
                    "Once upon a time over", "Once upon a time over the", "Once upon a time over the lazy", "Once upon a time over the lazy dog",
                    "Once upon a time over the lazy dog the", "Once upon a time over the lazy dog the",
                }), "five yields (diffs applied by the client) and the completion");
                Assert.That(result["predictByHost"]!.ToJsonString(), Is.EqualTo("""[{"status":"ok","simulated":true}]"""));
                Assert.That(result["rewritten"]!.AsArray().Select(r => r!.GetValue<string>()), Does.Contain("/api/spaces/sandbox-user/npm-fidelity/host"));
                Assert.That(sandbox.Inspector.GetCommitCount("sandbox-user/npm-fidelity", "space"), Is.EqualTo(2));
                Assert.That(result["lfs"]!["commitOid"]!.GetValue<string>(), Does.Match("^[0-9a-f]{40}$"));
                Assert.That(result["lfs"]!["roundTrip"]!.GetValue<bool>(), Is.True);
                Assert.That(result["lfs"]!["filePaths"]!.AsArray().Select(p => p!.GetValue<string>()), Is.EqualTo(new[] { ".gitattributes", "weights.bin" }), "modelInfo expand=siblings");
                Assert.That(result["lfs"]!["sha"]!.GetValue<string>(), Is.EqualTo(result["lfs"]!["commitOid"]!.GetValue<string>()), "modelInfo expand=sha");
                var listing = result["listing"]!;
                var lfsCommit = result["lfs"]!["commitOid"]!.GetValue<string>();
                Assert.That(listing["treePaths"]!.AsArray().Select(p => p!.GetValue<string>()), Is.EqualTo(new[] { ".gitattributes", "weights.bin" }));
                Assert.That(listing["weightsLfsOid"]!.GetValue<string>(), Does.Match("^[0-9a-f]{64}$"), "listFiles reads lfs.oid (the SHA-256)");
                Assert.That(listing["weightsLastCommit"]!.GetValue<string>(), Is.EqualTo(lfsCommit));
                Assert.That(listing["pathsInfo"]!.ToJsonString(), Is.EqualTo($$"""[{"path":"weights.bin","type":"file","size":160,"lastCommit":"{{lfsCommit}}"}]"""));
                Assert.That(listing["commits"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()).ToList(), Has.Count.EqualTo(2).And.Contains("initial commit"), "both pages of one commit each");
                Assert.That(listing["commits"]![0]!["oid"]!.GetValue<string>(), Is.EqualTo(lfsCommit));
                Assert.That(listing["commits"]![0]!["author"]!.GetValue<string>(), Is.EqualTo(sandbox.DefaultUser));
                Assert.That(listing["models"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "sandbox-user/npm-lfs-model" }));
                Assert.That(listing["spaces"]!.ToJsonString(), Is.EqualTo("""[{"name":"sandbox-user/npm-fidelity","private":true}]"""));
                Assert.That(result["snapshot"]!["folder"]!.GetValue<string>(), Is.EqualTo("snapshots/" + lfsCommit), "snapshotDownload names the folder after the info's sha");
                Assert.That(result["snapshot"]!["files"]!.AsArray().Select(f => f!.GetValue<string>()), Is.EqualTo(new[] { ".gitattributes", "weights.bin" }));
                Assert.That(result["snapshot"]!["weightsRoundTrip"]!.GetValue<bool>(), Is.True);
                Assert.That(result["countCommits"]!.GetValue<int>(), Is.EqualTo(2), "read from X-Total-Count");
                Assert.That(result["fileExists"]!.ToJsonString(), Is.EqualTo("""{"weights":true,"missing":false}"""));
                Assert.That(sandbox.Inspector.GetRequestCount("PUT", "/__lfs_storage/{oid}"), Is.EqualTo(1));
                Assert.That(sandbox.Inspector.GetCommitCount("sandbox-user/npm-lfs-model"), Is.Zero, "deleteRepo removed it");
                Assert.That(result["jobs"]!.ToJsonString(), Is.EqualTo("""{"distinct":true,"command":["sh","-c","echo from-npm"],"image":"python:3.12"}"""));
                Assert.That(result["scheduled"]!.ToJsonString(), Is.EqualTo("""{"schedule":"@daily","image":"python:3.12","suspendedThenResumed":[true,false],"listed":true,"afterDelete":404}"""));
                Assert.That(result["tinyGpt2"]!["task"]!.GetValue<string>(), Is.EqualTo("text-generation"));
                Assert.That(result["tinyGpt2"]!["library"]!.GetValue<string>(), Is.EqualTo("transformers"));
                Assert.That(sandbox.Inspector.GetRequestCount("POST", "/api/spaces/{ns}/{name}/preupload/{**rev}"), Is.GreaterThanOrEqualTo(1));
            });
        }
        finally
        {
            files.Delete(recursive: true);
        }
    }
}
