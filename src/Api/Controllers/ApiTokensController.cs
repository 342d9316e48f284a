using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Webchats.Api.Auth;
using Webchats.Application.ApiTokens.Commands.CreateApiToken;
using Webchats.Application.ApiTokens.Commands.RevokeApiToken;
using Webchats.Application.ApiTokens.Common;
using Webchats.Application.ApiTokens.Queries.ListApiTokens;

namespace Webchats.Api.Controllers;

/// <summary>
/// API tokens for back-office integrations. Managing them needs a user's JWT with the
/// <c>tokens:manage</c> scope; an API token can never manage tokens.
/// </summary>
[Route("api/tokens")]
[Authorize(WebchatClaims.ManageTokensScope)]
public sealed class ApiTokensController(IMediator mediator) : ApiControllerBase(mediator)
{
    /// <summary>Create a token. Its secret is in <c>data.token</c> of this response and nowhere else, ever.</summary>
    [EndpointName("createApiToken")]
    [HttpPost]
    [Consumes("application/json")]
    [ProducesResponseType<ApiTokenCreatedEnvelope>(StatusCodes.Status201Created)]
    [ProblemResponses(400, 409)]
    public async Task<ActionResult<ApiTokenCreatedEnvelope>> Create([FromBody] CreateApiTokenRequest body, CancellationToken cancellationToken)
    {
        var created = await Mediator.Send(
            new CreateApiTokenCommand(Caller, WebchatClaims.ScopesOf(User), body.Name, body.Scopes, body.ExpiresAt), cancellationToken);
        return StatusCode(StatusCodes.Status201Created, new ApiTokenCreatedEnvelope("API token created", created.ApiToken, created.Token));
    }

    /// <summary>The organization's tokens (never their secrets), newest first, revoked ones included.</summary>
    [EndpointName("listApiTokens")]
    [HttpGet]
    [ProducesResponseType<ApiTokenListEnvelope>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ApiTokenListEnvelope>> List(CancellationToken cancellationToken) =>
        new ApiTokenListEnvelope(await Mediator.Send(new ListApiTokensQuery(Caller), cancellationToken));

    /// <summary>Revoke a token; it stops working with the next request.</summary>
    [EndpointName("revokeApiToken")]
    [HttpDelete("{id}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProblemResponses(404)]
    public async Task<IActionResult> Revoke(string id, CancellationToken cancellationToken)
    {
        await Mediator.Send(new RevokeApiTokenCommand(Caller, id), cancellationToken);
        return NoContent();
    }
}

/// <param name="Scopes">Any of <c>webchats:read</c>, <c>webchats:write</c> that the caller holds itself (more: 403).</param>
/// <param name="ExpiresAt">At most two years ahead (configurable); absent: one year from now.</param>
public sealed record CreateApiTokenRequest(string? Name, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt = null);

public sealed record ApiTokenCreatedEnvelope(string Message, ApiTokenDto Data, string Token);

public sealed record ApiTokenListEnvelope(IReadOnlyList<ApiTokenDto> Data);
