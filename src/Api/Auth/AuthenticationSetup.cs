using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;

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

        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.SectionName));
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                // Keep "sub", "org" and "scope" as they are in the token.
                options.MapInboundClaims = false;
                options.Authority = auth.Authority;
                options.Audience = auth.Audience;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = auth.Issuer is not null || auth.Authority is not null,
                    ValidIssuer = auth.Issuer,
                    ValidateAudience = auth.Audience is not null,
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
                    OnTokenValidated = context =>
                    {
                        if (!WebchatClaims.HasValidIdentity(context.Principal!))
                        {
                            context.Fail("The token needs a 24-hex 'sub' and 'org'.");
                        }

                        return Task.CompletedTask;
                    },
                    OnChallenge = async context =>
                    {
                        // The default challenge has an empty body; every error of this API is a problem.
                        context.HandleResponse();
                        var response = context.Response;
                        response.StatusCode = StatusCodes.Status401Unauthorized;
                        response.Headers.WWWAuthenticate = context.AuthenticateFailure is null
                            ? "Bearer"
                            : "Bearer error=\"invalid_token\"";
                        await WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized,
                            context.AuthenticateFailure is null ? "A bearer token is required." : "The bearer token is not valid.");
                    },
                    OnForbidden = context =>
                        WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "The token lacks the scope this request needs."),
                };
            });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(WebchatClaims.ReadScope, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => WebchatClaims.HasScope(c.User, WebchatClaims.ReadScope)))
            .AddPolicy(WebchatClaims.WriteScope, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => WebchatClaims.HasScope(c.User, WebchatClaims.WriteScope)));
        return services;
    }

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
