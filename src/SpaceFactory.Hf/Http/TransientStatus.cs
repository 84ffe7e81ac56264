using System.Net;

namespace SpaceFactory.Hf.Http;

/// <summary>HTTP statuses after which the same request may succeed later: 5xx, 429 and 408.</summary>
internal static class TransientStatus
{
    public static bool Is(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
}
