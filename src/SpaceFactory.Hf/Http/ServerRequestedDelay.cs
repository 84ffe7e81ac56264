using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace SpaceFactory.Hf.Http;

/// <summary>Reads how long the server asked us to wait: <c>Retry-After</c> first, then the Hub's <c>RateLimit</c> header.</summary>
internal static class ServerRequestedDelay
{
    /// <summary>The wait requested by <paramref name="response"/>, or <see langword="null"/> when it names none.</summary>
    public static TimeSpan? From(HttpResponseMessage? response, TimeProvider timeProvider)
    {
        if (response is null)
        {
            return null;
        }

        var retryAfter = FromRetryAfter(response.Headers.RetryAfter, timeProvider);
        if (retryAfter is not null)
        {
            return retryAfter;
        }

        return response.StatusCode == HttpStatusCode.TooManyRequests &&
               response.Headers.TryGetValues("RateLimit", out var values)
            ? FromRateLimit(values)
            : null;
    }

    private static TimeSpan? FromRetryAfter(RetryConditionHeaderValue? header, TimeProvider timeProvider)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>
    /// Parses <c>"api";r=0;t=42</c> (IETF RateLimit draft as the Hub sends it): when nothing remains (<c>r=0</c>),
    /// wait until the window resets (<c>t</c> seconds).
    /// </summary>
    internal static TimeSpan? FromRateLimit(IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            long? remaining = null;
            long? reset = null;
            foreach (var rawPart in value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = rawPart.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    continue;
                }

                var key = rawPart[..equals].Trim();
                if (!long.TryParse(rawPart[(equals + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    continue;
                }

                if (key.Equals("r", StringComparison.OrdinalIgnoreCase))
                {
                    remaining = number;
                }
                else if (key.Equals("t", StringComparison.OrdinalIgnoreCase))
                {
                    reset = number;
                }
            }

            if (remaining == 0 && reset is { } seconds)
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        return null;
    }
}
