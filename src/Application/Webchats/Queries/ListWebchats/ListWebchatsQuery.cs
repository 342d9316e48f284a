using Mediator;
using Webchats.Application.Common.Models;
using Webchats.Application.Webchats.Common;

namespace Webchats.Application.Webchats.Queries.ListWebchats;

/// <param name="Limit">Page size, 1–100; 20 when null.</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page; null for the first page.</param>
public sealed record ListWebchatsQuery(Caller Caller, int? Limit, string? Cursor) : IQuery<WebchatPage>;

public sealed record WebchatPage(IReadOnlyList<WebchatDto> Data, string? NextCursor);
