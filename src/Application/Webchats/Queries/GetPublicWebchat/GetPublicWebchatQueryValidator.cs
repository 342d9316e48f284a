using FluentValidation;
using Webchats.Application.Common.Validation;

namespace Webchats.Application.Webchats.Queries.GetPublicWebchat;

public sealed class GetPublicWebchatQueryValidator : AbstractValidator<GetPublicWebchatQuery>
{
    public GetPublicWebchatQueryValidator()
    {
        // The origin is not validated: any value that does not match an allowed origin is refused.
        RuleFor(query => query.Id).MustBeObjectId().OverridePropertyName("id");
    }
}
