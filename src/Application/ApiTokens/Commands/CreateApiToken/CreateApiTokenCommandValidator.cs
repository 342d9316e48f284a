using FluentValidation;
using FluentValidation.Results;
using Webchats.Domain.ApiTokens;

namespace Webchats.Application.ApiTokens.Commands.CreateApiToken;

public sealed class CreateApiTokenCommandValidator : AbstractValidator<CreateApiTokenCommand>
{
    public CreateApiTokenCommandValidator()
    {
        // The same rule as a webchat's name: trimmed, 1–120 characters, no control characters
        // (PostgreSQL cannot store NUL, and a name is shown on one line).
        RuleFor(command => command).Custom((command, context) =>
        {
            if (ApiToken.NormalizeName(command.Name).Error is { } error)
            {
                context.AddFailure(new ValidationFailure("name", error));
            }
        });
        RuleFor(command => command.Scopes)
            .Must(scopes => scopes is { Count: > 0 } && scopes.All(CreateApiTokenCommand.GrantableScopes.Contains))
            .WithMessage($"must be a non-empty list of: {string.Join(", ", CreateApiTokenCommand.GrantableScopes)}")
            .OverridePropertyName("scopes");
    }
}
