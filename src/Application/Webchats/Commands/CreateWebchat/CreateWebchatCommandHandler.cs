using Mediator;
using Webchats.Application.Common.Interfaces;
using Webchats.Application.Webchats.Common;
using Webchats.Domain.Common;
using Webchats.Domain.Webchats;

namespace Webchats.Application.Webchats.Commands.CreateWebchat;

public sealed class CreateWebchatCommandHandler(
    IWebchatRepository webchats,
    IUnitOfWork unitOfWork,
    WebchatPatchResolver resolver,
    IIconStorage icons,
    ObjectIdGenerator ids,
    TimeProvider time) : ICommandHandler<CreateWebchatCommand, WebchatResult>
{
    public async ValueTask<WebchatResult> Handle(CreateWebchatCommand command, CancellationToken cancellationToken)
    {
        var settings = await resolver.ResolveAsync(command.Body, command.Caller, stored: null, cancellationToken);
        var now = time.GetUtcNow();
        var webchat = Webchat.Create(ids.Next(now), command.Caller.OrganizationId, command.Caller.UserId, settings, now);
        webchats.Add(webchat);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return webchat.ToResult(icons);
    }
}
