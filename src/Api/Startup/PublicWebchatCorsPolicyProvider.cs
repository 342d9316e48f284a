using Mediator;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Webchats.Api.PublicConfiguration;
using Webchats.Application.Webchats.Queries.GetPublicWebchat;

namespace Webchats.Api.Startup;

/// <summary>
/// The CORS policies of the service: the configured ones (the admin app's), and the public
/// configuration's, which is each webchat's own <c>allowedDomains</c>. ASP.NET Core's CORS
/// middleware answers a browser's preflight with it (api.md §8: a preflight from an allowed
/// origin is granted). The GET itself needs no policy: its action has the webchat at hand and
/// grants the origin itself, so no request of the hot path looks the webchat up twice.
/// </summary>
public sealed class PublicWebchatCorsPolicyProvider(IOptions<CorsOptions> options) : ICorsPolicyProvider
{
    public const string PolicyName = "PublicWebchat";

    private static readonly CorsPolicy NoGrant = new CorsPolicyBuilder().Build();

    private readonly DefaultCorsPolicyProvider _configured = new(options);

    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        if (policyName != PolicyName)
        {
            return await _configured.GetPolicyAsync(context, policyName);
        }

        if (!IsPreflight(context.Request))
        {
            return null;
        }

        var origin = context.Request.Headers.Origin.ToString();
        var id = context.GetRouteValue("id") as string ?? string.Empty;
        var services = context.RequestServices;
        var document = await services.GetRequiredService<PublicWebchatCache>()
            .GetAsync(id, services.GetRequiredService<IMediator>(), context.RequestAborted);
        var policy = new CorsPolicyBuilder()
            .WithMethods(HttpMethods.Get, HttpMethods.Head)
            // A widget revalidates its cached copy; Accept-Language is safelisted already.
            .WithHeaders(HeaderNames.IfNoneMatch)
            .WithExposedHeaders(HeaderNames.ETag)
            .SetPreflightMaxAge(CorsSetup.PreflightMaxAge);
        return document.Origins.Decide(origin) switch
        {
            OriginAccess.AnyOrigin => policy.AllowAnyOrigin().Build(),
            OriginAccess.MatchedOrigin => policy.WithOrigins(origin).Build(),
            _ => NoGrant,
        };
    }

    private static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method)
        && request.Headers.ContainsKey(HeaderNames.Origin)
        && request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod);
}
