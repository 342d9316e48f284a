using Npgsql;
using Webchats.Infrastructure.Persistence;

namespace Webchats.Infrastructure.RateLimiting;

/// <summary><paramref name="Count"/> more requests of <paramref name="Bucket"/> in the window that starts at <paramref name="WindowStart"/>.</summary>
public readonly record struct RateLimitIncrement(string Bucket, DateTimeOffset WindowStart, long Count);

/// <summary>
/// Request counters shared by every replica of the API: fixed-window counters in an UNLOGGED PostgreSQL table, no WAL. Losing the counters in a database crash only resets the current windows.
/// Old windows are swept now and then by the request that happens to roll the dice. Only the Api's
/// rate limiter uses it, so it lives here next to its table, not behind an Application port.
/// </summary>
public sealed class PostgresRateLimitStore(NpgsqlDataSource dataSource)
{
    // One row per increment; the totals come back in the order of the input (WITH ORDINALITY). Rows
    // are written in key order, so two replicas flushing the same buckets lock them in the same
    // order and cannot deadlock.
    private const string IncrementSql = """
        WITH increments AS (
            SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::integer[]) WITH ORDINALITY AS i(bucket, window_start, count, position)
        ), totals AS (
            INSERT INTO rate_limit_counters (bucket, window_start, count)
            SELECT bucket, window_start, count FROM increments ORDER BY bucket, window_start
            ON CONFLICT (bucket, window_start) DO UPDATE SET count = rate_limit_counters.count + EXCLUDED.count
            RETURNING bucket, window_start, count
        )
        SELECT totals.count FROM increments JOIN totals USING (bucket, window_start) ORDER BY increments.position
        """;

    private const string SweepSql = "DELETE FROM rate_limit_counters WHERE window_start < $1";

    /// <summary>
    /// Adds each increment's requests to its bucket's window, all in one round trip, and returns the
    /// windows' totals so far, in the order of <paramref name="increments"/> (whose bucket and window
    /// pairs are distinct).
    /// </summary>
    // Called by the Api directly, not through a handler: translates its own database failures (DatabaseFailures).
    public Task<IReadOnlyList<long>> AddAsync(IReadOnlyList<RateLimitIncrement> increments, CancellationToken cancellationToken) =>
        DatabaseFailures.TranslateAsync(IncrementAsync(increments, cancellationToken));

    private async Task<IReadOnlyList<long>> IncrementAsync(IReadOnlyList<RateLimitIncrement> increments, CancellationToken cancellationToken)
    {
        var buckets = new string[increments.Count];
        var windows = new DateTimeOffset[increments.Count];
        var counts = new int[increments.Count];
        for (var i = 0; i < increments.Count; i++)
        {
            (buckets[i], windows[i], counts[i]) = (increments[i].Bucket, increments[i].WindowStart, checked((int)increments[i].Count));
        }

        await using var command = dataSource.CreateCommand(IncrementSql);
        command.Parameters.Add(new() { Value = buckets });
        command.Parameters.Add(new() { Value = windows });
        command.Parameters.Add(new() { Value = counts });
        var totals = new long[increments.Count];
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            for (var i = 0; await reader.ReadAsync(cancellationToken); i++)
            {
                totals[i] = reader.GetInt32(0);
            }
        }

#pragma warning disable CA5394 // Not security-relevant: only decides which request sweeps old windows.
        if (Random.Shared.Next(1000) == 0)
#pragma warning restore CA5394
        {
            await using var sweep = dataSource.CreateCommand(SweepSql);
            sweep.Parameters.Add(new() { Value = increments[0].WindowStart.AddHours(-1) });
            await sweep.ExecuteNonQueryAsync(cancellationToken);
        }

        return totals;
    }
}
