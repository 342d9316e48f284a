using FluentValidation;
using FluentValidation.Results;
using Webchats.Application.Webchats.Common;

namespace Webchats.Application.Webchats.Commands.CreateWebchat;

public sealed class CreateWebchatCommandValidator : AbstractValidator<CreateWebchatCommand>
{
    public CreateWebchatCommandValidator()
    {
        this.AddBodyRules(command => command.Body);
        RuleFor(command => command).Custom((command, context) =>
        {
            if (command.Body.Name.IsAbsent)
            {
                context.AddFailure(new ValidationFailure("name", "is required"));
            }
        });
    }
}
