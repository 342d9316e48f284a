using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Webchats.Api.OpenApi;
using Webchats.Api.PublicConfiguration;
using Webchats.Api.RateLimiting;
using Webchats.Api.Startup;
using Webchats.Application.Webchats.Queries.GetPublicWebchat;

namespace Webchats.Api.Controllers;

/// <summary>
/// The configuration a widget reads on a customer's page: no token, only the public fields, and
/// only for pages whose origin the webchat allows. Every page view of every customer site calls
/// it, so answers carry an ETag and may be cached briefly. Its CORS headers are its own (per
/// webchat), never the admin app's policy. See docs/adr/0004-browser-access-cors-and-public-config.md.
/// </summary>
[ApiController]
[AllowAnonymous]
[AnonymousRateLimit]
[EnableCors(PublicWebchatCorsPolicyProvider.PolicyName)] // preflights only: see the provider
[Route("api/public/webchats")]
public sealed class PublicWebchatsController(IMediator mediator, PublicWebchatCache cache)
    : ControllerBase
{
    /// <summary>
    /// Browsers and CDNs may reuse an answer for a minute: an edit shows on customers' sites within
    /// that time, and signed icon URLs (valid for at least half their lifetime, 30 min by default)
    /// stay valid far longer than a cached answer lives.
    /// </summary>
    public const string CacheControl = "public, max-age=60";

    private const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>
    /// The public configuration of a live, enabled webchat. When its <c>allowedDomains</c> is not
    /// empty, the page's <c>Origin</c> must match one of them (403 otherwise, with no CORS grant);
    /// an empty list allows every page (<c>Access-Control-Allow-Origin: *</c>). A request without
    /// <c>Origin</c> (not a browser's cross-origin fetch) gets the document without any grant.
    /// <c>If-None-Match</c> with the current ETag gives 304. <c>HEAD</c> answers the same without the body.
    /// </summary>
    [EndpointName("getPublicWebchat")]
    [HttpHeaders(ETag = true, Precondition = Precondition.IfNoneMatch)]
    [AcceptVerbs("GET", "HEAD", Route = "{id}")] // one endpoint: HEAD is GET without the body
    [ProducesResponseType<PublicWebchatEnvelope>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProblemResponses(400, 403, 404, 503)]
    public async Task<IActionResult> Get(string id, CancellationToken cancellationToken)
    {
        var originHeader = Request.Headers.Origin;
        var origin = originHeader.Count == 0 ? null : originHeader.ToString();
        var document = await cache.GetAsync(id, mediator, cancellationToken);
        var access = document.Origins.Decide(origin);

        // Whatever the answer, it depends on the Origin: shared caches must keep them apart.
        Response.Headers.Append(HeaderNames.Vary, HeaderNames.Origin);
        if (access == OriginAccess.Refused)
        {
            return Problem(statusCode: StatusCodes.Status403Forbidden, detail: "This webchat may not be embedded on the requesting page's origin.");
        }

        var headers = Response.Headers;
        headers.ETag = document.ETag;
        headers.CacheControl = CacheControl;
        switch (access)
        {
            case OriginAccess.AnyOrigin:
                headers.AccessControlAllowOrigin = "*";
                break;
            case OriginAccess.MatchedOrigin:
                headers.AccessControlAllowOrigin = origin;
                break;
        }

        if (ApiControllerBase.IfNoneMatches(Request, tag => tag == document.ETag))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        return new FileContentResult(document.Body, JsonContentType);
    }

    /// <summary>
    /// What the address supports. A browser's CORS preflight (with <c>Access-Control-Request-Method</c>)
    /// never reaches this action: the CORS middleware answers it from the webchat's <c>allowedDomains</c>.
    /// </summary>
    [HttpOptions("{id}")]
    [ApiExplorerSettings(IgnoreApi = true)] // HTTP plumbing, not an operation for generated clients
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public IActionResult Options()
    {
        Response.Headers.Allow = "GET, HEAD, OPTIONS";
        return NoContent();
    }
}
