using Mediator;
using Webchats.Application.Common.Exceptions;
using Webchats.Application.Common.Interfaces;
using Webchats.Application.Webchats.Common;

namespace Webchats.Application.Webchats.Commands.DeleteWebchat;

/// <summary>Soft delete: afterwards the webchat answers 404 everywhere, but its row is kept.</summary>
public sealed class DeleteWebchatCommandHandler(
    IWebchatRepository webchats, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<DeleteWebchatCommand>
{
    public async ValueTask<Unit> Handle(DeleteWebchatCommand command, CancellationToken cancellationToken)
    {
        var webchat = await webchats.FindForUpdateAsync(command.Caller.OrganizationId, command.Id, cancellationToken)
            ?? throw new NotFoundException("webchat");
        Preconditions.EnsureIfMatch(command.IfMatch, webchat);
        webchat.Delete(command.Caller.UserId, time.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
