using System.Security.Claims;
using Webchats.Application.Common.Models;
using Webchats.Domain.Common;

namespace Webchats.Api.Auth;

/// <summary>Claims of api.md §5 and the scopes the endpoints need.</summary>
public static class WebchatClaims
{
    public const string Subject = "sub";
    public const string Organization = "org";
    public const string Scope = "scope";

    public const string ReadScope = "webchats:read";
    public const string WriteScope = "webchats:write";
    public const string ManageTokensScope = "tokens:manage";

    /// <summary>Set on principals authenticated by an API token (never by a JWT).</summary>
    public const string AuthenticationMethod = "amr";

    public static bool IsApiToken(ClaimsPrincipal principal) =>
        principal.HasClaim(AuthenticationMethod, ApiTokenAuthenticationHandler.SchemeName);

    /// <summary>True when the principal carries a valid user and organization id.</summary>
    public static bool HasValidIdentity(ClaimsPrincipal principal) =>
        ObjectIds.IsValid(principal.FindFirstValue(Subject)) && ObjectIds.IsValid(principal.FindFirstValue(Organization));

    public static Caller ToCaller(this ClaimsPrincipal principal) =>
        new(principal.FindFirstValue(Organization)!, principal.FindFirstValue(Subject)!);

    /// <summary>Scopes from a space-separated <c>scope</c> string, or from one claim per scope.</summary>
    public static bool HasScope(ClaimsPrincipal principal, string scope)
    {
        // On every request: the claims and their words, as FindAll matches types, without allocating.
        foreach (var identity in principal.Identities)
        {
            foreach (var claim in identity.Claims)
            {
                if (string.Equals(claim.Type, Scope, StringComparison.OrdinalIgnoreCase) && ContainsWord(claim.Value, scope))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool ContainsWord(string words, string word)
    {
        foreach (var range in words.AsSpan().Split(' '))
        {
            if (words.AsSpan(range).SequenceEqual(word))
            {
                return true;
            }
        }

        return false;
    }
}
