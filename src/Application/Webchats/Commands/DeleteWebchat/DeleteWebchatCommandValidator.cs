using FluentValidation;
using Webchats.Application.Common.Validation;

namespace Webchats.Application.Webchats.Commands.DeleteWebchat;

public sealed class DeleteWebchatCommandValidator : AbstractValidator<DeleteWebchatCommand>
{
    public DeleteWebchatCommandValidator()
    {
        RuleFor(command => command.Id).MustBeObjectId().OverridePropertyName("id");
    }
}
