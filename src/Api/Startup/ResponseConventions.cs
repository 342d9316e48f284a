using Microsoft.Net.Http.Headers;
using Webchats.Api.Auth;

namespace Webchats.Api.Startup;

/// <summary>
/// Two rules every response follows, applied once here rather than by each writer (api.md §8):
/// what a caller read with its credentials is never stored by a browser or a shared cache, and
/// every problem has the one content type <see cref="ProblemContentType"/>. The writers of
/// problems differ (MVC's output formatter adds <c>; charset=utf-8</c>, the problem details
/// service does not), so the type is set as the response starts.
/// </summary>
public static class ResponseConventions
{
    /// <summary>
    /// Without a charset parameter: RFC 8259 §8.1 makes JSON UTF-8, and RFC 9457's media type
    /// defines no parameters.
    /// </summary>
    public const string ProblemContentType = "application/problem+json";

    public static IApplicationBuilder UseResponseConventions(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var response = context.Response;
            if (response.ContentType is { } type && type.StartsWith(ProblemContentType, StringComparison.OrdinalIgnoreCase))
            {
                response.ContentType = ProblemContentType;
            }

            // Answers to credentialed requests (accepted or not) are private to that caller; a
            // response that chose its own caching (the public configuration) keeps it.
            if ((context.User is CallerPrincipal || context.Request.Headers.ContainsKey(HeaderNames.Authorization))
                && !response.Headers.ContainsKey(HeaderNames.CacheControl))
            {
                response.Headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    });
}
