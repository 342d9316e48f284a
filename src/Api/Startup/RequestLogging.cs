namespace Webchats.Api.Startup;

/// <summary>
/// One structured log line per request: method, path, status, duration and the trace id that a
/// problem response of the request carries — never headers or bodies, so no token or personal
/// data reaches the logs. Lighter than the framework's HTTP logging middleware, which builds and
/// formats a field list for every request.
/// <para>
/// This line replaces the hosting layer's own request logging, which is off
/// (<c>Microsoft.AspNetCore.Hosting.Diagnostics</c>: <c>None</c> in appsettings.json): with it on,
/// hosting starts an <see cref="System.Diagnostics.Activity"/> and a log scope for every request
/// even when nothing records them (about 10% of a GET's CPU in docs/benchmarks.md). A tracing
/// listener (OpenTelemetry) still gets its activities, and then the trace id is the W3C one.
/// </para>
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
                    var traceId = TraceId(context);
                    LogRequest(logger, context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Response.StatusCode, elapsed, traceId);
                }
            }
        });
    }

    /// <summary>The <c>traceId</c> that problem responses carry (as ASP.NET Core's problem writer picks it).</summary>
    private static string TraceId(HttpContext context) => System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier;

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMilliseconds:0.0} ms (trace {TraceId})")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode, double elapsedMilliseconds, string traceId);
}
