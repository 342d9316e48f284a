using Mediator;
using Webchats.Application.Common.Exceptions;
using Webchats.Application.Common.Interfaces;
using Webchats.Application.Common.Validation;
using Webchats.Domain.Webchats;

namespace Webchats.Application.Webchats.Queries.GetWebchatHistory;

/// <summary>The audit trail of a live webchat of the caller's organization, newest first.</summary>
public sealed class GetWebchatHistoryQueryHandler(IWebchatReadModel webchats, IWebchatRevisionRepository revisions)
    : IQueryHandler<GetWebchatHistoryQuery, WebchatHistoryPage>
{
    public async ValueTask<WebchatHistoryPage> Handle(GetWebchatHistoryQuery query, CancellationToken cancellationToken)
    {
        _ = await webchats.FindAsync(query.Caller.OrganizationId, query.Id, cancellationToken)
            ?? throw new NotFoundException("webchat");

        var limit = query.Limit ?? PagingRules.DefaultLimit;
        long? before = HistoryCursor.TryDecode(query.Cursor, out var cursor) ? cursor : null;
        var rows = await revisions.ListAsync(query.Caller.OrganizationId, query.Id, before, limit + 1, cancellationToken);
        var page = rows.Take(limit).Select(ToDto).ToList();
        return new WebchatHistoryPage(page, rows.Count > limit ? HistoryCursor.Encode(rows[limit - 1].Version) : null);
    }

    private static WebchatRevisionDto ToDto(WebchatRevision revision) => new(
        revision.Version,
        revision.Kind.ToString().ToLowerInvariant(),
        revision.ChangedBy,
        revision.ChangedAt,
        revision.Changes.ToDictionary(change => change.Field, change => new FieldChangeDto(change.Old, change.New), StringComparer.Ordinal));
}
