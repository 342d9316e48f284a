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

    /// <summary>
    /// The caller a principal's claims name, or null unless each id is exactly one claim of that
    /// exact (case-sensitive) name with a valid value: a JWT whose <c>org</c> is an array yields one
    /// claim per element, and <c>ORG</c> is not <c>org</c>.
    /// </summary>
    public static Caller? ValidCaller(ClaimsPrincipal principal) =>
        SingleValue(principal, Organization) is { } organization && ObjectIds.IsValid(organization)
        && SingleValue(principal, Subject) is { } subject && ObjectIds.IsValid(subject)
            ? new Caller(organization, subject)
            : null;

    /// <summary>The caller of an authenticated request (every scheme of this API yields a <see cref="CallerPrincipal"/>).</summary>
    public static Caller ToCaller(this ClaimsPrincipal principal) =>
        principal is CallerPrincipal caller
            ? caller.Caller
            : throw new InvalidOperationException("The request was not authenticated by this API's schemes.");

    /// <summary>Scopes from a space-separated <c>scope</c> string, or from one claim per scope; the claim name is case-sensitive.</summary>
    public static bool HasScope(ClaimsPrincipal principal, string scope)
    {
        // On every request: the claims and their words, without allocating.
        foreach (var identity in principal.Identities)
        {
            foreach (var claim in identity.Claims)
            {
                if (string.Equals(claim.Type, Scope, StringComparison.Ordinal) && ContainsWord(claim.Value, scope))
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

    /// <summary>Every scope the principal holds.</summary>
    public static IReadOnlySet<string> ScopesOf(ClaimsPrincipal principal) =>
        ScopeClaims(principal).SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);

    // ClaimsIdentity.FindAll and FindFirst compare claim types case-insensitively; these rules must not.
    private static IEnumerable<Claim> ScopeClaims(ClaimsPrincipal principal) =>
        principal.Identities.SelectMany(identity => identity.Claims).Where(claim => string.Equals(claim.Type, Scope, StringComparison.Ordinal));

    private static string? SingleValue(ClaimsPrincipal principal, string type)
    {
        string? value = null;
        foreach (var claim in principal.Identities.SelectMany(identity => identity.Claims))
        {
            if (string.Equals(claim.Type, type, StringComparison.Ordinal))
            {
                if (value is not null)
                {
                    return null;
                }

                value = claim.Value;
            }
        }

        return value;
    }
}
