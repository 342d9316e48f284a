using Mediator;
using Webchats.Application.ApiTokens.Common;
using Webchats.Application.Common.Exceptions;
using Webchats.Application.Common.Interfaces;
using Webchats.Domain.ApiTokens;
using Webchats.Domain.Common;

namespace Webchats.Application.ApiTokens.Commands.CreateApiToken;

public sealed class CreateApiTokenCommandHandler(
    IApiTokenRepository tokens, IUnitOfWork unitOfWork, ObjectIdGenerator ids, TimeProvider time, ApiTokenLimits limits)
    : ICommandHandler<CreateApiTokenCommand, CreatedApiTokenDto>
{
    public async ValueTask<CreatedApiTokenDto> Handle(CreateApiTokenCommand command, CancellationToken cancellationToken)
    {
        // A token holds at most what its creator holds, so minting one never widens access.
        var missing = command.Scopes!.Where(scope => !command.HeldScopes.Contains(scope)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new ForbiddenException($"A token can only be granted scopes the caller holds; missing: {string.Join(", ", missing)}.");
        }

        var now = time.GetUtcNow();
        var expiresAt = command.ExpiresAt ?? now + limits.DefaultLifetime;
        if (expiresAt <= now)
        {
            throw new RequestValidationException([new FieldError("expiresAt", "must be in the future")]);
        }

        if (expiresAt > now + limits.MaxLifetime)
        {
            throw new RequestValidationException([new FieldError("expiresAt", $"must be at most {limits.MaxLifetime.TotalDays:0} days ahead")]);
        }

        if (await tokens.CountLiveAsync(command.Caller.OrganizationId, now, cancellationToken) >= limits.MaxLiveTokensPerOrganization)
        {
            throw new LimitReachedException(
                $"The organization already holds {limits.MaxLiveTokensPerOrganization} live API tokens; revoke one before creating another.");
        }

        var secret = ApiTokenSecrets.NewSecret();
        var token = ApiToken.Create(
            ids.Next(now), command.Caller.OrganizationId, command.Caller.UserId, command.Name!, command.Scopes!,
            ApiTokenSecrets.Hash(secret), now, expiresAt);
        tokens.Add(token);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new CreatedApiTokenDto(token.ToDto(), ApiTokenSecrets.Format(token.Id, secret));
    }
}
