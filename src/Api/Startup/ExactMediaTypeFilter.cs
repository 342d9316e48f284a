using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace Webchats.Api.Startup;

/// <summary>
/// <c>[Consumes("application/json")]</c> alone also admits every <c>application/*+json</c> type
/// (structured-syntax suffix matching). The contract is stricter: PUT takes <c>application/json</c>
/// only, PATCH also <c>application/merge-patch+json</c>. This filter holds an action to exactly
/// the media types its <c>[Consumes]</c> names (parameters such as charset aside).
/// </summary>
public sealed class ExactMediaTypeFilter : IResourceFilter
{
    // Before ConsumesAttribute, so a near miss is refused here with the same 415.
    public int Order => -1;

    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var accepts = context.ActionDescriptor.EndpointMetadata.OfType<IAcceptsMetadata>().LastOrDefault();
        var contentType = context.HttpContext.Request.ContentType;
        if (accepts is null || contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var sent))
        {
            return;
        }

        if (!accepts.ContentTypes.Any(type => string.Equals(type, sent.MediaType.Value, StringComparison.OrdinalIgnoreCase)))
        {
            var problems = context.HttpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
            context.Result = new ObjectResult(problems.CreateProblemDetails(context.HttpContext, StatusCodes.Status415UnsupportedMediaType,
                detail: $"This endpoint accepts {string.Join(" or ", accepts.ContentTypes)}."))
            {
                StatusCode = StatusCodes.Status415UnsupportedMediaType,
                ContentTypes = { "application/problem+json" },
            };
        }
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
