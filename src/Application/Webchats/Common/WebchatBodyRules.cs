using FluentValidation;
using FluentValidation.Results;

namespace Webchats.Application.Webchats.Common;

/// <summary>FluentValidation glue: reports the request-only rules of a body, keyed by JSON path.</summary>
public static class WebchatBodyRules
{
    public static void AddBodyRules<T>(this AbstractValidator<T> validator, Func<T, WebchatPatch> body)
    {
        validator.RuleFor(command => command).Custom((command, context) =>
        {
            foreach (var error in WebchatPatchFields.Validate(body(command)))
            {
                context.AddFailure(new ValidationFailure(error.Path, error.Message));
            }
        });
    }
}
