using FluentValidation;
using FluentValidation.Results;

namespace Webchats.Application.Webchats.Common;

/// <summary>FluentValidation glue: reports what was wrong with a webchat body, keyed by JSON path, with the message's other errors.</summary>
public static class WebchatBodyRules
{
    public static void AddBodyRules<T>(this AbstractValidator<T> validator, Func<T, WebchatPatch> body) =>
        validator.RuleFor(command => command).Custom((command, context) =>
        {
            foreach (var error in body(command).Errors)
            {
                context.AddFailure(new ValidationFailure(error.Path, error.Message));
            }
        });
}
