namespace Webchats.Api.Startup;

/// <summary>
/// One structured log line per request: method, path, status and duration — never headers or
/// bodies, so no token or personal data reaches the logs. Lighter than the framework's HTTP
/// logging middleware, which builds and formats a field list for every request.
/// </summary>
public static partial class RequestLogging
{
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Webchats.Requests");
        var time = app.ApplicationServices.GetRequiredService<TimeProvider>();
        return app.Use(async (context, next) =>
        {
            var started = time.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
                    LogRequest(logger, context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Response.StatusCode, elapsed);
                }
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode, double elapsedMilliseconds);
}
