using System.Security.Claims;
using Webchats.Application.Common.Models;

namespace Webchats.Api.Auth;

/// <summary>
/// An authenticated principal with its <see cref="Caller"/> worked out once, when its token is
/// accepted. A validated JWT's principal is cached and serves every later request with that token,
/// so the rate limiter, the idempotency filter and the controllers read the caller instead of
/// searching the claims on each request.
/// </summary>
public sealed class CallerPrincipal : ClaimsPrincipal
{
    /// <param name="isApiToken">Decided by the scheme that accepted the token, never by a claim in it.</param>
    public CallerPrincipal(IEnumerable<ClaimsIdentity> identities, Caller caller, bool isApiToken)
        : base(identities)
    {
        Caller = caller;
        IsApiToken = isApiToken;
        RateLimitBucket = isApiToken ? "token:" + caller.UserId : "org:" + caller.OrganizationId;
    }

    public Caller Caller { get; }

    /// <summary>Authenticated by an API token (never by a JWT).</summary>
    public bool IsApiToken { get; }

    /// <summary>What the rate limit counts: the API token itself, or a JWT's whole organization.</summary>
    public string RateLimitBucket { get; }

    /// <summary>The principal of a validated JWT, or null when it lacks a 24-hex <c>sub</c> or <c>org</c>.</summary>
    public static CallerPrincipal? FromJwt(ClaimsPrincipal principal) =>
        WebchatClaims.ValidCaller(principal) is { } caller ? new(principal.Identities, caller, isApiToken: false) : null;
}
