using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Webchats.Application.ApiTokens.Common;

namespace Webchats.Api.Auth;

public static class AuthenticationSetup
{
    public static IServiceCollection AddWebchatsAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var auth = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        if (auth.Authority is null && auth.SigningKey is null)
        {
            throw new InvalidOperationException(
                $"Configure {AuthOptions.SectionName}:Authority (OIDC) or {AuthOptions.SectionName}:SigningKey (HS256); only Development has a default key.");
        }

        // Issuer and audience are checked whichever key source is configured: a key shared with
        // another service must not let that service's tokens in here (api.md §8).
        if (string.IsNullOrWhiteSpace(auth.Audience) || (auth.SigningKey is not null && string.IsNullOrWhiteSpace(auth.Issuer)))
        {
            throw new InvalidOperationException(
                $"Configure {AuthOptions.SectionName}:Audience, and {AuthOptions.SectionName}:Issuer with a SigningKey (an Authority names its own issuer).");
        }

        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.SectionName));
        services.AddSingleton<ValidatedTokenCache>();
        services.AddAuthentication(BearerScheme)
            // One "Bearer" scheme for callers: API tokens are recognised by their prefix, everything
            // else is a JWT. Both yield the same claims, so one set of policies serves both.
            .AddPolicyScheme(BearerScheme, BearerScheme, options => options.ForwardDefaultSelector = context =>
                ApiTokenSecrets.LooksLikeApiToken(BearerToken(context.Request))
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddJwtBearer(options =>
            {
                // Keep "sub", "org" and "scope" as they are in the token.
                options.MapInboundClaims = false;
                options.Authority = auth.Authority;
                options.Audience = auth.Audience;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = auth.Issuer,
                    ValidateAudience = true,
                    ValidAudience = auth.Audience,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ClockSkew = auth.ClockSkew,
                    NameClaimType = WebchatClaims.Subject,
                };
                if (auth.SigningKey is not null)
                {
                    options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(auth.SigningKey));
                    options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
                }

                options.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        var token = BearerToken(context.Request);
                        if (!token.IsEmpty && context.HttpContext.RequestServices.GetRequiredService<ValidatedTokenCache>().TryGet(token, out var principal))
                        {
                            context.Principal = principal;
                            context.Success();
                        }

                        return Task.CompletedTask;
                    },
                    OnTokenValidated = context =>
                    {
                        var violation = context.SecurityToken is JsonWebToken jwt ? StrictJwt.Violation(jwt) : "The token is not a signed JWT.";
                        if (violation is not null)
                        {
                            context.Fail(violation);
                            return Task.CompletedTask;
                        }

                        if (CallerPrincipal.FromJwt(context.Principal!) is not { } principal)
                        {
                            context.Fail("The token needs a 24-hex 'sub' and 'org'.");
                            return Task.CompletedTask;
                        }

                        context.Principal = principal;
                        context.HttpContext.RequestServices.GetRequiredService<ValidatedTokenCache>()
                            .Add(BearerToken(context.Request).ToString(), principal, context.SecurityToken.ValidTo);

                        return Task.CompletedTask;
                    },
                    OnChallenge = context =>
                    {
                        // The default challenge has an empty body; every error of this API is a problem.
                        context.HandleResponse();
                        return WriteChallengeAsync(context.HttpContext, invalidToken: context.AuthenticateFailure is not null);
                    },
                    OnForbidden = context => WriteForbiddenAsync(context.HttpContext),
                };
            });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(WebchatClaims.ReadScope, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => WebchatClaims.HasScope(c.User, WebchatClaims.ReadScope)))
            .AddPolicy(WebchatClaims.WriteScope, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => WebchatClaims.HasScope(c.User, WebchatClaims.WriteScope)))
            .AddPolicy(WebchatClaims.ManageTokensScope, policy => policy.RequireAuthenticatedUser().RequireAssertion(c =>
                WebchatClaims.HasScope(c.User, WebchatClaims.ManageTokensScope) && c.User is CallerPrincipal { IsApiToken: false }));
        return services;
    }

    // Not "Bearer": that name belongs to the JWT handler the selector forwards to.
    public const string BearerScheme = "BearerSelector";

    /// <summary>
    /// The token of an <c>Authorization: Bearer …</c> header as a view of the header, empty when
    /// there is none: every request looks at it twice (scheme selection, validated-token cache)
    /// without copying it.
    /// </summary>
    public static ReadOnlySpan<char> BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString().AsSpan();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : default;
    }

    public static Task WriteChallengeAsync(HttpContext httpContext, bool invalidToken)
    {
        httpContext.Response.Headers.WWWAuthenticate = invalidToken ? "Bearer error=\"invalid_token\"" : "Bearer";
        return WriteProblemAsync(httpContext, StatusCodes.Status401Unauthorized,
            invalidToken ? "The bearer token is not valid." : "A bearer token is required.");
    }

    public static Task WriteForbiddenAsync(HttpContext httpContext) =>
        WriteProblemAsync(httpContext, StatusCodes.Status403Forbidden, "The token lacks the scope this request needs.");

    private static Task WriteProblemAsync(HttpContext httpContext, int status, string detail)
    {
        httpContext.Response.StatusCode = status;
        var problems = httpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        }).AsTask();
    }
}
