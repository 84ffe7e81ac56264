using System.Net;

namespace SpaceFactory.Sandbox.Tests;

/// <summary>
/// Git-level answers: <c>/raw/{rev}/{path}</c> (what git holds: an LFS file's pointer, a regular file's bytes) and
/// <c>/refs</c> (the one branch).
/// </summary>
[TestFixture]
public sealed class RawAndRefsTests
{
    [Test]
    public async Task Refs_list_main_at_the_head_commit_and_pull_requests_only_when_asked()
    {
        await using var sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { SeedModels = false, BuildDelay = TimeSpan.Zero, StartDelay = TimeSpan.Zero, CompileCheck = false });
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);
        await client.CreateRepoAsync("refs-model", type: "model", sdk: null);
        var commit = await SandboxTestClient.ReadJsonAsync(await client.CommitAsync("sandbox-user/refs-model", new Dictionary<string, string> { ["a.txt"] = "a" }, type: "models"));

        var refs = await SandboxTestClient.ReadJsonAsync(await client.Http.GetAsync("/api/models/sandbox-user/refs-model/refs"));
        var withPrs = await SandboxTestClient.ReadJsonAsync(await client.Http.GetAsync("/api/models/sandbox-user/refs-model/refs?include_prs=1"));
        var missing = await client.Http.GetAsync("/api/models/sandbox-user/no-such-model/refs");

        Assert.Multiple(() =>
        {
            Assert.That(refs.ToJsonString(), Is.EqualTo($$"""{"branches":[{"name":"main","ref":"refs/heads/main","targetCommit":"{{commit["commitOid"]!.GetValue<string>()}}"}],"converts":[],"tags":[]}"""));
            Assert.That(withPrs["pullRequests"]!.AsArray(), Is.Empty);
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task Raw_answers_the_lfs_pointer_where_resolve_answers_the_bytes_and_404_for_a_missing_path()
    {
        await using var sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { BuildDelay = TimeSpan.Zero, StartDelay = TimeSpan.Zero, CompileCheck = false });
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);

        var pointer = await client.Http.GetAsync("/sshleifer/tiny-gpt2/raw/main/model.safetensors");
        var head = await client.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/sshleifer/tiny-gpt2/raw/main/model.safetensors"));
        var config = await client.Http.GetStringAsync("/sshleifer/tiny-gpt2/raw/main/config.json");
        var resolvedConfig = await client.Http.GetStringAsync("/sshleifer/tiny-gpt2/resolve/main/config.json");
        var missing = await client.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/sshleifer/tiny-gpt2/raw/main/missing.bin"));
        var text = await pointer.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(pointer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(text, Does.StartWith("version https://git-lfs.github.com/spec/v1\noid sha256:").And.Contain("\nsize 413120"));
            Assert.That(pointer.Headers.Contains("X-Linked-Size"), Is.False, "raw is the pointer, not the linked file");
            Assert.That(pointer.Headers.ETag!.Tag, Does.Match("^\"[0-9a-f]{40}\"$"), "the pointer's git blob id");
            Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(config, Is.EqualTo(resolvedConfig), "a regular file is the same either way");
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(missing.Headers.GetValues("X-Error-Code").Single(), Is.EqualTo("EntryNotFound"));
        });
    }
}
