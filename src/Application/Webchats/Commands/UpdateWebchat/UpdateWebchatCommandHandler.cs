using Mediator;
using Webchats.Application.Common.Exceptions;
using Webchats.Application.Common.Interfaces;
using Webchats.Application.Webchats.Common;

namespace Webchats.Application.Webchats.Commands.UpdateWebchat;

/// <summary>Patch-style update (api.md §3): absent fields stay, present ones are set, a no-op writes nothing.</summary>
public sealed class UpdateWebchatCommandHandler(
    IWebchatRepository webchats,
    IUnitOfWork unitOfWork,
    WebchatPatchResolver resolver,
    IIconStorage icons,
    IconCleanup cleanup,
    TimeProvider time) : ICommandHandler<UpdateWebchatCommand, WebchatResult>
{
    public async ValueTask<WebchatResult> Handle(UpdateWebchatCommand command, CancellationToken cancellationToken)
    {
        var webchat = await webchats.FindForUpdateAsync(command.Caller.OrganizationId, command.Id, cancellationToken)
            ?? throw new NotFoundException("webchat");
        Preconditions.EnsureIfMatch(command.IfMatch, webchat);

        var next = await resolver.ResolveAsync(command.Body, command.Caller, webchat, cancellationToken);
        var previousIconKey = webchat.Settings.IconKey;
        var changed = webchat.Update(next, command.Caller.UserId, time.GetUtcNow());
        if (changed.Count > 0)
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
            await cleanup.ReleaseAsync(previousIconKey, webchat, cancellationToken);
        }

        return webchat.ToResult(icons);
    }
}
