using Mediator;
using Microsoft.Extensions.Logging;

namespace Webchats.Application.Common.Behaviors;

/// <summary>
/// Logs each message's name, outcome and duration. Message contents are never logged: they may
/// carry personal data.
/// </summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger, TimeProvider time)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string MessageName = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
            LogHandled(MessageName, elapsed);
            return response;
        }
        catch (Exception exception)
        {
            var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
            var outcome = exception.GetType().Name;
            LogFailed(MessageName, outcome, elapsed);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handled {MessageName} in {ElapsedMilliseconds:0.0} ms")]
    private partial void LogHandled(string messageName, double elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{MessageName} ended with {Outcome} after {ElapsedMilliseconds:0.0} ms")]
    private partial void LogFailed(string messageName, string outcome, double elapsedMilliseconds);
}
