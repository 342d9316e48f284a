using Mediator;
using Webchats.Application.ApiTokens.Common;
using Webchats.Application.Common.Exceptions;
using Webchats.Application.Common.Interfaces;
using Webchats.Domain.ApiTokens;
using Webchats.Domain.Common;

namespace Webchats.Application.ApiTokens.Commands.CreateApiToken;

public sealed class CreateApiTokenCommandHandler(
    IApiTokenRepository tokens, IUnitOfWork unitOfWork, ObjectIdGenerator ids, TimeProvider time)
    : ICommandHandler<CreateApiTokenCommand, CreatedApiTokenDto>
{
    public async ValueTask<CreatedApiTokenDto> Handle(CreateApiTokenCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (command.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            throw new RequestValidationException([new FieldError("expiresAt", "must be in the future")]);
        }

        var secret = ApiTokenSecrets.NewSecret();
        var token = ApiToken.Create(
            ids.Next(now), command.Caller.OrganizationId, command.Caller.UserId, command.Name!, command.Scopes!,
            ApiTokenSecrets.Hash(secret), now, command.ExpiresAt);
        tokens.Add(token);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new CreatedApiTokenDto(token.ToDto(), ApiTokenSecrets.Format(token.Id, secret));
    }
}
