using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.Options;
using Webchats.Api.Auth;

namespace Webchats.Api.RateLimiting;

/// <summary>
/// Limits authenticated callers per organization (JWT) or per API token, in one-minute windows
/// counted in the database, so the limit holds however many API replicas there are. Over the
/// limit: 429 problem with <c>Retry-After</c>. Counting is done by <see cref="RateLimitCounter"/>. Every limited response carries <c>RateLimit-Limit</c>,
/// <c>RateLimit-Remaining</c> and <c>RateLimit-Reset</c>. Requests no credential accounts for are
/// counted per client address (<see cref="AnonymousBucket"/>) where they cost the service work: on
/// endpoints marked <see cref="AnonymousRateLimitAttribute"/>, and when a bearer token was refused
/// (an unknown <c>wct_</c> token costs a database lookup). The same shared counters serve both:
/// a bucket is any text, so an address needs no new table.
/// </summary>
public sealed class RateLimitingMiddleware(
    RequestDelegate next, IOptions<RateLimitOptions> options, TimeProvider time, RateLimitCounter counter, ProblemDetailsFactory problems)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static DateTimeOffset WindowStart(DateTimeOffset now) => new(now.UtcTicks - (now.UtcTicks % Window.Ticks), TimeSpan.Zero);

    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        var (bucket, limit) = !settings.Enabled ? (null, 0)
            : context.User is CallerPrincipal caller ? (caller.RateLimitBucket, settings.PermitsPerMinute)
            : CountsAnonymously(context) ? (AnonymousBucket(context.Connection.RemoteIpAddress), settings.AnonymousPermitsPerMinute)
            : (null, 0);
        if (bucket is null)
        {
            await next(context);
            return;
        }

        var now = time.GetUtcNow();
        var windowStart = WindowStart(now);
        var count = await counter.CountAsync(bucket, windowStart, context.RequestAborted);
        var reset = Text((int)Math.Ceiling((windowStart + Window - now).TotalSeconds));

        var headers = context.Response.Headers;
        headers["RateLimit-Limit"] = Text(limit);
        headers["RateLimit-Remaining"] = Text(Math.Max(0, limit - count));
        headers["RateLimit-Reset"] = reset;
        if (count <= limit)
        {
            await next(context);
            return;
        }

        headers.RetryAfter = reset;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        var problem = problems.CreateProblemDetails(context, StatusCodes.Status429TooManyRequests,
            detail: $"More than {limit} requests in a minute; retry after {reset} s.");
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    /// <summary>
    /// The bucket of a client address (after <see cref="Startup.ForwardedHeadersSetup"/>): an IPv4
    /// address, or the /64 of an IPv6 one, since one subscriber commonly holds a whole /64.
    /// </summary>
    public static string AnonymousBucket(IPAddress? address)
    {
        if (address is null)
        {
            return "ip:unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? "ip:" + new IPNetwork(address, 64).ToString()
            : "ip:" + address;
    }

    private static bool CountsAnonymously(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<AnonymousRateLimitAttribute>() is not null
        || !AuthenticationSetup.BearerToken(context.Request).IsEmpty;

    private static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
