namespace Webchats.Api.RateLimiting;

/// <summary>Configuration section <c>Webchats:RateLimiting</c>.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Webchats:RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests per minute for one organization (JWT callers) or one API token.</summary>
    public int PermitsPerMinute { get; set; } = 6000;

    /// <summary>
    /// Requests per minute from one client address (an IPv6 /64) that no credential accounts for:
    /// the public configuration, icon files, and requests whose bearer token was refused.
    /// </summary>
    public int AnonymousPermitsPerMinute { get; set; } = 600;

    /// <summary>
    /// How often a replica adds its counts to the shared ones. Zero counts every request in the
    /// database (exact, one round trip per request); above zero a replica may let through at most
    /// the requests of one interval beyond the limit, and requests cost no round trip.
    /// </summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
