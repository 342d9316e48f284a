namespace Webchats.Api.Startup;

/// <summary>
/// Headers every response carries. API responses are data, never documents: they may not be
/// framed, sniffed into HTML, or run anything. The admin page and the docs UI are documents and
/// set their own policy; icon files add a sandbox of their own.
/// </summary>
public static class SecurityHeaders
{
    private const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (!IsDocument(context.Request.Path))
            {
                headers.XFrameOptions = "DENY";
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    headers.ContentSecurityPolicy = ApiContentSecurityPolicy;
                }
            }

            return Task.CompletedTask;
        });
        return next(context);
    });

    private static bool IsDocument(PathString path) =>
        AdminPageSetup.Serves(path)
        || path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase);
}
