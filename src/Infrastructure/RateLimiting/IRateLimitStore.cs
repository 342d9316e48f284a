namespace Webchats.Infrastructure.RateLimiting;

/// <summary>
/// Request counters shared by every replica of the API. Only the Api's rate limiter uses them, so the
/// contract is Infrastructure's (next to its PostgreSQL table), not an Application port.
/// </summary>
public interface IRateLimitStore
{
    /// <summary>
    /// Adds each increment's requests to its bucket's window, all in one round trip, and returns the
    /// windows' totals so far, in the order of <paramref name="increments"/> (whose bucket and window
    /// pairs are distinct).
    /// </summary>
    Task<IReadOnlyList<long>> AddAsync(IReadOnlyList<RateLimitIncrement> increments, CancellationToken cancellationToken);
}

/// <summary><paramref name="Count"/> more requests of <paramref name="Bucket"/> in the window that starts at <paramref name="WindowStart"/>.</summary>
public readonly record struct RateLimitIncrement(string Bucket, DateTimeOffset WindowStart, long Count);
