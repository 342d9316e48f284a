using Mediator;
using Webchats.Application.Common.Interfaces;
using Webchats.Application.Common.Validation;
using Webchats.Application.Webchats.Common;

namespace Webchats.Application.Webchats.Queries.ListWebchats;

public sealed class ListWebchatsQueryHandler(IWebchatRepository webchats, IIconStorage icons)
    : IQueryHandler<ListWebchatsQuery, WebchatPage>
{
    public async ValueTask<WebchatPage> Handle(ListWebchatsQuery query, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? PagingRules.DefaultLimit;
        ListCursor.TryDecode(query.Cursor, out var after);

        // One extra row tells whether another page follows without a COUNT query.
        var rows = await webchats.ListAsync(query.Caller.OrganizationId, after, limit + 1, cancellationToken);
        var page = rows.Take(limit).Select(w => w.ToResult(icons).Webchat).ToList();
        var last = rows.Count > limit ? rows[limit - 1] : null;
        return new WebchatPage(page, last is null ? null : ListCursor.Encode(last.CreatedAt, last.Id));
    }
}
