using FluentValidation;
using Webchats.Application.Common.Validation;

namespace Webchats.Application.Webchats.Queries.ListWebchats;

public sealed class ListWebchatsQueryValidator : AbstractValidator<ListWebchatsQuery>
{
    public ListWebchatsQueryValidator() =>
        this.AddPagingRules(query => query.Limit, query => query.Cursor, cursor => ListCursor.TryDecode(cursor, out _));
}
