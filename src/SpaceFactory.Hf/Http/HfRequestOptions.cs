namespace SpaceFactory.Hf.Http;

/// <summary>Per-request switches read by the SpaceFactory HTTP handlers.</summary>
internal static class HfRequestOptions
{
    /// <summary>Set on requests that must not carry the Hub token (pre-signed storage URLs).</summary>
    public static readonly HttpRequestOptionsKey<bool> Anonymous = new("SpaceFactory.Anonymous");

    /// <summary>Marks <paramref name="request"/> as one that must go out without credentials.</summary>
    public static HttpRequestMessage WithoutCredentials(this HttpRequestMessage request)
    {
        request.Options.Set(Anonymous, true);
        return request;
    }
}
