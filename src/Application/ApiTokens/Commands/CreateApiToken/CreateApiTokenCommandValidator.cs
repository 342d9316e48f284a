using FluentValidation;
using Webchats.Domain.ApiTokens;

namespace Webchats.Application.ApiTokens.Commands.CreateApiToken;

public sealed class CreateApiTokenCommandValidator : AbstractValidator<CreateApiTokenCommand>
{
    public CreateApiTokenCommandValidator()
    {
        RuleFor(command => command.Name)
            .Must(name => !string.IsNullOrWhiteSpace(name) && name.Trim().Length <= ApiToken.NameMaxLength)
            .WithMessage($"is required, 1 to {ApiToken.NameMaxLength} characters")
            .OverridePropertyName("name");
        RuleFor(command => command.Scopes)
            .Must(scopes => scopes is { Count: > 0 } && scopes.All(CreateApiTokenCommand.GrantableScopes.Contains))
            .WithMessage($"must be a non-empty list of: {string.Join(", ", CreateApiTokenCommand.GrantableScopes)}")
            .OverridePropertyName("scopes");
    }
}
