using Webchats.Domain.Webchats;

namespace Webchats.Application.Webchats.Queries.GetPublicWebchat;

/// <summary>
/// A webchat's <c>allowedDomains</c> as a rule for the <c>Origin</c> of each request, built once
/// per stored version (the public configuration is read on every page view). An empty list lets
/// every page embed the widget. Otherwise a request with an <c>Origin</c> must match an entry
/// (wildcards per api.md §4), and a request without one (curl, a server-side renderer; browsers
/// always send it on cross-origin fetches) is answered without any CORS grant, so no browser page
/// can use that answer.
/// </summary>
public sealed class PublicOrigins
{
    private readonly HashSet<string> _exact;
    private readonly string[] _wildcards;

    private PublicOrigins(IReadOnlyList<string> allowedDomains)
    {
        IsOpen = allowedDomains.Count == 0;
        _exact = new HashSet<string>(allowedDomains.Where(entry => !IsWildcard(entry)), StringComparer.Ordinal);
        _wildcards = [.. allowedDomains.Where(IsWildcard)];
    }

    /// <summary>Whether every page may read it (no <c>allowedDomains</c>).</summary>
    public bool IsOpen { get; }

    /// <summary>The rule of stored entries, which were normalised when they were written.</summary>
    public static PublicOrigins From(IReadOnlyList<string> allowedDomains)
    {
        ArgumentNullException.ThrowIfNull(allowedDomains);
        return new PublicOrigins(allowedDomains);
    }

    public OriginAccess Decide(string? origin)
    {
        if (IsOpen)
        {
            return OriginAccess.AnyOrigin;
        }

        if (origin is null)
        {
            return OriginAccess.NoOrigin;
        }

        if (AllowedOrigins.NormalizeRequestOrigin(origin) is not { } request)
        {
            return OriginAccess.Refused;
        }

        return _exact.Contains(request) || _wildcards.Any(wildcard => AllowedOrigins.MatchesNormalized(wildcard, request))
            ? OriginAccess.MatchedOrigin
            : OriginAccess.Refused;
    }

    private static bool IsWildcard(string entry) => entry.Contains('*', StringComparison.Ordinal);
}
