using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Webchats.Api.Startup;
using Webchats.Domain.Common;

namespace Webchats.Api.Errors;

/// <summary>Builds the problem bodies of the API; the writer adds <c>type</c>, <c>title</c> and <c>traceId</c>.</summary>
public static class Problems
{
    public const string ValidationDetail = "One or more fields are invalid; see errors.";

    /// <summary>
    /// Every problem carries a <c>detail</c>, including those the framework writes itself (unknown
    /// route, unsupported media type, method not allowed).
    /// </summary>
    public static void FillDetail(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status404NotFound => "No resource exists at this address.",
            StatusCodes.Status405MethodNotAllowed => "This address does not support the request's method.",
            StatusCodes.Status415UnsupportedMediaType => "The request's Content-Type is not supported here; send application/json.",
            _ => problem.Title ?? "The request failed.",
        };

        // The framework links the RFC 9110 statuses; 429 is defined in RFC 6585.
        problem.Type ??= problem.Status == StatusCodes.Status429TooManyRequests
            ? "https://www.rfc-editor.org/rfc/rfc6585#section-4"
            : "about:blank";
    }

    public static ProblemDetails Create(int status, string detail) => new() { Status = status, Detail = detail };

    /// <summary>A problem as the result of an MVC filter, built by the framework's factory (<c>traceId</c> and all).</summary>
    public static ObjectResult Result(HttpContext http, int status, string detail) =>
        new(http.RequestServices.GetRequiredService<ProblemDetailsFactory>().CreateProblemDetails(http, status, detail: detail))
        {
            StatusCode = status,
            ContentTypes = { ResponseConventions.ProblemContentType },
        };

    public static ValidationProblemDetails Validation(IEnumerable<FieldError> errors) => new(
        errors.GroupBy(e => e.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal))
    {
        Status = StatusCodes.Status400BadRequest,
        Detail = ValidationDetail,
    };
}
