using Microsoft.AspNetCore.Diagnostics;
using Webchats.Application.Common.Exceptions;

namespace Webchats.Api.Errors;

/// <summary>
/// Turns every exception that escapes a request into an RFC 9457 problem. Messages are written
/// here, for API clients; no stack trace, type name or SQL ever reaches a response.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    /// <summary>Seconds a client should wait before retrying while the database is unavailable.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            return true;
        }

        var problem = exception switch
        {
            RequestValidationException validation => Problems.Validation(validation.Errors),
            NotFoundException e => Problems.Create(StatusCodes.Status404NotFound, e.Message),
            ForbiddenException e => Problems.Create(StatusCodes.Status403Forbidden, e.Message),
            LimitReachedException e => Problems.Create(StatusCodes.Status409Conflict, e.Message),
            PreconditionFailedException e => Problems.Create(StatusCodes.Status412PreconditionFailed, e.Message),
            ConcurrencyConflictException => Problems.Create(StatusCodes.Status409Conflict, "Too many concurrent changes to this webchat; retry the request."),
            RequestBodyTooLargeException e => Problems.Create(StatusCodes.Status413PayloadTooLarge, e.Message),
            BadHttpRequestException e => Problems.Create(e.StatusCode, e.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                StatusCodes.Status408RequestTimeout => "The request body did not arrive in time.",
                _ => "The request could not be read: its body is cut short or its HTTP framing is malformed.",
            }),
            DatabaseUnavailableException => Problems.Create(StatusCodes.Status503ServiceUnavailable, "The database is unavailable; retry shortly."),
            _ => null,
        };

        if (problem is null)
        {
            LogUnhandled(exception);
            problem = Problems.Create(StatusCodes.Status500InternalServerError, "An unexpected error occurred. The trace id identifies it in our logs.");
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            LogUnavailable(exception.InnerException?.GetType().Name ?? exception.GetType().Name);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private partial void LogUnhandled(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable ({ExceptionType}); answering 503")]
    private partial void LogUnavailable(string exceptionType);
}
