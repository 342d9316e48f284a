using Mediator;
using Webchats.Application.Common.Exceptions;
using Webchats.Application.Common.Interfaces;

namespace Webchats.Application.Webchats.Queries.GetPublicWebchat;

/// <summary>
/// Finds a live, enabled webchat by id alone (docs/adr/0004-browser-access-cors-and-public-config.md);
/// which page may read it is decided per request by <see cref="PublicOrigins"/>.
/// </summary>
public sealed class GetPublicWebchatQueryHandler(IWebchatRepository webchats, IIconStorage icons)
    : IQueryHandler<GetPublicWebchatQuery, PublishedWebchat>
{
    public async ValueTask<PublishedWebchat> Handle(GetPublicWebchatQuery query, CancellationToken cancellationToken)
    {
        // Missing, deleted and disabled are one answer: a page cannot tell them apart.
        var webchat = await webchats.FindPublishedAsync(query.Id, query.MayLag, cancellationToken)
            ?? throw new NotFoundException("webchat");

        var settings = webchat.Settings;
        return new PublishedWebchat(
            new PublicWebchatDto(webchat.Id, settings, icons.SignedUrlOrNull(settings.IconKey)),
            webchat.Version,
            PublicOrigins.From(settings.AllowedDomains));
    }
}
