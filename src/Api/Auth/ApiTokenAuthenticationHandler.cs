using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Webchats.Application.ApiTokens.Common;
using Webchats.Application.Common.Models;

namespace Webchats.Api.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer wct_…</c> API tokens. The principal looks like a JWT's:
/// <c>sub</c> is the token id (so <c>updatedBy</c> names the integration), <c>org</c> its
/// organization, <c>scope</c> its scopes; tenancy and scope rules are therefore the same.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenAuthenticator authenticator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Only the Bearer selector sends requests here, and only those with a token of API token form.
        var token = await authenticator.AuthenticateAsync(AuthenticationSetup.BearerToken(Request).ToString(), Context.RequestAborted);
        if (token is null)
        {
            // Never echo the token: the message names no part of it.
            return AuthenticateResult.Fail("The API token is unknown, revoked or expired.");
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(WebchatClaims.Subject, token.Id),
            new Claim(WebchatClaims.Organization, token.OrganizationId),
            new Claim(WebchatClaims.Scope, string.Join(' ', token.Scopes)),
        ], SchemeName, WebchatClaims.Subject, null);
        var principal = new CallerPrincipal([identity], new Caller(token.OrganizationId, token.Id), isApiToken: true);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        AuthenticationSetup.WriteChallengeAsync(Context, invalidToken: true);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AuthenticationSetup.WriteForbiddenAsync(Context);
}
