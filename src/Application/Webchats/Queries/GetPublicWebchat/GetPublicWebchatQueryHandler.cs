using Mediator;
using Webchats.Application.Common.Exceptions;
using Webchats.Application.Common.Interfaces;
using Webchats.Domain.Webchats;

namespace Webchats.Application.Webchats.Queries.GetPublicWebchat;

/// <summary>
/// Finds a live, enabled webchat by id alone and decides whether the requesting page may read it
/// (docs/adr/0004-browser-access-cors-and-public-config.md).
/// </summary>
public sealed class GetPublicWebchatQueryHandler(IWebchatRepository webchats, IIconStorage icons)
    : IQueryHandler<GetPublicWebchatQuery, PublicWebchatResult>
{
    public async ValueTask<PublicWebchatResult> Handle(GetPublicWebchatQuery query, CancellationToken cancellationToken)
    {
        // Missing, deleted and disabled are one answer: a page cannot tell them apart.
        var webchat = await webchats.FindPublishedAsync(query.Id, cancellationToken)
            ?? throw new NotFoundException("webchat");

        var settings = webchat.Settings;
        var access = Decide(settings.AllowedDomains, query.Origin);
        return access == OriginAccess.Refused
            ? PublicWebchatResult.Refused
            : new PublicWebchatResult(access, new PublicWebchatDto(webchat.Id, settings, icons.SignedUrlOrNull(settings.IconKey)));
    }

    /// <summary>
    /// An empty list lets every page embed the widget. Otherwise a request with an <c>Origin</c>
    /// must match an entry (wildcards per api.md §4), and a request without one (curl, a
    /// server-side renderer; browsers always send it on cross-origin fetches) is answered without
    /// any CORS grant, so no browser page can use that answer.
    /// </summary>
    public static OriginAccess Decide(IReadOnlyList<string> allowedDomains, string? origin)
    {
        if (allowedDomains.Count == 0)
        {
            return OriginAccess.AnyOrigin;
        }

        if (origin is null)
        {
            return OriginAccess.NoOrigin;
        }

        // Stored entries were normalised when they were written; the request's origin is
        // normalised once here, so each entry is a plain comparison.
        if (AllowedOrigins.NormalizeRequestOrigin(origin) is not { } request)
        {
            return OriginAccess.Refused;
        }

        foreach (var allowed in allowedDomains)
        {
            if (AllowedOrigins.MatchesNormalized(allowed, request))
            {
                return OriginAccess.MatchedOrigin;
            }
        }

        return OriginAccess.Refused;
    }
}
