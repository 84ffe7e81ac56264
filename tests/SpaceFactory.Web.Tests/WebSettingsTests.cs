using Microsoft.Extensions.Configuration;
using SpaceFactory.Web.Hosting;

namespace SpaceFactory.Web.Tests;

/// <summary>Which settings a Space (or a local run) gives the web app, and what it makes of them.</summary>
[TestFixture]
public sealed class WebSettingsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Test]
    public void Without_an_oauth_client_the_app_runs_offline_against_its_own_sandbox() =>
        Assert.That(WebSettings.FromConfiguration(Config()), Is.Null);

    [Test]
    public void On_a_space_the_provider_is_the_hub_and_jobs_run_from_the_space_image()
    {
        var settings = WebSettings.FromConfiguration(Config(
            ("OAUTH_CLIENT_ID", "client"), ("OAUTH_CLIENT_SECRET", "secret"), ("OPENID_PROVIDER_URL", "https://hub.example"), ("SPACE_ID", "me/factory")))!;

        Assert.That(settings.HubEndpoint, Is.EqualTo(new Uri("https://hub.example")));
        Assert.That(settings.JobImage, Is.EqualTo("hf.co/spaces/me/factory"));
        Assert.That(settings.Scopes.Split(' '), Does.Contain("jobs").And.Contain("manage-repos").And.Contain("inference-api"));
        Assert.That(settings.BucketSource, Is.EqualTo("hf://buckets/{user}/spacefactory-runs"));
        Assert.That(settings.IsSandbox, Is.False);
    }

    [Test]
    public void A_client_without_its_secret_or_a_job_image_outside_a_space_is_a_clear_error()
    {
        var noSecret = Assert.Throws<InvalidOperationException>(() => WebSettings.FromConfiguration(Config(("OAUTH_CLIENT_ID", "c"), ("OPENID_PROVIDER_URL", "https://hub.example"))));
        Assert.That(noSecret!.Message, Does.Contain("OAUTH_CLIENT_SECRET"));
        var noImage = Assert.Throws<InvalidOperationException>(() => WebSettings.FromConfiguration(Config(
            ("OAUTH_CLIENT_ID", "c"), ("OAUTH_CLIENT_SECRET", "s"), ("OPENID_PROVIDER_URL", "https://hub.example"))));
        Assert.That(noImage!.Message, Does.Contain("SPACE_FACTORY_JOB_IMAGE"));
    }
}
