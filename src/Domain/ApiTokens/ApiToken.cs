using Webchats.Domain.Common;
using Webchats.Domain.Webchats;

namespace Webchats.Domain.ApiTokens;

/// <summary>
/// A long-lived, revocable credential of one organization for back-office integrations. Only a
/// hash of its secret is kept; the secret itself is shown once, when the token is created.
/// </summary>
public sealed class ApiToken
{
    public const int NameMaxLength = WebchatFieldRules.NameMaxLength;

    private List<string> _scopes = [];

    // For EF Core materialisation only.
    private ApiToken()
    {
        Id = OrganizationId = CreatedBy = Name = string.Empty;
        SecretHash = [];
    }

    public string Id { get; private set; }
    public string OrganizationId { get; private set; }
    public string CreatedBy { get; private set; }
    public string Name { get; private set; }
    public IReadOnlyList<string> Scopes => _scopes;

    /// <summary>SHA-256 of the secret. The secret has 256 bits of entropy, so a fast hash is enough.</summary>
    public byte[] SecretHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public static ApiToken Create(
        string id, string organizationId, string createdBy, string name, IEnumerable<string> scopes,
        byte[] secretHash, DateTimeOffset now, DateTimeOffset? expiresAt)
    {
        var errors = new List<FieldError>();
        foreach (var (path, value) in new[] { ("id", id), ("organizationId", organizationId), ("createdBy", createdBy) })
        {
            if (!ObjectIds.IsValid(value))
            {
                errors.Add(new FieldError(path, "must be a 24-character lowercase hexadecimal id"));
            }
        }

        var normalizedName = NormalizeName(name);
        if (normalizedName.Error is { } nameError)
        {
            errors.Add(new FieldError("name", nameError));
        }

        if (secretHash.Length != 32)
        {
            errors.Add(new FieldError("secretHash", "must be a SHA-256 hash"));
        }

        if (expiresAt is { } expiry && expiry <= now)
        {
            errors.Add(new FieldError("expiresAt", "must be in the future"));
        }

        if (errors.Count > 0)
        {
            throw new DomainRuleViolationException(errors);
        }

        return new ApiToken
        {
            Id = id,
            OrganizationId = organizationId,
            CreatedBy = createdBy,
            Name = normalizedName.Value,
            _scopes = [.. scopes.Distinct(StringComparer.Ordinal)],
            SecretHash = secretHash,
            CreatedAt = Timestamps.ToStoredPrecision(now),
            ExpiresAt = expiresAt is { } e ? Timestamps.ToStoredPrecision(e) : null,
        };
    }

    /// <summary>How stale <see cref="LastUsedAt"/> may get: recording every use would add a write to every request.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Notes a use; true when <see cref="LastUsedAt"/> moved and should be stored.</summary>
    public bool RecordUse(DateTimeOffset now)
    {
        if (LastUsedAt is { } last && now - last < LastUsedResolution)
        {
            return false;
        }

        LastUsedAt = Timestamps.ToStoredPrecision(now);
        return true;
    }

    /// <summary>A token's name follows the rule of a webchat's name.</summary>
    public static Normalized<string> NormalizeName(string? name) => WebchatFieldRules.Name(name);

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } expiry || expiry > now);

    /// <summary>Revocation takes effect with the next request: every request looks the token up.</summary>
    public void Revoke(DateTimeOffset now) => RevokedAt ??= Timestamps.ToStoredPrecision(now);
}
