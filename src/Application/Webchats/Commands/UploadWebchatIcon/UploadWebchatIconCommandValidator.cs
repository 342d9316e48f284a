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
            .Must(content => IconFormat.Detect(content.Span) is not null)
            .When(command => command.Content.Length is > 0 and <= IconFormat.MaxBytes)
            .WithMessage("must be a PNG, JPEG, WebP, GIF or ICO image (told from its bytes); SVG, HTML and files carrying markup are refused")
            .OverridePropertyName("file");
    }
}
