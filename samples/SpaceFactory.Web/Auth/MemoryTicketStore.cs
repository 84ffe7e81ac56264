using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace SpaceFactory.Web.Auth;

/// <summary>
/// Keeps authentication tickets (with the user's access token) in server memory: the cookie carries only a random key,
/// so the token never reaches the browser. Sessions end with the process, which is acceptable for a Space.
/// </summary>
internal sealed class MemoryTicketStore(TimeProvider timeProvider) : ITicketStore
{
    private readonly ConcurrentDictionary<string, AuthenticationTicket> _tickets = new(StringComparer.Ordinal);

    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _tickets[key] = ticket;
        Sweep();
        return Task.FromResult(key);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        _tickets[key] = ticket;
        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        Task.FromResult(_tickets.TryGetValue(key, out var ticket) && !Expired(ticket) ? ticket : null);

    public Task RemoveAsync(string key)
    {
        _tickets.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    private bool Expired(AuthenticationTicket ticket) => ticket.Properties.ExpiresUtc is { } expires && expires <= timeProvider.GetUtcNow();

    private void Sweep()
    {
        foreach (var (key, ticket) in _tickets)
        {
            if (Expired(ticket))
            {
                _tickets.TryRemove(key, out _);
            }
        }
    }
}
