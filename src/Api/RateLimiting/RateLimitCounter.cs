using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Webchats.Infrastructure.RateLimiting;

namespace Webchats.Api.RateLimiting;

/// <summary>
/// Counts requests per bucket and window against the shared store. With a sync interval, requests
/// are counted in memory and the deltas are added to the store by <see cref="FlushAsync"/>; the
/// first request of a bucket in a window is always counted in the store, so a replica starts from
/// the shared total rather than from zero.
/// </summary>
public sealed class RateLimitCounter(PostgresRateLimitStore store, IOptions<RateLimitOptions> options)
{
    private readonly ConcurrentDictionary<(string Bucket, DateTimeOffset Window), Entry> _entries = new();

    /// <summary>The window's total including this request, as well as this replica knows it.</summary>
    public async ValueTask<long> CountAsync(string bucket, DateTimeOffset window, CancellationToken cancellationToken)
    {
        if (options.Value.SyncInterval <= TimeSpan.Zero)
        {
            return await AddOneAsync(bucket, window, cancellationToken);
        }

        if (_entries.TryGetValue((bucket, window), out var entry))
        {
            return Volatile.Read(ref entry.Shared) + Interlocked.Increment(ref entry.Pending);
        }

        var shared = await AddOneAsync(bucket, window, cancellationToken);
        entry = _entries.GetOrAdd((bucket, window), _ => new Entry());
        InterlockedMax(ref entry.Shared, shared);
        return shared + Volatile.Read(ref entry.Pending);
    }

    /// <summary>
    /// Adds the pending counts to the store in one round trip, learns the shared totals, and forgets
    /// past windows. A bucket with nothing pending is left out: this replica has not served it since
    /// the last sync, and learns its total again with the first sync after it does.
    /// </summary>
    public async Task FlushAsync(DateTimeOffset currentWindow, CancellationToken cancellationToken)
    {
        var entries = new List<Entry>();
        var increments = new List<RateLimitIncrement>();
        foreach (var ((bucket, window), entry) in _entries)
        {
            if (window < currentWindow)
            {
                _entries.TryRemove((bucket, window), out _);
                continue;
            }

            var pending = Interlocked.Exchange(ref entry.Pending, 0);
            if (pending > 0)
            {
                entries.Add(entry);
                increments.Add(new RateLimitIncrement(bucket, window, pending));
            }
        }

        if (increments.Count == 0)
        {
            return;
        }

        IReadOnlyList<long> totals;
        try
        {
            totals = await store.AddAsync(increments, cancellationToken);
        }
        catch
        {
            // Not counted in the store: keep the counts for the next sync instead of losing them.
            for (var i = 0; i < entries.Count; i++)
            {
                Interlocked.Add(ref entries[i].Pending, increments[i].Count);
            }

            throw;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            InterlockedMax(ref entries[i].Shared, totals[i]);
        }
    }

    private async ValueTask<long> AddOneAsync(string bucket, DateTimeOffset window, CancellationToken cancellationToken) =>
        (await store.AddAsync([new RateLimitIncrement(bucket, window, 1)], cancellationToken))[0];

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
