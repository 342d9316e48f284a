using FluentValidation;
using Webchats.Application.Common.Validation;

namespace Webchats.Application.Webchats.Queries.GetWebchatHistory;

public sealed class GetWebchatHistoryQueryValidator : AbstractValidator<GetWebchatHistoryQuery>
{
    public GetWebchatHistoryQueryValidator()
    {
        RuleFor(query => query.Id).MustBeObjectId().OverridePropertyName("id");
        this.AddPagingRules(query => query.Limit, query => query.Cursor, cursor => HistoryCursor.TryDecode(cursor, out _));
    }
}
