using Npgsql;
using NpgsqlTypes;
using Webchats.Infrastructure.Persistence;

namespace Webchats.Infrastructure.Idempotency;

/// <summary>A response kept for replay to a retried request with the same <c>Idempotency-Key</c>.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, byte[] Body, string? Location, string? ETag);

public enum IdempotencyOutcome
{
    /// <summary>The key is new (or expired): run the request and then complete or abandon it.</summary>
    Started,

    /// <summary>The same request already completed: answer with its stored response.</summary>
    Replay,

    /// <summary>The key was used for a different request (422).</summary>
    FingerprintMismatch,

    /// <summary>The same request is still running elsewhere (409, retry shortly).</summary>
    InProgress,
}

public sealed record IdempotencyBegin(IdempotencyOutcome Outcome, StoredResponse? Response);

/// <summary>
/// Idempotency keys per organization in PostgreSQL, kept for <see cref="Retention"/>, so every API
/// replica sees the same keys. The claim of a key is one atomic INSERT … ON CONFLICT, so of two
/// concurrent requests with one key exactly one runs. Only the Api's idempotency filter uses it, so
/// it lives here next to its table, not behind an Application port.
/// </summary>
public sealed class IdempotencyStore(NpgsqlDataSource dataSource)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>A started request that never completed (a crash) frees its key after this long.</summary>
    public static readonly TimeSpan AbandonAfter = TimeSpan.FromMinutes(2);

    // Takes the key when it is new, expired, or held by a request that started long ago and never
    // completed; otherwise leaves the row alone and returns nothing.
    private const string ClaimSql = """
        INSERT INTO idempotency_records (organization_id, key, fingerprint, created_at)
        VALUES ($1, $2, $3, $4)
        ON CONFLICT (organization_id, key) DO UPDATE
        SET fingerprint = EXCLUDED.fingerprint, created_at = EXCLUDED.created_at,
            status_code = NULL, content_type = NULL, body = NULL, location = NULL, etag = NULL
        WHERE idempotency_records.created_at < $5
           OR (idempotency_records.status_code IS NULL AND idempotency_records.created_at < $6)
        RETURNING 1
        """;

    private const string ReadSql = """
        SELECT fingerprint, status_code, content_type, body, location, etag
        FROM idempotency_records WHERE organization_id = $1 AND key = $2
        """;

    private const string CompleteSql = """
        UPDATE idempotency_records SET status_code = $3, content_type = $4, body = $5, location = $6, etag = $7
        WHERE organization_id = $1 AND key = $2
        """;

    private const string AbandonSql = "DELETE FROM idempotency_records WHERE organization_id = $1 AND key = $2 AND status_code IS NULL";

    // Called by the Api directly, not through a handler: translates its own database failures (DatabaseFailures).
    public Task<IdempotencyBegin> BeginAsync(
        string organizationId, string key, byte[] fingerprint, DateTimeOffset now, CancellationToken cancellationToken) =>
        DatabaseFailures.TranslateAsync(ClaimOrReadAsync(organizationId, key, fingerprint, now, cancellationToken));

    public Task CompleteAsync(string organizationId, string key, StoredResponse response, CancellationToken cancellationToken) =>
        DatabaseFailures.TranslateAsync(StoreResponseAsync(organizationId, key, response, cancellationToken));

    public Task AbandonAsync(string organizationId, string key, CancellationToken cancellationToken) =>
        DatabaseFailures.TranslateAsync(DeleteStartedAsync(organizationId, key, cancellationToken));

    private async Task<IdempotencyBegin> ClaimOrReadAsync(
        string organizationId, string key, byte[] fingerprint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var claim = dataSource.CreateCommand(ClaimSql))
        {
            claim.Parameters.Add(new() { Value = organizationId });
            claim.Parameters.Add(new() { Value = key });
            claim.Parameters.Add(new() { Value = fingerprint, NpgsqlDbType = NpgsqlDbType.Bytea });
            claim.Parameters.Add(new() { Value = now });
            claim.Parameters.Add(new() { Value = now - Retention });
            claim.Parameters.Add(new() { Value = now - AbandonAfter });
            if (await claim.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return new IdempotencyBegin(IdempotencyOutcome.Started, null);
            }
        }

        await using var read = dataSource.CreateCommand(ReadSql);
        read.Parameters.Add(new() { Value = organizationId });
        read.Parameters.Add(new() { Value = key });
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            // Abandoned and deleted between our two statements: the caller may simply retry.
            return new IdempotencyBegin(IdempotencyOutcome.InProgress, null);
        }

        if (!reader.GetFieldValue<byte[]>(0).AsSpan().SequenceEqual(fingerprint))
        {
            return new IdempotencyBegin(IdempotencyOutcome.FingerprintMismatch, null);
        }

        if (await reader.IsDBNullAsync(1, cancellationToken))
        {
            return new IdempotencyBegin(IdempotencyOutcome.InProgress, null);
        }

        return new IdempotencyBegin(IdempotencyOutcome.Replay, new StoredResponse(
            reader.GetInt32(1),
            await reader.IsDBNullAsync(2, cancellationToken) ? null : reader.GetString(2),
            await reader.IsDBNullAsync(3, cancellationToken) ? [] : reader.GetFieldValue<byte[]>(3),
            await reader.IsDBNullAsync(4, cancellationToken) ? null : reader.GetString(4),
            await reader.IsDBNullAsync(5, cancellationToken) ? null : reader.GetString(5)));
    }

    private async Task StoreResponseAsync(string organizationId, string key, StoredResponse response, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(CompleteSql);
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = response.StatusCode });
        command.Parameters.Add(new() { Value = (object?)response.ContentType ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = response.Body, NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new() { Value = (object?)response.Location ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)response.ETag ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task DeleteStartedAsync(string organizationId, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(AbandonSql);
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = key });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
