using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Webchats.Api.Auth;
using Webchats.Api.Idempotency;
using Webchats.Api.OpenApi;
using Webchats.Application.Webchats.Commands.CreateWebchat;
using Webchats.Application.Webchats.Commands.DeleteWebchat;
using Webchats.Application.Webchats.Commands.UpdateWebchat;
using Webchats.Application.Webchats.Common;
using Webchats.Application.Webchats.Queries.GetWebchat;
using Webchats.Application.Webchats.Queries.GetWebchatHistory;
using Webchats.Application.Webchats.Queries.ListWebchats;

namespace Webchats.Api.Controllers;

[Route("api/webchats")]
public sealed class WebchatsController(IMediator mediator) : ApiControllerBase(mediator)
{
    private const string Json = "application/json";
    private const string MergePatchJson = "application/merge-patch+json";

    /// <summary>Create a webchat; <c>name</c> is required, every other field has a default.</summary>
    [EndpointName("createWebchat")]
    [HttpHeaders(ETag = true, Location = true)]
    [HttpPost]
    [Authorize(WebchatClaims.WriteScope)]
    [Consumes(Json)]
    [Idempotent]
    [ProblemResponses(400, 409, 413, 415, 422)]
    [ProducesResponseType<WebchatMessageEnvelope>(StatusCodes.Status201Created)]
    public async Task<ActionResult<WebchatMessageEnvelope>> Create([FromBody] WebchatPatch body, CancellationToken cancellationToken)
    {
        var result = await Mediator.Send(new CreateWebchatCommand(Caller, body), cancellationToken);
        SetETag(result.Version);
        // A relative Location (RFC 9110 §10.2.2): CreatedAtAction would build an absolute one from
        // the request's Host header, which a client or proxy chooses (api.md §8).
        return Created(Url.Action(nameof(Get), new { id = result.Webchat.Id }), new WebchatMessageEnvelope(WebchatMessageEnvelope.Created, result.Webchat));
    }

    /// <summary>List the organization's webchats, newest first.</summary>
    /// <param name="limit">Page size, 1–100 (default 20).</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page.</param>
    [EndpointName("listWebchats")]
    [HttpGet]
    [Authorize(WebchatClaims.ReadScope)]
    [ProducesResponseType<WebchatListEnvelope>(StatusCodes.Status200OK)]
    [ProblemResponses(400)]
    public async Task<ActionResult<WebchatListEnvelope>> List([FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken cancellationToken)
    {
        var page = await Mediator.Send(new ListWebchatsQuery(Caller, limit, cursor), cancellationToken);
        return new WebchatListEnvelope(page.Data, page.NextCursor);
    }

    /// <summary>Read one webchat. <c>If-None-Match</c> with its current ETag gives 304.</summary>
    [EndpointName("getWebchat")]
    [HttpHeaders(ETag = true, Precondition = Precondition.IfNoneMatch)]
    [HttpGet("{id}")]
    [Authorize(WebchatClaims.ReadScope)]
    [ProducesResponseType<WebchatEnvelope>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProblemResponses(400, 404)]
    public async Task<ActionResult<WebchatEnvelope>> Get(string id, CancellationToken cancellationToken)
    {
        var result = await Mediator.Send(new GetWebchatQuery(Caller, id), cancellationToken);
        SetETag(result.Version);
        if (IsNotModified(result.Version))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        return new WebchatEnvelope(result.Webchat);
    }

    /// <summary>
    /// The audit trail of a webchat, newest first: every real change with who, when, and each
    /// field's old and new value. Failed and no-op updates leave no entry.
    /// </summary>
    /// <param name="id">The webchat.</param>
    /// <param name="limit">Page size, 1–100 (default 20).</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page.</param>
    [EndpointName("getWebchatHistory")]
    [HttpGet("{id}/history")]
    [Authorize(WebchatClaims.ReadScope)]
    [ProducesResponseType<WebchatHistoryPage>(StatusCodes.Status200OK)]
    [ProblemResponses(400, 404)]
    public async Task<ActionResult<WebchatHistoryPage>> History(string id, [FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken cancellationToken) =>
        await Mediator.Send(new GetWebchatHistoryQuery(Caller, id, limit, cursor), cancellationToken);

    /// <summary>
    /// Update a webchat with patch semantics: absent properties stay as they are, present ones are
    /// set, <c>null</c> clears or resets. <c>If-Match</c> guards against lost updates.
    /// </summary>
    [EndpointName("updateWebchat")]
    [HttpHeaders(ETag = true, Precondition = Precondition.IfMatch)]
    [HttpPut("{id}")]
    [Authorize(WebchatClaims.WriteScope)]
    [Consumes(Json)]
    [ProducesResponseType<WebchatMessageEnvelope>(StatusCodes.Status200OK)]
    [ProblemResponses(400, 404, 412, 413, 415)]
    public Task<ActionResult<WebchatMessageEnvelope>> Update(string id, [FromBody] WebchatPatch body, CancellationToken cancellationToken) =>
        UpdateAsync(id, body, cancellationToken);

    /// <summary>
    /// The same update as PUT, for clients that speak JSON Merge Patch (RFC 7396). Nested objects
    /// do not occur in a webchat, so a merge patch and the PUT body are the same document.
    /// </summary>
    [EndpointName("patchWebchat")]
    [HttpHeaders(ETag = true, Precondition = Precondition.IfMatch)]
    [HttpPatch("{id}")]
    [Authorize(WebchatClaims.WriteScope)]
    [Consumes(MergePatchJson, Json)]
    [ProducesResponseType<WebchatMessageEnvelope>(StatusCodes.Status200OK)]
    [ProblemResponses(400, 404, 412, 413, 415)]
    public Task<ActionResult<WebchatMessageEnvelope>> Patch(string id, [FromBody] WebchatPatch body, CancellationToken cancellationToken) =>
        UpdateAsync(id, body, cancellationToken);

    /// <summary>Delete a webchat. It then answers 404 everywhere; the row is kept (soft delete).</summary>
    [EndpointName("deleteWebchat")]
    [HttpHeaders(Precondition = Precondition.IfMatch)]
    [HttpDelete("{id}")]
    [Authorize(WebchatClaims.WriteScope)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProblemResponses(400, 404, 412)]
    public async Task<IActionResult> Delete(string id, CancellationToken cancellationToken)
    {
        await Mediator.Send(new DeleteWebchatCommand(Caller, id, IfMatch), cancellationToken);
        return NoContent();
    }

    private async Task<ActionResult<WebchatMessageEnvelope>> UpdateAsync(string id, WebchatPatch body, CancellationToken cancellationToken)
    {
        var result = await Mediator.Send(new UpdateWebchatCommand(Caller, id, body, IfMatch), cancellationToken);
        SetETag(result.Version);
        return new WebchatMessageEnvelope(WebchatMessageEnvelope.Updated, result.Webchat);
    }
}
