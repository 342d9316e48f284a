using System.Collections.Concurrent;
using System.Security.Claims;

namespace Webchats.Api.Auth;

/// <summary>
/// Remembers the principal of a JWT that passed validation, until the token expires (at most five
/// minutes), so a client that sends the same token with every request pays for signature and
/// claim validation once instead of on every request. An expired or never-validated token is
/// never served from here; a JWT cannot be revoked, so caching changes no answer.
/// </summary>
public sealed class ValidatedTokenCache(TimeProvider time)
{
    public const int MaxEntries = 10_000;
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (ClaimsPrincipal Principal, DateTimeOffset ValidUntil)> _entries = new(StringComparer.Ordinal);

    public bool TryGet(ReadOnlySpan<char> token, out ClaimsPrincipal principal)
    {
        // Looked up by the header's characters: no copy of the token per request.
        if (_entries.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(token, out var entry) && entry.ValidUntil > time.GetUtcNow())
        {
            principal = entry.Principal;
            return true;
        }

        principal = null!;
        return false;
    }

    public void Add(string token, ClaimsPrincipal principal, DateTime expiresUtc)
    {
        var now = time.GetUtcNow();
        var validUntil = new DateTimeOffset(expiresUtc, TimeSpan.Zero);
        if (validUntil > now + MaxAge)
        {
            validUntil = now + MaxAge;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[token] = (principal, validUntil);
    }
}
