using System.Net;
using Microsoft.Extensions.Time.Testing;
using SpaceFactory.Hf.Http;

namespace SpaceFactory.Hf.Tests.Http;

[TestFixture]
public class ServerRequestedDelayTests
{
    [TestCase("\"api\";r=0;t=42", 42)]
    [TestCase("\"resolvers\"; r=0; t=7", 7)]
    [TestCase("\"api\";r=12;t=42", null)]
    [TestCase("\"api\";t=42", null)]
    [TestCase("garbage", null)]
    public void RateLimit_header_gives_the_reset_time_when_nothing_remains(string header, int? seconds) =>
        Assert.That(ServerRequestedDelay.FromRateLimit([header]), Is.EqualTo(seconds is null ? null : TimeSpan.FromSeconds(seconds.Value)));

    [Test]
    public void Retry_after_seconds_win_over_RateLimit()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "3");
        response.Headers.TryAddWithoutValidation("RateLimit", "\"api\";r=0;t=42");

        Assert.That(ServerRequestedDelay.From(response, TimeProvider.System), Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public void Retry_after_date_is_measured_on_the_given_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", "Thu, 01 Jan 2026 12:00:30 GMT");

        Assert.That(ServerRequestedDelay.From(response, clock), Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public void RateLimit_is_only_read_on_429()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("RateLimit", "\"api\";r=0;t=42");
        Assert.That(ServerRequestedDelay.From(response, TimeProvider.System), Is.Null);
    }
}
