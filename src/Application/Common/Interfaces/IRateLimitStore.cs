namespace Webchats.Application.Common.Interfaces;

/// <summary>Request counters shared by every replica of the API.</summary>
public interface IRateLimitStore
{
    /// <summary>Adds <paramref name="count"/> requests to a bucket's window and returns the window's total so far.</summary>
    Task<long> AddAsync(string bucket, DateTimeOffset windowStart, long count, CancellationToken cancellationToken);
}
