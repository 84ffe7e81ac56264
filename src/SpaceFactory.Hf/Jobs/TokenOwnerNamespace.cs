using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using SpaceFactory.Hf.Http;

namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// The default Jobs namespace: the name of the token's owner from <c>GET /api/whoami-v2</c>, cached per token (the
/// configured one, or the one of the current <see cref="HfTokenScope"/>).
/// </summary>
/// <remarks>A minimal stand-in until the Hub client's whoami is shared; only the name is read.</remarks>
internal sealed class TokenOwnerNamespace
{
    private const string ConfiguredTokenKey = "(configured token)";
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);

    public async ValueTask<string> GetAsync(HttpClient client, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var key = Key(HfTokenScope.CurrentToken);
        if (_names.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var request = new HttpRequestMessage(HttpMethod.Get, "api/whoami-v2");
        var whoAmI = await HfHttp.SendForJsonAsync(client, request, JobsJsonContext.Default.WhoAmIName, timeProvider, cancellationToken)
            .ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(whoAmI.Name))
        {
            throw new HfProtocolException("GET /api/whoami-v2 returned no 'name', so the default Jobs namespace is unknown; pass the namespace explicitly.");
        }

        _names[key] = whoAmI.Name;
        return whoAmI.Name;
    }

    // Keys hold a hash, not the token itself.
    private static string Key(string? scopedToken) =>
        scopedToken is null ? ConfiguredTokenKey : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(scopedToken)));
}
