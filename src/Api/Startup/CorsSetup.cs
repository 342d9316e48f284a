using System.Collections.Frozen;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Net.Http.Headers;
using Webchats.Domain.Webchats;

namespace Webchats.Api.Startup;

/// <summary>
/// CORS for the admin single-page app (docs/adr/0004-browser-access-cors-and-public-config.md).
/// The origins come from <c>Webchats:Cors:AdminOrigins</c>; the policy is applied to the
/// token-protected API through <see cref="Controllers.ApiControllerBase"/>. The public widget
/// endpoint does not use it: it grants each webchat's own <c>allowedDomains</c>.
/// </summary>
public static class CorsSetup
{
    public const string AdminPolicy = "AdminSpa";
    public const string AdminOriginsKey = "Webchats:Cors:AdminOrigins";

    /// <summary>How long a browser may reuse a preflight answer.</summary>
    public static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    public static IServiceCollection AddWebchatsCors(this IServiceCollection services, IConfiguration configuration)
    {
        // No credentials: the SPA authenticates with a bearer token, never with cookies.
        var origins = AdminOrigins(configuration).ToFrozenSet(StringComparer.Ordinal);
        services.AddCors(options => options.AddPolicy(AdminPolicy, policy => policy
            // Browsers send an origin in normal form, so an ordinal lookup is exact. A predicate
            // rather than WithOrigins: with it every answer carries "Vary: Origin" (WithOrigins
            // omits it for a single origin), so no cache hands one origin's grant to another.
            .SetIsOriginAllowed(origins.Contains)
            .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete)
            // Idempotency-Key: retried creates (IdempotencyFilter); the SPA may send it too.
            .WithHeaders(HeaderNames.Authorization, HeaderNames.ContentType, HeaderNames.IfMatch, HeaderNames.IfNoneMatch, "Idempotency-Key")
            // RateLimit-*: RateLimitingMiddleware; Idempotent-Replayed: IdempotencyFilter.
            .WithExposedHeaders(HeaderNames.ETag, HeaderNames.Location, HeaderNames.RetryAfter,
                "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Idempotent-Replayed")
            .SetPreflightMaxAge(PreflightMaxAge)));
        services.AddTransient<ICorsPolicyProvider, PublicWebchatCorsPolicyProvider>();
        return services;
    }

    /// <summary>
    /// The configured admin origins, normalised. An entry that is not an exact origin (a path, a
    /// wildcard, plain http for a public host) stops the start: a typo here would silently lock
    /// the admin app out, or let the wrong site in.
    /// </summary>
    public static string[] AdminOrigins(IConfiguration configuration)
    {
        var configured = configuration.GetSection(AdminOriginsKey).Get<string[]>() ?? [];
        var origins = new List<string>(configured.Length);
        for (var i = 0; i < configured.Length; i++)
        {
            if (!AllowedOrigins.TryNormalize(configured[i], out var origin, out var error))
            {
                throw new InvalidOperationException($"{AdminOriginsKey}:{i} {error}.");
            }

            if (origin.Contains('*', StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{AdminOriginsKey}:{i} must be an exact origin; wildcards are not allowed for the admin app.");
            }

            origins.Add(origin);
        }

        return [.. AllowedOrigins.Deduplicate(origins)];
    }
}
