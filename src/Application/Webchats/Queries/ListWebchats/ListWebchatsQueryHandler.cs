using Mediator;
using Webchats.Application.Common.Interfaces;
using Webchats.Application.Common.Validation;

namespace Webchats.Application.Webchats.Queries.ListWebchats;

public sealed class ListWebchatsQueryHandler(IWebchatReadModel webchats)
    : IQueryHandler<ListWebchatsQuery, WebchatPage>
{
    public async ValueTask<WebchatPage> Handle(ListWebchatsQuery query, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? PagingRules.DefaultLimit;
        ListCursor.TryDecode(query.Cursor, out var after);

        // One extra row tells whether another page follows without a COUNT query.
        var rows = await webchats.ListAsync(query.Caller.OrganizationId, after, limit + 1, cancellationToken);
        if (rows.Count <= limit)
        {
            return new WebchatPage(rows, null);
        }

        var last = rows[limit - 1];
        return new WebchatPage(rows.Take(limit).ToList(), ListCursor.Encode(last.CreatedAt, last.Id));
    }
}
