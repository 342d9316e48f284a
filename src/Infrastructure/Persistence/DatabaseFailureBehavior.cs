using Mediator;
using Webchats.Application.Common.Exceptions;

namespace Webchats.Infrastructure.Persistence;

/// <summary>
/// Translates the database failures of plain-Npgsql code that handlers reach — the read model's
/// readers on the data source and the change writer's statement on EF Core's connection — which
/// neither Npgsql nor EF Core offers a hook for (see <see cref="DatabaseFailures"/>). EF Core's own
/// queries and saves arrive here already translated by <see cref="DatabaseFailureExecutionStrategy"/>.
/// It is the innermost behaviour, so the other behaviours see only application exceptions.
/// </summary>
public sealed class DatabaseFailureBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ValueTask<TResponse> pending;
        try
        {
            pending = next(message, cancellationToken);
        }
        catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception))
        {
            throw new DatabaseUnavailableException(exception);
        }

        // A handler that finished at once needs no state machine of its own.
        return pending.IsCompletedSuccessfully ? pending : AwaitAsync(pending);
    }

    private static async ValueTask<TResponse> AwaitAsync(ValueTask<TResponse> pending)
    {
        try
        {
            return await pending;
        }
        catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception))
        {
            throw new DatabaseUnavailableException(exception);
        }
    }
}
