using FluentValidation;
using Webchats.Application.Common.Validation;

namespace Webchats.Application.Webchats.Queries.GetWebchat;

public sealed class GetWebchatQueryValidator : AbstractValidator<GetWebchatQuery>
{
    public GetWebchatQueryValidator()
    {
        RuleFor(query => query.Id).MustBeObjectId().OverridePropertyName("id");
    }
}
