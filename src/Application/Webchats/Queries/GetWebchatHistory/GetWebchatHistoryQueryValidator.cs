using FluentValidation;
using Webchats.Application.Common.Validation;
using Webchats.Application.Webchats.Queries.ListWebchats;

namespace Webchats.Application.Webchats.Queries.GetWebchatHistory;

public sealed class GetWebchatHistoryQueryValidator : AbstractValidator<GetWebchatHistoryQuery>
{
    public GetWebchatHistoryQueryValidator()
    {
        RuleFor(query => query.Id).MustBeObjectId().OverridePropertyName("id");
        RuleFor(query => query.Limit)
            .InclusiveBetween(1, ListWebchatsQuery.MaxLimit)
            .WithMessage($"must be between 1 and {ListWebchatsQuery.MaxLimit}")
            .OverridePropertyName("limit");
        RuleFor(query => query.Cursor)
            .Must(cursor => HistoryCursor.TryDecode(cursor, out _))
            .When(query => query.Cursor is not null)
            .WithMessage("is not a cursor this service handed out")
            .OverridePropertyName("cursor");
    }
}
