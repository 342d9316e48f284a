using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Webchats.Api.Startup;
using Webchats.Domain.Common;

namespace Webchats.Api.Errors;

/// <summary>Builds the problem bodies of the API; the writer adds <c>type</c>, <c>title</c> and <c>traceId</c>.</summary>
public static class Problems
{
    public const string ValidationDetail = "One or more fields are invalid; see errors.";

    /// <summary>A problem lists at most this many field errors (api.md §8: error bodies stay under 32 KiB).</summary>
    public const int MaxFieldErrors = 100;

    /// <summary>The extension member with the number of field errors of a request whose list was cut to <see cref="MaxFieldErrors"/>.</summary>
    public const string ErrorCountMember = "errorCount";

    /// <summary>
    /// A key of <c>errors</c> (a JSON path, often a property name the client made up) is cut to this
    /// many characters, so 100 errors stay far below 32 KiB whatever the body's names.
    /// </summary>
    private const int MaxErrorKeyLength = 100;

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

        if (problem is HttpValidationProblemDetails { Errors.Count: > 0 } validation)
        {
            LimitErrors(validation);
        }

        // The framework links the RFC 9110 statuses; 429 is defined in RFC 6585.
        problem.Type ??= problem.Status == StatusCodes.Status429TooManyRequests
            ? "https://www.rfc-editor.org/rfc/rfc6585#section-4"
            : "about:blank";
    }

    /// <summary>
    /// Keeps the first <see cref="MaxFieldErrors"/> messages in their order, under keys of at most
    /// <see cref="MaxErrorKeyLength"/> characters, and adds <see cref="ErrorCountMember"/> when any
    /// were left out. Every problem with <c>errors</c> passes here (the writer and MVC's factory both
    /// call <see cref="FillDetail"/>), whichever path found them.
    /// </summary>
    private static void LimitErrors(HttpValidationProblemDetails problem)
    {
        var total = problem.Errors.Sum(entry => entry.Value.Length);
        if (total <= MaxFieldErrors && problem.Errors.Keys.All(key => key.Length <= MaxErrorKeyLength))
        {
            return;
        }

        var kept = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var count = 0;
        foreach (var (key, messages) in problem.Errors)
        {
            var shortKey = key.Length <= MaxErrorKeyLength ? key : string.Concat(key.AsSpan(0, MaxErrorKeyLength - 1), "…");
            foreach (var message in messages.Take(MaxFieldErrors - count))
            {
                (kept.TryGetValue(shortKey, out var list) ? list : kept[shortKey] = []).Add(message);
                count++;
            }
        }

        problem.Errors = kept.ToDictionary(entry => entry.Key, entry => entry.Value.ToArray(), StringComparer.Ordinal);
        if (total > MaxFieldErrors)
        {
            problem.Extensions[ErrorCountMember] = total;
        }
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
