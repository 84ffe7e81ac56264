using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Hf.Tests.Gradio;

namespace SpaceFactory.Hf.Tests.Hub;

/// <summary>The Hub's own JSON answers are bounded too: an endless body ends after about <see cref="HfClientOptions.MaxJsonBytes"/>.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class HubLimitTests
{
    [Test]
    public void An_endless_json_answer_of_the_Hub_stops_at_MaxJsonBytes()
    {
        const long limit = 512 * 1024;
        var endless = new EndlessBodyHandler("/api/whoami-v2", "application/json", "{\"name\":\"", "a");
        using var host = new HubTestHost(o => o.MaxJsonBytes = limit, services => services.AddHttpClient(nameof(HubClient)).AddHttpMessageHandler(() => endless));

        var error = Assert.ThrowsAsync<HfProtocolException>(() => host.Client.WhoAmIAsync());

        Assert.That(error!.Message, Does.Contain("GET /api/whoami-v2").And.Contain("512 KiB").And.Contain("MaxJsonBytes"));
        Assert.That(endless.BytesRead, Is.InRange(limit, limit + (64 * 1024)));
    }

    [Test]
    public void A_limit_below_one_KiB_is_refused_at_start()
    {
        var result = new HfClientOptionsValidator().Validate(null, new HfClientOptions { MaxJsonBytes = 10 });

        Assert.That(result.Failures, Has.One.Contains("MaxJsonBytes must be between 1 KiB and 2 GiB, not 10."));
    }
}
