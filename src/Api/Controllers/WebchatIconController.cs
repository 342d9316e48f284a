using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Webchats.Api.Auth;
using Webchats.Api.Idempotency;
using Webchats.Api.OpenApi;
using Webchats.Api.Startup;
using Webchats.Api.Errors;
using Webchats.Application.Common.Exceptions;
using Webchats.Application.Webchats.Commands.UpdateWebchat;
using Webchats.Application.Webchats.Commands.UploadWebchatIcon;
using Webchats.Application.Webchats.Common;
using Webchats.Domain.Common;
using Webchats.Domain.Webchats;

namespace Webchats.Api.Controllers;

[Route("api/webchats/{id}/icon")]
[Authorize(WebchatClaims.WriteScope)]
public sealed class WebchatIconController(IMediator mediator) : ApiControllerBase(mediator)
{
    /// <summary>Multipart bodies may carry a little more than the file itself (boundaries, part headers).</summary>
    private const int MaxMultipartBytes = IconFormat.MaxBytes + (16 * 1024);

    /// <summary>
    /// Upload the icon: <c>multipart/form-data</c> with one file in the field <c>file</c>. PNG, JPEG,
    /// WebP, GIF or ICO, at most 1 MiB, recognised from the bytes (never from the name or the
    /// declared type); SVG, HTML and files carrying markup are refused.
    /// </summary>
    [EndpointName("uploadWebchatIcon")]
    [HttpHeaders(ETag = true)]
    [HttpPost]
    [Consumes("multipart/form-data")]
    [Idempotent]
    [ProblemResponses(400, 404, 409, 413, 415, 422)]
    [RequestSizeLimit(MaxMultipartBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxMultipartBytes)]
    [ReadFormFirst]
    [ProducesResponseType<WebchatMessageEnvelope>(StatusCodes.Status200OK)]
    public async Task<ActionResult<WebchatMessageEnvelope>> Upload(string id, IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            throw new RequestValidationException(
                [new FieldError("file", "is required: send the image in the multipart field 'file'")]);
        }

        if (Request.Form.Files.GetFiles("file").Count > 1)
        {
            throw new RequestValidationException([new FieldError("file", "must be sent once; this request carries several files named 'file'")]);
        }

        if (file.Length > IconFormat.MaxBytes)
        {
            throw new RequestBodyTooLargeException(IconFormat.MaxBytes);
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        var result = await Mediator.Send(new UploadWebchatIconCommand(Caller, id, content), cancellationToken);
        SetETag(result.Version);
        return new WebchatMessageEnvelope(WebchatMessageEnvelope.IconUpdated, result.Webchat);
    }

    /// <summary>Remove the icon; the same as PUT <c>{"icon":null}</c>.</summary>
    [EndpointName("deleteWebchatIcon")]
    [HttpHeaders(ETag = true, Precondition = Precondition.IfMatch)]
    [HttpDelete]
    [ProducesResponseType<WebchatMessageEnvelope>(StatusCodes.Status200OK)]
    [ProblemResponses(400, 404, 412)]
    public async Task<ActionResult<WebchatMessageEnvelope>> Remove(string id, CancellationToken cancellationToken)
    {
        var body = WebchatPatch.Of(WebchatFields.Of(nameof(WebchatSettings.IconKey)), null);
        var result = await Mediator.Send(new UpdateWebchatCommand(Caller, id, body, IfMatch), cancellationToken);
        SetETag(result.Version);
        return new WebchatMessageEnvelope(WebchatMessageEnvelope.IconUpdated, result.Webchat);
    }
}
