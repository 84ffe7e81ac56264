using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SpaceFactory.Web.Tests;

/// <summary>The app with no OAuth settings: its own Sandbox, whose seeded models the Build form offers as hints.</summary>
[TestFixture]
[NonParallelizable]
public sealed class OfflineModeTests
{
    [Test]
    public async Task Offline_the_build_form_hints_at_the_models_the_sandbox_holds()
    {
        var app = await WebApp.BuildAsync([], "Development", builder => builder.Logging.ClearProviders());
        await using var _ = app;
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var session = new WebSession(new Uri(address));
            await session.SignInAsync("sandbox-user");
            using var page = await session.GetAsync("/runs/new");
            var html = await page.Content.ReadAsStringAsync();

            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html, Does.Contain("id=\"sandbox-hints\"").And.Contain("list=\"sandbox-models\""));
            Assert.That(html, Does.Contain("<option value=\"sshleifer/tiny-gpt2\">text-generation</option>"));
            Assert.That(html, Does.Contain("<option value=\"hf-internal-testing/tiny-stable-diffusion-pipe\">text-to-image</option>"));
            Assert.That(html, Does.Contain("their Spaces are simulated"));
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
