using Mediator;
using Webchats.Application.Common.Exceptions;
using Webchats.Application.Common.Interfaces;

namespace Webchats.Application.ApiTokens.Commands.RevokeApiToken;

/// <summary>Revokes a token of the caller's organization; revoking twice is harmless.</summary>
public sealed class RevokeApiTokenCommandHandler(IApiTokenRepository tokens, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<RevokeApiTokenCommand>
{
    public async ValueTask<Unit> Handle(RevokeApiTokenCommand command, CancellationToken cancellationToken)
    {
        var token = await tokens.FindAsync(command.Id, cancellationToken);
        if (token is null || token.OrganizationId != command.Caller.OrganizationId)
        {
            throw new NotFoundException("API token");
        }

        token.Revoke(time.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
