using Webchats.Domain.Common;

namespace Webchats.Application.Common.Exceptions;

/// <summary>The request broke one or more rules; every error of the request is in <see cref="Errors"/>.</summary>
public sealed class RequestValidationException(IReadOnlyList<FieldError> errors)
    : Exception("One or more validation errors occurred.")
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
