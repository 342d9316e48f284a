using Mediator;
using Microsoft.Extensions.Logging;
using Webchats.Application.Common.Exceptions;
using Webchats.Application.Common.Interfaces;

namespace Webchats.Application.Common.Behaviors;

/// <summary>Marks a command whose handler can simply run again, on fresh rows, after a write conflict.</summary>
public interface IRetryOnConcurrencyConflict;

/// <summary>
/// The unit-of-work boundary for concurrent writers: when another request changed the row between
/// our read and our write, forget what was loaded and run the handler again, so a patch is applied
/// to the newest row and never overwrites a field it did not send (no lost update).
/// </summary>
public sealed partial class ConcurrencyRetryBehavior<TMessage, TResponse>(
    IUnitOfWork unitOfWork, TimeProvider time, ILogger<ConcurrencyRetryBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IBaseCommand // queries never get it, nor the unit of work (a pooled DbContext) it needs
{
    /// <summary>Each round of conflicts lets one writer through, so this bounds the writers one row can take at once; past it, 409.</summary>
    public const int MaxAttempts = 50;

    private static readonly string MessageName = typeof(TMessage).Name;

    // Other commands pass straight through, without a state machine of their own.
    public ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        message is IRetryOnConcurrencyConflict ? HandleWithRetriesAsync(message, next, cancellationToken) : next(message, cancellationToken);

    private async ValueTask<TResponse> HandleWithRetriesAsync(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next(message, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                LogRetry(MessageName, attempt);
                unitOfWork.DiscardChanges();

                // A short, random pause spreads the retrying writers out instead of colliding again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 2 + Math.Min(attempt, 10))), time, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{MessageName} hit a write conflict on attempt {Attempt}; retrying on fresh rows")]
    private partial void LogRetry(string messageName, int attempt);
}
