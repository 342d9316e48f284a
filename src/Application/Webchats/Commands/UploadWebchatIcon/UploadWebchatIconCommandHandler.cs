using System.Security.Cryptography;
using Mediator;
using Webchats.Application.Common.Exceptions;
using Webchats.Application.Common.Interfaces;
using Webchats.Application.Webchats.Common;
using Webchats.Domain.Webchats;

namespace Webchats.Application.Webchats.Commands.UploadWebchatIcon;

/// <summary>
/// Stores the file first, then points the webchat at it, then deletes the icon it replaced: at no
/// moment does the webchat name an object that is not there.
/// </summary>
public sealed class UploadWebchatIconCommandHandler(
    IWebchatRepository webchats,
    IUnitOfWork unitOfWork,
    IIconStorage icons,
    IconCleanup cleanup,
    TimeProvider time) : ICommandHandler<UploadWebchatIconCommand, WebchatResult>
{
    public async ValueTask<WebchatResult> Handle(UploadWebchatIconCommand command, CancellationToken cancellationToken)
    {
        var webchat = await webchats.FindForUpdateAsync(command.Caller.OrganizationId, command.Id, cancellationToken)
            ?? throw new NotFoundException("webchat");

        // The validator has checked the format; the content hash makes the key change with the file,
        // so a new upload never overwrites an object a cached URL still points at.
        var format = IconFormat.Detect(command.Content.Span)!;
        var hash = Convert.ToHexStringLower(SHA256.HashData(command.Content.Span))[..16];
        var key = IconReferences.KeyFor(webchat.OrganizationId, webchat.Id, hash, format.Extension);
        await icons.PutAsync(key, command.Content, format.ContentType, cancellationToken);

        var previousKey = webchat.Settings.IconKey;
        var changed = webchat.Update(webchat.Settings with { IconKey = key }, command.Caller.UserId, time.GetUtcNow());
        if (changed.Count > 0)
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }

        await cleanup.ReleaseAsync(previousKey, webchat, cancellationToken);
        return webchat.ToResult(icons);
    }
}
