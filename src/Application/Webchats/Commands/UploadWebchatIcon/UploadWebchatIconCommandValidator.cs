using FluentValidation;
using Webchats.Application.Common.Validation;
using Webchats.Domain.Webchats;

namespace Webchats.Application.Webchats.Commands.UploadWebchatIcon;

public sealed class UploadWebchatIconCommandValidator : AbstractValidator<UploadWebchatIconCommand>
{
    public UploadWebchatIconCommandValidator()
    {
        RuleFor(command => command.Id).MustBeObjectId().OverridePropertyName("id");
        RuleFor(command => command.Content.Length)
            .InclusiveBetween(1, IconFormat.MaxBytes)
            .WithMessage($"must be between 1 byte and {IconFormat.MaxBytes} bytes")
            .OverridePropertyName("file");
        RuleFor(command => command.Content)
            .Custom((content, context) =>
            {
                if (IconFormat.Inspect(content.Span).Error is { } error)
                {
                    context.AddFailure("file", error);
                }
            })
            .When(command => command.Content.Length is > 0 and <= IconFormat.MaxBytes);
    }
}
