using System.Collections.Concurrent;
using System.Security.Claims;
using Entry = (System.Security.Claims.ClaimsPrincipal Principal, System.DateTimeOffset ValidUntil);

namespace Webchats.Api.Auth;

/// <summary>
/// Remembers the principal of a JWT that passed validation, until the token expires (at most five
/// minutes), so a client that sends the same token with every request pays for signature and
/// claim validation once instead of on every request. An expired or never-validated token is
/// never served from here; a JWT cannot be revoked, so caching changes no answer.
/// </summary>
public sealed class ValidatedTokenCache
{
    public const int MaxEntries = 10_000;
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // Looks tokens up by the header's characters, so a request copies no token; made once (the
    // comparer's support for spans is checked here, not on every request).
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public ValidatedTokenCache(TimeProvider time)
    {
        _time = time;
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool TryGet(ReadOnlySpan<char> token, out ClaimsPrincipal principal)
    {
        if (_bySpan.TryGetValue(token, out var entry) && entry.ValidUntil > _time.GetUtcNow())
        {
            principal = entry.Principal;
            return true;
        }

        principal = null!;
        return false;
    }

    public void Add(string token, ClaimsPrincipal principal, DateTime expiresUtc)
    {
        var now = _time.GetUtcNow();
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
