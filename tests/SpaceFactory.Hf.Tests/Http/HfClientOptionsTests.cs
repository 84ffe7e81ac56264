using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SpaceFactory.Hf.Tests.Http;

/// <summary>Environment fallbacks and start-up validation of <see cref="HfClientOptions"/>. Changes process environment variables.</summary>
[TestFixture]
[NonParallelizable]
public class HfClientOptionsTests
{
    private string? _endpoint;
    private string? _token;

    [SetUp]
    public void SaveEnvironment()
    {
        _endpoint = Environment.GetEnvironmentVariable("HF_ENDPOINT");
        _token = Environment.GetEnvironmentVariable("HF_TOKEN");
    }

    [TearDown]
    public void RestoreEnvironment()
    {
        Environment.SetEnvironmentVariable("HF_ENDPOINT", _endpoint);
        Environment.SetEnvironmentVariable("HF_TOKEN", _token);
    }

    [Test]
    public void Unset_options_fall_back_to_HF_ENDPOINT_and_HF_TOKEN()
    {
        Environment.SetEnvironmentVariable("HF_ENDPOINT", "http://localhost:5005/hub/");
        Environment.SetEnvironmentVariable("HF_TOKEN", " hf_fromenvironment000000000000\r\n");
        var options = new HfClientOptions();

        Assert.That(options.ResolveEndpoint(), Is.EqualTo(new Uri("http://localhost:5005/hub")));
        Assert.That(options.ResolveToken(), Is.EqualTo("hf_fromenvironment000000000000"));
        Assert.That(options.ToString(), Does.Not.Contain("hf_fromenvironment"));
    }

    [Test]
    public void Explicit_options_win_over_the_environment()
    {
        Environment.SetEnvironmentVariable("HF_ENDPOINT", "http://localhost:5005");
        Environment.SetEnvironmentVariable("HF_TOKEN", "hf_fromenvironment000000000000");
        var options = new HfClientOptions { Endpoint = new Uri("https://hub.example"), Token = "hf_explicit00000000000000000000" };

        Assert.That(options.ResolveEndpoint(), Is.EqualTo(new Uri("https://hub.example")));
        Assert.That(options.ResolveToken(), Is.EqualTo("hf_explicit00000000000000000000"));
    }

    [Test]
    public void Without_anything_configured_the_public_hub_and_no_token_are_used()
    {
        Environment.SetEnvironmentVariable("HF_ENDPOINT", null);
        Environment.SetEnvironmentVariable("HF_TOKEN", null);
        var options = new HfClientOptions();

        Assert.That(options.ResolveEndpoint(), Is.EqualTo(HfClientOptions.DefaultEndpoint));
        Assert.That(options.ResolveToken(), Is.Null);
    }

    [Test]
    public void The_validator_names_each_bad_setting()
    {
        var options = new HfClientOptions
        {
            Endpoint = new Uri("ftp://hub.example"),
            Token = "hf_with space",
            RequestTimeout = TimeSpan.Zero,
            MaxRetries = 30,
            MaxServerRequestedDelay = TimeSpan.FromSeconds(-1),
        };

        var result = new HfClientOptionsValidator().Validate(null, options);

        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures, Is.EquivalentTo(new[]
        {
            "Endpoint must use http or https, not 'ftp'.",
            "Token must not contain whitespace.",
            "RequestTimeout must be positive, not 00:00:00.",
            "MaxRetries must be between 0 and 20, not 30.",
            "MaxServerRequestedDelay must not be negative.",
        }));
    }

    [Test]
    public void A_relative_HF_ENDPOINT_is_reported_by_the_validator()
    {
        Environment.SetEnvironmentVariable("HF_ENDPOINT", "not a url");
        var result = new HfClientOptionsValidator().Validate(null, new HfClientOptions());
        Assert.That(result.Failures, Is.EqualTo(new[] { "HF_ENDPOINT is not an absolute URL." }));
    }

    [Test]
    public void Bad_options_fail_when_the_options_are_first_used()
    {
        var services = new ServiceCollection();
        services.AddHuggingFace(o => o.MaxRetries = -1);
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<HfClientOptions>>().Value);
        Assert.That(ex!.Message, Does.Contain("MaxRetries must be between 0 and 20, not -1."));
    }
}
