using Npgsql;
using Webchats.Application.Common.Interfaces;

namespace Webchats.Infrastructure.RateLimiting;

/// <summary>
/// Fixed-window counters in an UNLOGGED PostgreSQL table: shared by every replica, no WAL. Losing the counters in a database crash only resets the current windows.
/// Old windows are swept now and then by the request that happens to roll the dice.
/// </summary>
internal sealed class PostgresRateLimitStore(NpgsqlDataSource dataSource) : IRateLimitStore
{
    private const string IncrementSql = """
        INSERT INTO rate_limit_counters (bucket, window_start, count) VALUES ($1, $2, $3)
        ON CONFLICT (bucket, window_start) DO UPDATE SET count = rate_limit_counters.count + EXCLUDED.count
        RETURNING count
        """;

    private const string SweepSql = "DELETE FROM rate_limit_counters WHERE window_start < $1";

    public async Task<long> AddAsync(string bucket, DateTimeOffset windowStart, long count, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(IncrementSql);
        command.Parameters.Add(new() { Value = bucket });
        command.Parameters.Add(new() { Value = windowStart });
        command.Parameters.Add(new() { Value = (int)count });
        var total = (long)(int)(await command.ExecuteScalarAsync(cancellationToken))!;

#pragma warning disable CA5394 // Not security-relevant: only decides which request sweeps old windows.
        if (Random.Shared.Next(1000) == 0)
#pragma warning restore CA5394
        {
            await using var sweep = dataSource.CreateCommand(SweepSql);
            sweep.Parameters.Add(new() { Value = windowStart.AddHours(-1) });
            await sweep.ExecuteNonQueryAsync(cancellationToken);
        }

        return total;
    }
}
