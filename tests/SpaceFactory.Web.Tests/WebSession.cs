using System.Net;
using System.Text.RegularExpressions;

namespace SpaceFactory.Web.Tests;

/// <summary>
/// A browserless user agent: follows redirects across the web app and the Sandbox by hand, keeps cookies per origin
/// (recording every Set-Cookie header), and keeps every HTML page it received, to check none carries a token.
/// </summary>
internal sealed partial class WebSession : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly Dictionary<string, Dictionary<string, string>> _cookies = new(StringComparer.Ordinal);
    private readonly Uri _base;

    public WebSession(Uri baseUrl) => _base = baseUrl;

    public List<string> SetCookieHeaders { get; } = [];

    public List<string> Pages { get; } = [];

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content = null)
    {
        var uri = new Uri(_base, url);
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        if (_cookies.TryGetValue(uri.GetLeftPart(UriPartial.Authority), out var jar) && jar.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            jar = _cookies.TryGetValue(uri.GetLeftPart(UriPartial.Authority), out var existing) ? existing : _cookies[uri.GetLeftPart(UriPartial.Authority)] = new(StringComparer.Ordinal);
            foreach (var header in values)
            {
                SetCookieHeaders.Add(header);
                var pair = header.Split(';')[0].Split('=', 2);
                if (header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase) || pair[1].Length == 0)
                {
                    jar.Remove(pair[0]);
                }
                else
                {
                    jar[pair[0]] = pair[1];
                }
            }
        }

        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            Pages.Add(await response.Content.ReadAsStringAsync());
        }

        return response;
    }

    /// <summary>GET, following redirects; returns the last response.</summary>
    public async Task<HttpResponseMessage> GetAsync(string url)
    {
        var response = await SendAsync(HttpMethod.Get, url);
        for (var hops = 0; hops < 10 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; hops++)
        {
            var next = response.Headers.Location!;
            response.Dispose();
            response = await SendAsync(HttpMethod.Get, (next.IsAbsoluteUri ? next : new Uri(_base, next)).ToString());
        }

        return response;
    }

    /// <summary>Signs in through the web app and the Sandbox's provider as <paramref name="user"/>.</summary>
    public async Task SignInAsync(string user)
    {
        using var home = await GetAsync($"/signin?user={user}");
        var html = await home.Content.ReadAsStringAsync();
        Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(html, Does.Contain($"Signed in as <strong>{user}</strong>"));
    }

    /// <summary>Reads the antiforgery token of the form on <paramref name="page"/>.</summary>
    public async Task<string> AntiforgeryTokenAsync(string page)
    {
        using var response = await GetAsync(page);
        var html = await response.Content.ReadAsStringAsync();
        return AntiforgeryField().Match(html) is { Success: true } match ? match.Groups["token"].Value : throw new AssertionException("no antiforgery field on " + page);
    }

    /// <summary>POSTs a form (no redirect following).</summary>
    public Task<HttpResponseMessage> PostFormAsync(string url, IDictionary<string, string> fields) =>
        SendAsync(HttpMethod.Post, url, new FormUrlEncodedContent(fields));

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"", RegexOptions.None, matchTimeoutMilliseconds: 2000)]
    private static partial Regex AntiforgeryField();
}
