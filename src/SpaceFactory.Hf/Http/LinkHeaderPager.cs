using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;

namespace SpaceFactory.Hf.Http;

/// <summary>
/// Follows the Hub's GitHub-style paging: each page is a JSON array and the next page's URL (query string included)
/// is in the <c>Link: &lt;…&gt;; rel="next"</c> response header.
/// </summary>
internal static class LinkHeaderPager
{
    /// <summary>Yields every item of every page, fetching the next page only when the previous one is consumed.</summary>
    /// <param name="client">A Hub API client (base address set, retries for GET).</param>
    /// <param name="firstPage">The first page's URI, relative to the client's base address.</param>
    /// <param name="pageType">The contract of one page (a JSON array).</param>
    /// <param name="timeProvider">Clock for error details (<c>Retry-After</c> dates).</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <typeparam name="T">The item type.</typeparam>
    /// <returns>The items in server order.</returns>
    public static async IAsyncEnumerable<T> EnumerateAsync<T>(
        HttpClient client,
        string firstPage,
        JsonTypeInfo<List<T>> pageType,
        TimeProvider timeProvider,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? next = new(firstPage, UriKind.RelativeOrAbsolute);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        while (next is not null)
        {
            List<T> items;
            using (var request = new HttpRequestMessage(HttpMethod.Get, next))
            using (var response = await HfHttp.SendAsync(client, request, timeProvider, cancellationToken).ConfigureAwait(false))
            {
                items = await HfHttp.ReadJsonAsync(response, pageType, cancellationToken).ConfigureAwait(false);
                visited.Add(response.RequestMessage?.RequestUri?.AbsoluteUri ?? next.OriginalString);
                next = NextPage(response);
                if (next is not null && visited.Contains(next.AbsoluteUri))
                {
                    throw new HfProtocolException(
                        $"{HfHttp.Describe(response.RequestMessage)} returned a 'next' page link pointing at a page already read; paging stopped to avoid a loop.");
                }
            }

            foreach (var item in items)
            {
                yield return item;
            }
        }
    }

    /// <summary>The absolute URL of the next page, or <see langword="null"/> on the last page.</summary>
    internal static Uri? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            if (FindNext(value) is { } target)
            {
                var baseUri = response.RequestMessage?.RequestUri;
                if (Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
                {
                    return absolute;
                }

                if (baseUri is { IsAbsoluteUri: true } && Uri.TryCreate(baseUri, target, out var resolved))
                {
                    return resolved;
                }
            }
        }

        return null;
    }

    /// <summary>The target of the <c>rel="next"</c> link in one <c>Link</c> header value (RFC 8288), if any.</summary>
    internal static string? FindNext(string header)
    {
        var position = 0;
        while (position < header.Length)
        {
            var open = header.IndexOf('<', position);
            if (open < 0)
            {
                return null;
            }

            var close = header.IndexOf('>', open + 1);
            if (close < 0)
            {
                return null;
            }

            // Parameters run until the next link, which starts at a ',' followed (after blanks) by '<'.
            var end = NextLinkStart(header, close + 1);
            if (HasRelNext(header.AsSpan(close + 1, end - close - 1)))
            {
                return header[(open + 1)..close].Trim();
            }

            position = end;
        }

        return null;
    }

    private static int NextLinkStart(string header, int from)
    {
        var quoted = false;
        for (var i = from; i < header.Length; i++)
        {
            var c = header[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                return i + 1;
            }
        }

        return header.Length;
    }

    private static bool HasRelNext(ReadOnlySpan<char> parameters)
    {
        foreach (var range in parameters.Split(';'))
        {
            var parameter = parameters[range].Trim();
            var equals = parameter.IndexOf('=');
            if (equals <= 0 || !parameter[..equals].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var relations = parameter[(equals + 1)..].Trim().Trim('"');
            foreach (var relation in relations.Split(' '))
            {
                if (relations[relation].Equals("next", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
