using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Webchats.Application.Common.Interfaces;

namespace Webchats.Api.RateLimiting;

/// <summary>
/// Counts requests per bucket and window against the shared store. With a sync interval, requests
/// are counted in memory and the deltas are added to the store by <see cref="FlushAsync"/>; the
/// first request of a bucket in a window is always counted in the store, so a replica starts from
/// the shared total rather than from zero.
/// </summary>
public sealed class RateLimitCounter(IRateLimitStore store, IOptions<RateLimitOptions> options)
{
    private readonly ConcurrentDictionary<(string Bucket, DateTimeOffset Window), Entry> _entries = new();

    /// <summary>The window's total including this request, as well as this replica knows it.</summary>
    public async ValueTask<long> CountAsync(string bucket, DateTimeOffset window, CancellationToken cancellationToken)
    {
        if (options.Value.SyncInterval <= TimeSpan.Zero)
        {
            return await store.AddAsync(bucket, window, 1, cancellationToken);
        }

        if (_entries.TryGetValue((bucket, window), out var entry))
        {
            return Volatile.Read(ref entry.Shared) + Interlocked.Increment(ref entry.Pending);
        }

        var shared = await store.AddAsync(bucket, window, 1, cancellationToken);
        entry = _entries.GetOrAdd((bucket, window), _ => new Entry());
        InterlockedMax(ref entry.Shared, shared);
        return shared + Volatile.Read(ref entry.Pending);
    }

    /// <summary>Adds the pending counts to the store, learns the shared totals, and forgets past windows.</summary>
    public async Task FlushAsync(DateTimeOffset currentWindow, CancellationToken cancellationToken)
    {
        foreach (var ((bucket, window), entry) in _entries)
        {
            if (window < currentWindow)
            {
                _entries.TryRemove((bucket, window), out _);
                continue;
            }

            var pending = Interlocked.Exchange(ref entry.Pending, 0);
            InterlockedMax(ref entry.Shared, await store.AddAsync(bucket, window, pending, cancellationToken));
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }

    private sealed class Entry
    {
        public long Shared;
        public long Pending;
    }
}
