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
/// Idempotency keys per organization, kept for <see cref="Retention"/>. Only the Api's idempotency
/// filter uses them, so the contract is Infrastructure's (next to its PostgreSQL table), not an
/// Application port.
/// </summary>
public interface IIdempotencyStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>A started request that never completed (a crash) frees its key after this long.</summary>
    public static readonly TimeSpan AbandonAfter = TimeSpan.FromMinutes(2);

    Task<IdempotencyBegin> BeginAsync(string organizationId, string key, byte[] fingerprint, DateTimeOffset now, CancellationToken cancellationToken);

    Task CompleteAsync(string organizationId, string key, StoredResponse response, CancellationToken cancellationToken);

    Task AbandonAsync(string organizationId, string key, CancellationToken cancellationToken);
}
