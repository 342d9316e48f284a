using FluentValidation;
using Webchats.Application.Common.Validation;
using Webchats.Application.Webchats.Common;

namespace Webchats.Application.Webchats.Commands.UpdateWebchat;

public sealed class UpdateWebchatCommandValidator : AbstractValidator<UpdateWebchatCommand>
{
    public UpdateWebchatCommandValidator()
    {
        RuleFor(command => command.Id).MustBeObjectId().OverridePropertyName("id");
        this.AddBodyRules(command => command.Body);
    }
}
