using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SpaceFactory.Hf.Hub;

/// <summary>
/// Remembers <see cref="HubClient.WhoAmIAsync"/> answers per endpoint and token for
/// <see cref="HubClientOptions.WhoAmICacheDuration"/>, because <c>/api/whoami-v2</c> is heavily rate-limited.
/// </summary>
/// <remarks>
/// Registered as a singleton by <c>AddHuggingFace</c> and shared by every <see cref="HubClient"/>. Tokens are not kept:
/// entries are keyed by a SHA-256 digest of the endpoint and token. Failures are never cached.
/// </remarks>
public sealed class WhoAmICache
{
    /// <summary>Beyond this many entries, expired ones are dropped, and if that is not enough the cache starts over.</summary>
    private const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _duration;

    /// <summary>Creates the cache.</summary>
    /// <param name="timeProvider">Clock deciding when entries expire.</param>
    /// <param name="options">Holds <see cref="HubClientOptions.WhoAmICacheDuration"/>.</param>
    public WhoAmICache(TimeProvider timeProvider, IOptions<HubClientOptions> options)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        _timeProvider = timeProvider;
        _duration = options.Value.WhoAmICacheDuration;
    }

    /// <summary>Forgets every cached answer (e.g. after a token's permissions changed).</summary>
    public void Clear() => _entries.Clear();

    /// <summary>The cached user for <paramref name="endpoint"/> and <paramref name="token"/>, if still fresh.</summary>
    internal bool TryGet(Uri endpoint, string token, out HubUser user)
    {
        if (_duration > TimeSpan.Zero && _entries.TryGetValue(Key(endpoint, token), out var entry) && entry.Expires > _timeProvider.GetUtcNow())
        {
            user = entry.User;
            return true;
        }

        user = null!;
        return false;
    }

    /// <summary>Remembers <paramref name="user"/> for <paramref name="endpoint"/> and <paramref name="token"/>.</summary>
    internal void Set(Uri endpoint, string token, HubUser user)
    {
        if (_duration <= TimeSpan.Zero)
        {
            return;
        }

        var now = _timeProvider.GetUtcNow();
        if (_entries.Count >= MaxEntries)
        {
            foreach (var (key, value) in _entries)
            {
                if (value.Expires <= now)
                {
                    _entries.TryRemove(key, out _);
                }
            }

            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }
        }

        _entries[Key(endpoint, token)] = new Entry(user, now + _duration);
    }

    private static string Key(Uri endpoint, string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint.AbsoluteUri + "\n" + token)));

    private sealed record Entry(HubUser User, DateTimeOffset Expires);
}
