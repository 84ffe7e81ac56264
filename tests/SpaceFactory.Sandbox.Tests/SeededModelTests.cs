using System.Net;

namespace SpaceFactory.Sandbox.Tests;

[TestFixture]
public sealed class SeededModelTests
{
    private HfSandbox _sandbox = null!;
    private SandboxTestClient _anonymous = null!;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        _sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { CompileCheck = false });
        _anonymous = new SandboxTestClient(_sandbox, null);
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        _anonymous.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Test]
    public async Task Tiny_gpt2_has_realistic_model_info()
    {
        var info = await SandboxTestClient.ReadJsonAsync(await _anonymous.Http.GetAsync("/api/models/sshleifer/tiny-gpt2"));
        var siblings = info["siblings"]!.AsArray().Select(s => s!["rfilename"]!.GetValue<string>()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(info["id"]!.GetValue<string>(), Is.EqualTo("sshleifer/tiny-gpt2"));
            Assert.That(info["pipeline_tag"]!.GetValue<string>(), Is.EqualTo("text-generation"));
            Assert.That(info["library_name"]!.GetValue<string>(), Is.EqualTo("transformers"));
            Assert.That(info["config"]!["architectures"]![0]!.GetValue<string>(), Is.EqualTo("GPT2LMHeadModel"));
            Assert.That(info["config"]!["model_type"]!.GetValue<string>(), Is.EqualTo("gpt2"));
            Assert.That(info["safetensors"]!["total"]!.GetValue<long>(), Is.GreaterThan(0));
            Assert.That(info["gated"]!.GetValue<bool>(), Is.False);
            Assert.That(info["private"]!.GetValue<bool>(), Is.False);
            Assert.That(info["sha"]!.GetValue<string>(), Does.Match("^[0-9a-f]{40}$"));
            Assert.That(info["cardData"]!["widget"]![0]!["text"]!.GetValue<string>(), Is.EqualTo("Once upon a time"));
            Assert.That(siblings, Is.SupersetOf(new[] { ".gitattributes", "README.md", "config.json", "pytorch_model.bin", "model.safetensors" }));
        });
    }

    [Test]
    public async Task Tiny_gpt2_readme_has_front_matter_and_weights_have_their_declared_sizes()
    {
        var readme = await _anonymous.Http.GetStringAsync("/sshleifer/tiny-gpt2/resolve/main/README.md");
        var info = await SandboxTestClient.ReadJsonAsync(await _anonymous.Http.GetAsync("/api/models/sshleifer/tiny-gpt2?blobs=true"));
        var weights = info["siblings"]!.AsArray().Single(s => s!["rfilename"]!.GetValue<string>() == "model.safetensors")!;
        using var request = new HttpRequestMessage(HttpMethod.Head, "/sshleifer/tiny-gpt2/resolve/main/model.safetensors");
        var head = await _anonymous.Http.SendAsync(request);

        Assert.That(readme, Does.StartWith("---\n").And.Contain("pipeline_tag: text-generation").And.Contain("widget:"));
        Assert.That(weights["size"]!.GetValue<long>(), Is.EqualTo(413120));
        Assert.That(weights["lfs"]!["sha256"]!.GetValue<string>(), Does.Match("^[0-9a-f]{64}$"));
        Assert.That(head.Content.Headers.ContentLength, Is.EqualTo(413120));
        Assert.That(head.Headers.ETag!.Tag, Is.EqualTo("\"" + weights["lfs"]!["sha256"]!.GetValue<string>() + "\""));
    }

    [TestCase("distilbert/distilbert-base-uncased-finetuned-sst-2-english", "text-classification", "transformers")]
    [TestCase("Helsinki-NLP/opus-mt-en-de", "translation", "transformers")]
    [TestCase("hf-internal-testing/tiny-stable-diffusion-pipe", "text-to-image", "diffusers")]
    [TestCase("TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF", "text-generation", "gguf")]
    [TestCase("meta-llama/Llama-3.2-1B", "text-generation", "transformers")]
    public async Task Other_seeded_models_have_their_task_and_library(string id, string task, string library)
    {
        var info = await SandboxTestClient.ReadJsonAsync(await _anonymous.Http.GetAsync("/api/models/" + id));

        Assert.That(info["pipeline_tag"]!.GetValue<string>(), Is.EqualTo(task));
        Assert.That(info["library_name"]!.GetValue<string>(), Is.EqualTo(library));
    }

    [Test]
    public async Task A_gated_model_answers_GatedRepo_until_access_is_granted()
    {
        var info = await SandboxTestClient.ReadJsonAsync(await _anonymous.Http.GetAsync("/api/models/meta-llama/Llama-3.2-1B"));
        var card = await _anonymous.Http.GetAsync("/meta-llama/Llama-3.2-1B/resolve/main/README.md");
        var anonymous = await _anonymous.Http.GetAsync("/meta-llama/Llama-3.2-1B/resolve/main/config.json");
        using var user = new SandboxTestClient(_sandbox, _sandbox.IssueToken("gated-reader"));
        var denied = await user.Http.GetAsync("/meta-llama/Llama-3.2-1B/resolve/main/config.json");
        _sandbox.GrantGatedAccess("gated-reader", "meta-llama/Llama-3.2-1B");
        var granted = await user.Http.GetAsync("/meta-llama/Llama-3.2-1B/resolve/main/config.json");

        Assert.Multiple(() =>
        {
            Assert.That(info["gated"]!.GetValue<string>(), Is.EqualTo("manual"));
            Assert.That(card.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(anonymous.Headers.GetValues("X-Error-Code").Single(), Is.EqualTo("GatedRepo"));
            Assert.That(denied.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(denied.Headers.GetValues("X-Error-Code").Single(), Is.EqualTo("GatedRepo"));
            Assert.That(granted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task An_unknown_model_is_RepoNotFound_and_an_unknown_revision_RevisionNotFound()
    {
        var model = await _anonymous.Http.GetAsync("/api/models/nobody/nothing");
        var revision = await _anonymous.Http.GetAsync("/api/models/sshleifer/tiny-gpt2/revision/v9");

        Assert.That(model.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(model.Headers.GetValues("X-Error-Code").Single(), Is.EqualTo("RepoNotFound"));
        Assert.That(revision.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(revision.Headers.GetValues("X-Error-Code").Single(), Is.EqualTo("RevisionNotFound"));
    }
}
