using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Webchats.FloorApi;

/// <summary>The caller of a request: the token's organization and user.</summary>
public readonly record struct FloorCaller(string OrganizationId, string UserId);

/// <summary>
/// The same mandatory token work as the service (api.md §5): an HS256 JWT whose signature,
/// lifetime, issuer and audience are validated with the same <see cref="JsonWebTokenHandler"/>
/// and the same <see cref="TokenValidationParameters"/>, then a 24-hex <c>sub</c>/<c>org</c> and the
/// needed scope. What the floor leaves out is the framework around it: no authentication
/// middleware, no <c>ClaimsPrincipal</c>, no authorization policies.
/// </summary>
public sealed class FloorAuth
{
    public const string ReadScope = "webchats:read";
    public const string WriteScope = "webchats:write";

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _parameters;

    public FloorAuth(string signingKey, string? issuer, string? audience)
    {
        _parameters = new TokenValidationParameters
        {
            ValidateIssuer = issuer is not null,
            ValidIssuer = issuer,
            ValidateAudience = audience is not null,
            ValidAudience = audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(signingKey)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        };
    }

    public static FloorAuth FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Webchats:Auth");
        var key = section["SigningKey"] ?? throw new InvalidOperationException("Webchats:Auth:SigningKey (HS256, base64) is not configured.");
        return new FloorAuth(key, section["Issuer"], section["Audience"]);
    }

    /// <summary>
    /// The caller, or null after writing the 401/403 answer. <paramref name="scope"/> is the scope
    /// the endpoint needs.
    /// </summary>
    public async ValueTask<FloorCaller?> AuthenticateAsync(HttpContext context, string scope)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "A bearer token is required.", "Bearer");
            return null;
        }

        var result = await _handler.ValidateTokenAsync(header[7..].Trim(), _parameters);
        if (!result.IsValid
            || result.SecurityToken is not JsonWebToken token
            || !token.TryGetPayloadValue<string>("sub", out var userId) || !Ids.IsObjectId(userId)
            || !token.TryGetPayloadValue<string>("org", out var organizationId) || !Ids.IsObjectId(organizationId))
        {
            await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "The bearer token is not valid.", "Bearer error=\"invalid_token\"");
            return null;
        }

        if (!token.TryGetPayloadValue<string>("scope", out var scopes) || !HasScope(scopes, scope))
        {
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "The token lacks the scope this request needs.");
            return null;
        }

        return new FloorCaller(organizationId, userId);
    }

    private static bool HasScope(string scopes, string scope)
    {
        foreach (var range in scopes.AsSpan().Split(' '))
        {
            if (scopes.AsSpan()[range].SequenceEqual(scope))
            {
                return true;
            }
        }

        return false;
    }
}
