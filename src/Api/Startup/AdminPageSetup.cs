using Microsoft.Net.Http.Headers;

namespace Webchats.Api.Startup;

/// <summary>
/// Serves the admin page (<c>wwwroot/admin/</c>: plain HTML, CSS and ES modules, no build step) at
/// <c>/admin/</c>. Static files are public; everything the page shows comes from the API with the
/// token the user pastes.
/// </summary>
public static class AdminPageSetup
{
    /// <summary>
    /// Scripts, styles and API calls only from this origin. Icons are images at signed URLs of an
    /// object store or of this service's public base URL, which need not be the page's origin.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src * data: blob:; "
        + "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>True for the admin page's paths (<c>/admin</c> and below).</summary>
    public static bool Serves(PathString path) => path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase);

    public static WebApplication UseAdminPage(this WebApplication app)
    {
        // wwwroot holds only the admin page, so the file lookups run only for its path.
        app.UseWhen(context => Serves(context.Request.Path), admin =>
        {
            // "/admin/" → "/admin/index.html" ("/admin" is redirected to "/admin/" first).
            admin.UseDefaultFiles();
            admin.UseStaticFiles(new StaticFileOptions
            {
                OnPrepareResponse = context =>
                {
                    var headers = context.Context.Response.Headers;
                    // Always revalidate (ETag/Last-Modified), so a new version shows on the next load.
                    headers.CacheControl = "no-cache";
                    headers.XContentTypeOptions = "nosniff";
                    headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                    headers["Referrer-Policy"] = "no-referrer";
                },
            });
        });
        return app;
    }
}
