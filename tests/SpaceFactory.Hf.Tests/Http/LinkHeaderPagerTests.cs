using System.Net;
using SpaceFactory.Hf.Http;

namespace SpaceFactory.Hf.Tests.Http;

[TestFixture]
public class LinkHeaderPagerTests
{
    [TestCase("<https://hub/api/jobs/u?cursor=2>; rel=\"next\"", "https://hub/api/jobs/u?cursor=2")]
    [TestCase("<https://hub/a?p=1>; rel=\"prev\", <https://hub/a?p=3>; rel=\"next\"", "https://hub/a?p=3")]
    [TestCase("<https://hub/a?p=3>; rel=next", "https://hub/a?p=3")]
    [TestCase("<https://hub/a?p=3>; title=\"a, b\"; rel=\"prev next\"", "https://hub/a?p=3")]
    [TestCase("<https://hub/a?p=3> ; REL = \"Next\"", "https://hub/a?p=3")]
    [TestCase("<https://hub/a?p=1>; rel=\"prev\"", null)]
    [TestCase("<https://hub/a?p=1>; rel=\"nextish\"", null)]
    [TestCase("garbage", null)]
    [TestCase("<unterminated; rel=\"next\"", null)]
    public void FindNext_reads_rfc8288_headers(string header, string? expected) =>
        Assert.That(LinkHeaderPager.FindNext(header), Is.EqualTo(expected));

    [Test]
    public void NextPage_resolves_relative_links_against_the_request()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = new HttpRequestMessage(HttpMethod.Get, "http://hub.test/api/buckets/me?search=x"),
        };
        response.Headers.TryAddWithoutValidation("Link", "</api/buckets/me?search=x&cursor=abc>; rel=\"next\"");
        Assert.That(LinkHeaderPager.NextPage(response), Is.EqualTo(new Uri("http://hub.test/api/buckets/me?search=x&cursor=abc")));
    }

    [Test]
    public void A_next_link_to_a_page_already_read_stops_with_a_protocol_error()
    {
        var handler = new LoopingHandler();
        using var client = new HttpClient(handler) { BaseAddress = new Uri("http://hub.test/") };
        var items = new List<int>();
        var error = Assert.ThrowsAsync<HfProtocolException>(async () =>
        {
            await foreach (var item in LinkHeaderPager.EnumerateAsync(client, "api/items", ItemsJsonContext.Default.ListInt32, TimeProvider.System, default))
            {
                items.Add(item);
            }
        });
        Assert.That(error!.Message, Does.Contain("already read"));
        Assert.That(handler.Calls, Is.EqualTo(2));
        Assert.That(items, Is.EqualTo(new[] { 1 }), "the first page's items were delivered before the loop was noticed");
    }

    private sealed class LoopingHandler : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("[1]", System.Text.Encoding.UTF8, "application/json"), RequestMessage = request };
            response.Headers.TryAddWithoutValidation("Link", "<http://hub.test/api/items?p=2>; rel=\"next\"");
            return Task.FromResult(response);
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(List<int>))]
internal sealed partial class ItemsJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
