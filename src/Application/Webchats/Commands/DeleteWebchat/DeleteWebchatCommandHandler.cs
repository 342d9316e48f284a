using Mediator;
using Webchats.Application.Common.Exceptions;
using Webchats.Application.Common.Interfaces;
using Webchats.Application.Webchats.Common;

namespace Webchats.Application.Webchats.Commands.DeleteWebchat;

/// <summary>
/// Soft delete: afterwards the webchat answers 404 everywhere, but its row is kept. Its icon is
/// released as a replaced one is: the object is deleted once the row without it is stored, so a
/// failed removal never loses the delete (it leaves an orphan object, logged).
/// </summary>
public sealed class DeleteWebchatCommandHandler(
    IWebchatRepository webchats, IUnitOfWork unitOfWork, IconCleanup cleanup, TimeProvider time)
    : ICommandHandler<DeleteWebchatCommand>
{
    public async ValueTask<Unit> Handle(DeleteWebchatCommand command, CancellationToken cancellationToken)
    {
        var webchat = await webchats.FindForUpdateAsync(command.Caller.OrganizationId, command.Id, cancellationToken)
            ?? throw new NotFoundException("webchat");
        Preconditions.EnsureIfMatch(command.IfMatch, webchat);
        var iconKey = webchat.Settings.IconKey;
        webchat.Delete(command.Caller.UserId, time.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await cleanup.ReleaseAsync(iconKey, webchat, cancellationToken);
        return Unit.Value;
    }
}
