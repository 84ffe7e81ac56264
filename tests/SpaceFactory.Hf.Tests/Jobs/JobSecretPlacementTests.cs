using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using SpaceFactory.Hf.Jobs;
using SpaceFactory.Hf.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpaceFactory.Hf.Tests.Jobs;

/// <summary>The user's token may travel only inside the run request's <c>secrets</c> object.</summary>
[TestFixture]
public class JobSecretPlacementTests
{
    // Recognisable, token-shaped, fake.
    private const string FakeToken = "hf_SecretPlacementCanary0123456789Abc";

    private static JobSpec SpecWithToken() => new()
    {
        Image = JobImage.Parse("python:3.12"),
        Command = ["python", "-m", "spacefactory.worker", "--run", "r42"],
        Arguments = ["--verbose"],
        Environment = new Dictionary<string, string> { ["RUN_ID"] = "r42", ["HF_HUB_ENABLE_HF_TRANSFER"] = "1" },
        Secrets = new Dictionary<string, JobSecret> { ["HF_TOKEN"] = JobSecret.FromValue(FakeToken) },
        Labels = new Dictionary<string, string> { ["run"] = "r42" },
        Volumes = [JobVolume.Parse("hf://buckets/me1/records/runs/r42:/output")],
        Timeout = JobTimeout.Parse("1.5h"),
    };

    [Test]
    public void The_token_appears_only_under_secrets_in_the_run_request()
    {
        var json = JsonSerializer.Serialize(JobSpecValidator.ToRequest(SpecWithToken()), JobsJsonContext.Default.JobSpecRequest);
        var body = JsonNode.Parse(json)!.AsObject();

        Assert.That(body["secrets"]!["HF_TOKEN"]!.GetValue<string>(), Is.EqualTo(FakeToken));
        Assert.That(CountOccurrences(json, FakeToken), Is.EqualTo(1), "exactly once in the whole body");
        foreach (var (name, value) in body)
        {
            if (name != "secrets")
            {
                Assert.That(value?.ToJsonString() ?? string.Empty, Does.Not.Contain(FakeToken), $"'{name}' must not carry the token");
            }
        }
    }

    [Test]
    public async Task The_token_appears_only_under_secrets_on_the_wire()
    {
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/api/jobs/me1").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(JobJson.With("SCHEDULING", owner: "me1")));
        using var services = TestClients.Services(server.Url!);
        var client = services.GetRequiredService<JobsClient>();

        await client.RunJobAsync(SpecWithToken(), "me1");

        var request = server.LogEntries.Single().RequestMessage!;
        var body = JsonNode.Parse(request.Body!)!.AsObject();
        Assert.That(CountOccurrences(request.Body!, FakeToken), Is.EqualTo(1));
        Assert.That(body["secrets"]!["HF_TOKEN"]!.GetValue<string>(), Is.EqualTo(FakeToken));
        Assert.That(request.Url, Does.Not.Contain(FakeToken));
        Assert.That(request.Headers!.SelectMany(h => h.Value).Any(v => v.Contains(FakeToken, StringComparison.Ordinal)), Is.False, "not in any header");
    }

    [Test]
    public void The_token_never_appears_in_ToString_or_debugger_text()
    {
        var spec = SpecWithToken();
        Assert.That(spec.ToString(), Does.Not.Contain(FakeToken));
        Assert.That(spec.ToString(), Does.Contain("HF_TOKEN"), "secret names are shown");
        Assert.That(spec.Secrets["HF_TOKEN"].ToString(), Is.EqualTo("JobSecret(***)"));
        Assert.That($"{spec.Secrets["HF_TOKEN"]}", Does.Not.Contain(FakeToken));

        var display = typeof(JobSecret).GetCustomAttributes(typeof(System.Diagnostics.DebuggerDisplayAttribute), false)
            .Cast<System.Diagnostics.DebuggerDisplayAttribute>().Single();
        Assert.That(display.Value, Does.Not.Contain("{"), "the debugger display is a constant, not an expression over the value");
        Assert.That(JsonSerializer.Serialize(spec.Secrets["HF_TOKEN"]), Is.EqualTo("{}"), "even reflection-based JSON finds nothing to write");
    }

    [Test]
    public void Validation_errors_never_quote_the_token()
    {
        var secrets = new Dictionary<string, JobSecret> { ["HF_TOKEN"] = JobSecret.FromValue(FakeToken) };
        var image = JobImage.Parse("python:3.12");
        JobSpec[] invalid =
        [
            new() { Image = image, Secrets = secrets, Labels = new Dictionary<string, string> { ["bad key"] = "x" } },
            new() { Image = image, Secrets = secrets, Command = ["python", "x.py", "--token", FakeToken] },
            new() { Image = image, Secrets = secrets, Arguments = ["--token=" + FakeToken] },
            new() { Image = image, Secrets = secrets, Environment = new Dictionary<string, string> { ["TOKEN"] = FakeToken } },
            new() { Image = image, Secrets = secrets, Environment = new Dictionary<string, string> { ["HF_TOKEN"] = "dup" } },
            new() { Image = image, Secrets = new Dictionary<string, JobSecret> { ["BAD NAME"] = JobSecret.FromValue(FakeToken) } },
            new() { Image = image, Environment = new Dictionary<string, string> { ["TOKEN"] = FakeToken } },
            new() { Image = image, Secrets = secrets, Labels = new Dictionary<string, string> { ["t"] = FakeToken + "/" } },
        ];
        foreach (var spec in invalid)
        {
            var error = Assert.Throws<ArgumentException>(() => JobSpecValidator.ToRequest(spec));
            Assert.That(error!.Message, Does.Not.Contain(FakeToken));
            Assert.That(error.ToString(), Does.Not.Contain(FakeToken));
        }
    }

    [Test]
    public void A_secret_repeated_in_a_clear_field_is_refused_naming_the_field()
    {
        var secrets = new Dictionary<string, JobSecret> { ["HF_TOKEN"] = JobSecret.FromValue(FakeToken) };
        var image = JobImage.Parse("python:3.12");
        Assert.That(() => JobSpecValidator.ToRequest(new JobSpec { Image = image, Secrets = secrets, Command = ["sh", "-c", "echo " + FakeToken] }),
            Throws.ArgumentException.With.Message.Contains("secret 'HF_TOKEN' also appears in Command[2]"));
        Assert.That(() => JobSpecValidator.ToRequest(new JobSpec { Image = image, Environment = new Dictionary<string, string> { ["T"] = FakeToken } }),
            Throws.ArgumentException.With.Message.Contains("environment variable 'T' contains what looks like a Hugging Face access token"));
        Assert.That(() => JobSpecValidator.ToRequest(new JobSpec { Image = image, Command = ["pip", "install", "hf_transfer"] }), Throws.Nothing,
            "package names starting with hf_ are not tokens");
    }

    [Test]
    public void Secret_values_are_write_only()
    {
        Assert.That(() => JobSecret.FromValue(""), Throws.ArgumentException.With.Message.Contains("must not be empty"));
        Assert.That(() => JobSecret.FromEnvironment("SPACEFACTORY_TEST_UNSET_VARIABLE_42"),
            Throws.InvalidOperationException.With.Message.Contains("SPACEFACTORY_TEST_UNSET_VARIABLE_42"));
        Assert.That(typeof(JobSecret).GetProperties(), Is.Empty, "no public property exposes the value");
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
