using FluentValidation;
using Mediator;
using Webchats.Application.Common.Exceptions;
using Webchats.Domain.Common;

namespace Webchats.Application.Common.Behaviors;

/// <summary>Runs every FluentValidation validator of a message and reports all their errors together.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        List<FieldError>? errors = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            foreach (var failure in result.Errors)
            {
                (errors ??= []).Add(new FieldError(failure.PropertyName, failure.ErrorMessage));
            }
        }

        return errors is null ? await next(message, cancellationToken) : throw new RequestValidationException(errors);
    }
}
