using FluentValidation;

namespace Webchats.Application.Webchats.Queries.ListWebchats;

public sealed class ListWebchatsQueryValidator : AbstractValidator<ListWebchatsQuery>
{
    public ListWebchatsQueryValidator()
    {
        RuleFor(query => query.Limit)
            .InclusiveBetween(1, ListWebchatsQuery.MaxLimit)
            .WithMessage($"must be between 1 and {ListWebchatsQuery.MaxLimit}")
            .OverridePropertyName("limit");
        RuleFor(query => query.Cursor)
            .Must(cursor => ListCursor.TryDecode(cursor, out _))
            .When(query => query.Cursor is not null)
            .WithMessage("is not a cursor this service handed out")
            .OverridePropertyName("cursor");
    }
}
