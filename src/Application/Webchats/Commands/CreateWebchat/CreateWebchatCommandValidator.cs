using FluentValidation;
using FluentValidation.Results;
using Webchats.Application.Webchats.Common;
using Webchats.Domain.Webchats;

namespace Webchats.Application.Webchats.Commands.CreateWebchat;

public sealed class CreateWebchatCommandValidator : AbstractValidator<CreateWebchatCommand>
{
    private static readonly WebchatField Name = WebchatFields.Of(nameof(WebchatSettings.Name));

    public CreateWebchatCommandValidator()
    {
        this.AddBodyRules(command => command.Body);
        RuleFor(command => command).Custom((command, context) =>
        {
            if (!command.Body.Values.ContainsKey(Name) && !command.Body.Errors.Any(error => error.Path == Name.Name))
            {
                context.AddFailure(new ValidationFailure(Name.Name, "is required"));
            }
        });
    }
}
