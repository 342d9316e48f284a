using FluentValidation;
using Webchats.Application.Common.Validation;

namespace Webchats.Application.ApiTokens.Commands.RevokeApiToken;

public sealed class RevokeApiTokenCommandValidator : AbstractValidator<RevokeApiTokenCommand>
{
    public RevokeApiTokenCommandValidator()
    {
        RuleFor(command => command.Id).MustBeObjectId().OverridePropertyName("id");
    }
}
