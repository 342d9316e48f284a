namespace Webchats.Infrastructure.Idempotency;

/// <summary>Row of <c>idempotency_records</c>; written with SQL by <see cref="IdempotencyStore"/>, mapped for migrations.</summary>
public sealed class IdempotencyRecord
{
    public required string OrganizationId { get; init; }
    public required string Key { get; init; }
    public required byte[] Fingerprint { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public int? StatusCode { get; init; }
    public string? ContentType { get; init; }
    public byte[]? Body { get; init; }
    public string? Location { get; init; }
    public string? ETag { get; init; }
}
