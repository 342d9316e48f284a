using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.Options;
using Webchats.Api.Auth;

namespace Webchats.Api.RateLimiting;

/// <summary>
/// Limits authenticated callers per organization (JWT) or per API token, in one-minute windows
/// counted in the database, so the limit holds however many API replicas there are. Over the
/// limit: 429 problem with <c>Retry-After</c>. Counting is done by <see cref="RateLimitCounter"/>. Every limited response carries <c>RateLimit-Limit</c>,
/// <c>RateLimit-Remaining</c> and <c>RateLimit-Reset</c>. Anonymous requests are not counted here.
/// </summary>
public sealed class RateLimitingMiddleware(
    RequestDelegate next, IOptions<RateLimitOptions> options, TimeProvider time, RateLimitCounter counter, ProblemDetailsFactory problems)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static DateTimeOffset WindowStart(DateTimeOffset now) => new(now.UtcTicks - (now.UtcTicks % Window.Ticks), TimeSpan.Zero);

    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        if (!settings.Enabled || context.User is not CallerPrincipal caller)
        {
            await next(context);
            return;
        }

        var now = time.GetUtcNow();
        var windowStart = WindowStart(now);
        var count = await counter.CountAsync(caller.RateLimitBucket, windowStart, context.RequestAborted);
        var reset = Text((int)Math.Ceiling((windowStart + Window - now).TotalSeconds));

        var headers = context.Response.Headers;
        headers["RateLimit-Limit"] = Text(settings.PermitsPerMinute);
        headers["RateLimit-Remaining"] = Text(Math.Max(0, settings.PermitsPerMinute - count));
        headers["RateLimit-Reset"] = reset;
        if (count <= settings.PermitsPerMinute)
        {
            await next(context);
            return;
        }

        headers.RetryAfter = reset;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        var problem = problems.CreateProblemDetails(context, StatusCodes.Status429TooManyRequests,
            detail: $"More than {settings.PermitsPerMinute} requests in a minute; retry after {reset} s.");
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
