using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Net.Http.Headers;
using Webchats.Api.Errors;

namespace Webchats.Api.Startup;

/// <summary>
/// <c>[Consumes("application/json")]</c> alone also admits every <c>application/*+json</c> type
/// (structured-syntax suffix matching). The contract is stricter: PUT takes <c>application/json</c>
/// only, PATCH also <c>application/merge-patch+json</c>. This filter holds an action to exactly
/// the media types its <c>[Consumes]</c> names (parameters such as charset aside).
/// <para>
/// It also refuses with 415 what the framework would otherwise let through to be misread (found by
/// the hostile-input corpus, tests/Api.FunctionalTests/Reliability): a request without a
/// Content-Type (the JSON actions answered 415 but the icon upload 400 "file is required"), a
/// Content-Type that does not parse (<c>application/json, text/plain</c> was read as JSON), and a
/// JSON body declared in a charset other than UTF-8 (<c>charset=iso-8859-1</c> or <c>utf-16</c>
/// was read as UTF-8 anyway; RFC 8259 §8.1 makes UTF-8 the only encoding of JSON).
/// </para>
/// </summary>
public sealed class ExactMediaTypeFilter : IResourceFilter, IOrderedFilter
{
    // Before ConsumesAttribute, so a near miss is refused here with the same 415.
    public int Order => -1;

    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        // The endpoint's metadata collection caches this lookup per type (the last one wins, as for [Consumes]).
        var accepts = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>();
        if (accepts is null)
        {
            return;
        }

        var contentType = context.HttpContext.Request.ContentType;
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var sent))
        {
            Refuse(context, contentType is null ? $"{AcceptedTypes(accepts)}; the request has no Content-Type." : $"{AcceptedTypes(accepts)}; the request's Content-Type cannot be read.");
            return;
        }

        if (!accepts.ContentTypes.Any(type => sent.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase)))
        {
            Refuse(context, AcceptedTypes(accepts) + ".");
            return;
        }

        if (IsJson(sent) && sent.Parameters.Any(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase) && !IsUtf8(p.Value)))
        {
            Refuse(context, "JSON bodies must be encoded as UTF-8; send charset=utf-8 or no charset.");
        }
    }

    private static string AcceptedTypes(IAcceptsMetadata accepts) => $"This endpoint accepts {string.Join(" or ", accepts.ContentTypes)}";

    private static bool IsJson(MediaTypeHeaderValue type) =>
        type.SubType.Equals("json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);

    private static bool IsUtf8(Microsoft.Extensions.Primitives.StringSegment charset) =>
        HeaderUtilities.RemoveQuotes(charset).Value?.ToUpperInvariant() is "UTF-8" or "UTF8";

    private static void Refuse(ResourceExecutingContext context, string detail) =>
        context.Result = Problems.Result(context.HttpContext, StatusCodes.Status415UnsupportedMediaType, detail);

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
