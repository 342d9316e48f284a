using Webchats.Application.Common.Interfaces;
using Webchats.Domain.ApiTokens;

namespace Webchats.Application.ApiTokens.Common;

/// <summary>
/// Checks a presented API token on every request (so revocation and expiry take effect at once)
/// and records its use at most once per <see cref="ApiToken.LastUsedResolution"/>.
/// </summary>
public sealed class ApiTokenAuthenticator(IApiTokenRepository tokens, IUnitOfWork unitOfWork, TimeProvider time)
{
    public async Task<ApiToken?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (!ApiTokenSecrets.TryParse(presented, out var id, out var secret))
        {
            return null;
        }

        var token = await tokens.FindAsync(id, cancellationToken);
        var now = time.GetUtcNow();

        // Hash even when the id is unknown, so a miss costs the same time as a wrong secret.
        var matches = ApiTokenSecrets.Matches(secret, token?.SecretHash ?? new byte[32]);
        if (token is null || !matches || !token.IsActive(now))
        {
            return null;
        }

        if (token.RecordUse(now))
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }

        return token;
    }
}
