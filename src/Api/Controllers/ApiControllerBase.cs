using Mediator;
using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Webchats.Api.Auth;
using Webchats.Api.Startup;
using Webchats.Application.Common.Models;

namespace Webchats.Api.Controllers;

/// <summary>What every controller of the API shares: problem responses, the caller, and the mediator.</summary>
[ApiController]
[EnableCors(CorsSetup.AdminPolicy)] // the admin app's origins (Webchats:Cors:AdminOrigins)
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
public abstract class ApiControllerBase(IMediator mediator) : ControllerBase
{
    protected IMediator Mediator { get; } = mediator;

    protected Caller Caller => User.ToCaller();

    /// <summary>Entity tags of an <c>If-Match</c> header; null when the header is absent.</summary>
    protected IReadOnlyList<string>? IfMatch =>
        Request.Headers.IfMatch.Count == 0
            ? null
            : EntityTagHeaderValue.TryParseList(Request.Headers.IfMatch, out var tags)
                ? [.. tags.Select(tag => tag.Equals(EntityTagHeaderValue.Any) ? "*" : tag.IsWeak ? "W/" + tag.Tag.Value : tag.Tag.Value!)]
                : [];

    protected void SetETag(string etag) => Response.Headers.ETag = etag;
}
