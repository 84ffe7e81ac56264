namespace SpaceFactory.Hf.Http;

/// <summary>Per-request switches read by the SpaceFactory HTTP handlers.</summary>
internal static class HfRequestOptions
{
    /// <summary>Set on requests that must not carry the Hub token (pre-signed storage URLs).</summary>
    public static readonly HttpRequestOptionsKey<bool> Anonymous = new("SpaceFactory.Anonymous");

    /// <summary>
    /// Set on a POST/PUT whose repetition the protocol makes harmless (commit preupload, LFS batch): the retry
    /// policy may repeat it. Everything else that is not GET/HEAD/OPTIONS is never retried.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> RetrySafe = new("SpaceFactory.RetrySafe");

    /// <summary>Marks <paramref name="request"/> as one that must go out without credentials.</summary>
    public static HttpRequestMessage WithoutCredentials(this HttpRequestMessage request)
    {
        request.Options.Set(Anonymous, true);
        return request;
    }

    /// <summary>
    /// Marks <paramref name="request"/> (a write by method, but read-only or idempotent by protocol) as safe to
    /// retry. Its content must be re-serialisable (e.g. <c>JsonContent</c>, not a one-shot stream).
    /// </summary>
    public static HttpRequestMessage AsRetrySafe(this HttpRequestMessage request)
    {
        request.Options.Set(RetrySafe, true);
        return request;
    }

    /// <summary>Whether the retry policy may repeat <paramref name="request"/>.</summary>
    public static bool MayRetry(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options ||
        request.Method == HttpMethod.Trace || (request.Options.TryGetValue(RetrySafe, out var safe) && safe);
}
