using Webchats.Domain.ApiTokens;

namespace Webchats.Application.Common.Interfaces;

public interface IApiTokenRepository
{
    /// <summary>A token by id, tracked (authentication may record its use).</summary>
    Task<ApiToken?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>The organization's tokens, newest first, revoked ones included.</summary>
    Task<IReadOnlyList<ApiToken>> ListAsync(string organizationId, CancellationToken cancellationToken);

    /// <summary>How many of the organization's tokens are neither revoked nor expired at <paramref name="now"/>.</summary>
    Task<int> CountLiveAsync(string organizationId, DateTimeOffset now, CancellationToken cancellationToken);

    void Add(ApiToken token);
}
