using FluentValidation;
using Mediator;
using Webchats.Application.Common.Exceptions;
using Webchats.Domain.Common;

namespace Webchats.Application.Common.Behaviors;

/// <summary>
/// Runs every FluentValidation validator of a message and reports all their errors together. The
/// validators are pure checks of the message (no I/O), so they run synchronously: no task per
/// message. FluentValidation refuses to run an async rule synchronously, so one added later fails
/// loudly in the tests instead of being skipped.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        List<FieldError>? errors = null;
        foreach (var validator in validators)
        {
            var result = validator.Validate(message);
            foreach (var failure in result.Errors)
            {
                (errors ??= []).Add(new FieldError(failure.PropertyName, failure.ErrorMessage));
            }
        }

        return errors is null ? next(message, cancellationToken) : throw new RequestValidationException(errors);
    }
}
