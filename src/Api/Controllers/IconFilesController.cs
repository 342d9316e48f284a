using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Webchats.Api.RateLimiting;
using Webchats.Application.Common.Interfaces;
using Webchats.Domain.Webchats;
using Webchats.Infrastructure.Storage;

namespace Webchats.Api.Controllers;

/// <summary>
/// Serves icons of the local store at the signed URLs it hands out. No token: the signature is the
/// permission. Widgets load these on customers' sites.
/// </summary>
[ApiController]
[AllowAnonymous]
[AnonymousRateLimit]
public sealed class IconFilesController(IIconStorage icons) : ControllerBase
{
    /// <summary>An icon file; the query must carry the unexpired <c>expires</c> and <c>sig</c> of a signed URL. <c>HEAD</c> answers the same without the body.</summary>
    [EndpointName("getIconFile")]
    [AcceptVerbs("GET", "HEAD", Route = "icons/{**key}")] // one endpoint: HEAD is GET without the body
    [ProducesResponseType<Stream>(StatusCodes.Status200OK, "image/png", "image/jpeg", "image/gif", "image/webp", "image/x-icon")]
    [ProblemResponses(403, 404)]
    public IActionResult Get(string key, [FromQuery] string? expires, [FromQuery] string? sig)
    {
        // Only the local store serves files itself; S3-compatible stores serve their own URLs.
        if (icons is not LocalIconStorage storage)
        {
            return Problem(statusCode: StatusCodes.Status404NotFound, detail: "Icons are served by the configured object store.");
        }

        if (!storage.IsValidRequest(key, expires, sig))
        {
            return Problem(statusCode: StatusCodes.Status403Forbidden, detail: "The icon URL is not valid: it was altered, made for another file, or has expired.");
        }

        var format = IconFormat.FromExtension(Path.GetExtension(key).TrimStart('.'));
        var path = storage.PathOf(key);
        if (format is null || !System.IO.File.Exists(path))
        {
            return Problem(statusCode: StatusCodes.Status404NotFound, detail: "The icon does not exist.");
        }

        // Caches may keep the image only as long as the URL itself is valid.
        Response.Headers.CacheControl = $"public, max-age={storage.SecondsLeft(expires!)}";
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return PhysicalFile(path, format.ContentType);
    }

    /// <summary>What the address supports. Images are not fetched cross-origin with a preflight, so none is granted.</summary>
    [HttpOptions("icons/{**key}")]
    [ApiExplorerSettings(IgnoreApi = true)] // HTTP plumbing, not an operation for generated clients
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public IActionResult Options()
    {
        Response.Headers.Allow = "GET, HEAD, OPTIONS";
        return NoContent();
    }
}
