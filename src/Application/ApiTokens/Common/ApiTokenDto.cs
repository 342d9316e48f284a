using Riok.Mapperly.Abstractions;
using Webchats.Domain.ApiTokens;

namespace Webchats.Application.ApiTokens.Common;

/// <summary>An API token as listed: never its secret or hash.</summary>
public sealed record ApiTokenDto(
    string Id,
    string OrganizationId,
    string CreatedBy,
    string Name,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt);

/// <summary>A newly created token: the only time <see cref="Token"/> (with its secret) is shown.</summary>
public sealed record CreatedApiTokenDto(ApiTokenDto ApiToken, string Token);

[Mapper]
public static partial class ApiTokenMapper
{
    [MapperIgnoreSource(nameof(ApiToken.SecretHash))]
    public static partial ApiTokenDto ToDto(this ApiToken token);
}
