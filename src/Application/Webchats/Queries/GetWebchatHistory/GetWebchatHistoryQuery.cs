using Mediator;
using Webchats.Application.Common.Models;

namespace Webchats.Application.Webchats.Queries.GetWebchatHistory;

/// <param name="Limit">Page size, 1–100; 20 when null.</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
public sealed record GetWebchatHistoryQuery(Caller Caller, string Id, int? Limit, string? Cursor) : IQuery<WebchatHistoryPage>;

/// <summary>
/// One revision as the API shows it: <c>revision</c> is the webchat's version the change produced
/// (its ETag), <c>changes</c> maps each changed field to its old and new value.
/// </summary>
public sealed record WebchatRevisionDto(
    long Revision,
    string Kind,
    string ChangedBy,
    DateTimeOffset ChangedAt,
    IReadOnlyDictionary<string, FieldChangeDto> Changes);

public sealed record FieldChangeDto(object? Old, object? New);

public sealed record WebchatHistoryPage(IReadOnlyList<WebchatRevisionDto> Data, string? NextCursor);
