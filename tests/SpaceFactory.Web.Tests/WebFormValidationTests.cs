using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Web.Runs;

namespace SpaceFactory.Web.Tests;

/// <summary>Every field of the launch forms is checked before a Job starts; the refusal is in words, next to its field.</summary>
[TestFixture]
[NonParallelizable]
public sealed class WebFormValidationTests
{
    private WebHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await WebHost.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [TestCase("ModelCard", "Model", "not a model!", "model-error", "The model id is invalid")]
    [TestCase("ModelCard", "Model", "tiny-gpt2", "model-error", "needs its owner")]
    [TestCase("ModelCard", "Model", "https://example.com/sshleifer/tiny-gpt2", "model-error", "Refused: the model card must be on 127.0.0.1, not on example.com")]
    [TestCase("ModelCard", "Space", "bob/demo", "space-error", "Refused: &#x27;bob&#x27; is neither you nor one of your organisations")]
    [TestCase("ModelCard", "Title", "line one\nline two", "title-error", "one line of at most 100 characters")]
    [TestCase("Validate", "ValidateSpace", "bob/their-space", "validate-space-error", "Refused: &#x27;bob&#x27; is neither you nor one of your organisations")]
    [TestCase("Validate", "ValidateSpace", "their-space", "validate-space-error", "with its namespace, e.g. alice/their-space")]
    [TestCase("Validate", "Endpoint", "/pre dict", "endpoint-error", "An endpoint is a name such as /predict")]
    [TestCase("Validate", "Inputs", "[\"hello\", 3", "inputs-error", "The inputs are not valid JSON near character")]
    [TestCase("Validate", "Inputs", "{\"a\": 1}", "inputs-error", "must be a list in square brackets")]
    [TestCase("Validate", "Calls", "1000", "calls-error", "Calls must be a whole number from 1 to 100.")]
    public async Task A_wrong_field_is_refused_next_to_it_and_no_job_starts(string handler, string field, string value, string errorId, string message)
    {
        using var session = new WebSession(_host.BaseUrl);
        await session.SignInAsync("alice");
        var jobs = _host.Sandbox.Inspector.JobCount;
        var fields = new Dictionary<string, string>
        {
            ["Model"] = "sshleifer/tiny-gpt2",
            ["ValidateSpace"] = "alice/some-space",
            [field] = value,
            ["__RequestVerificationToken"] = await session.AntiforgeryTokenAsync("/runs/new"),
        };

        using var response = await session.PostFormAsync($"/runs/new?handler={handler}", fields);
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(html, Does.Contain($"id=\"{errorId}\">").And.Contain(message));
        Assert.That(html, Does.Not.Contain("Exception").And.Not.Contain("BytePositionInLine").And.Not.Contain("LineNumber"), "words, not parser text");
        Assert.That(_host.Sandbox.Inspector.JobCount, Is.EqualTo(jobs), "nothing was started");
        Assert.That(_host.App.Services.GetRequiredService<RunIndex>().ListFor(_host.Sandbox.Inspector.GetUserId("alice")), Is.Empty);
    }

    [Test]
    public async Task Pages_may_be_framed_by_no_one_outside_a_Space()
    {
        using var session = new WebSession(_host.BaseUrl);
        using var home = await session.GetAsync("/");

        Assert.That(home.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("frame-ancestors 'none'"));
        Assert.That(home.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
    }

    [Test]
    public async Task In_a_Space_only_the_Hub_may_frame_the_pages()
    {
        await using var space = await WebHost.StartAsync(extraArgs: "--SPACE_ID=alice/factory");
        using var session = new WebSession(space.BaseUrl);
        using var home = await session.GetAsync("/");

        var hub = space.Sandbox.Endpoint.GetLeftPart(UriPartial.Authority);
        Assert.That(home.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain($"frame-ancestors 'self' {hub}"));
        Assert.That(home.Headers.Contains("X-Frame-Options"), Is.False, "it cannot name the Hub, so it is not sent");
    }
}
