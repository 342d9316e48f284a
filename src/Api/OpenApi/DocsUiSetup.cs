using Scalar.AspNetCore;

namespace Webchats.Api.OpenApi;

/// <summary>
/// The docs UI (Scalar) at <c>/scalar/v1</c>, self-contained: its script comes from this service
/// (embedded in Scalar.AspNetCore), fonts are the browser's own, telemetry and the AI agent are
/// off, and a Content-Security-Policy lets the page load nothing from any other host.
/// </summary>
public static class DocsUiSetup
{
    /// <summary>
    /// Scripts only from this origin and with the per-request nonce Scalar puts on its inline
    /// start-up script; Scalar sets styles inline; "Try it" requests go to this origin only.
    /// </summary>
    private const string ContentSecurityPolicyPrefix =
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; script-src 'self' 'nonce-";

    public static IEndpointConventionBuilder MapWebchatsDocsUi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapScalarApiReference(options =>
            {
                options.DefaultFonts = false;
                options.Telemetry = false;
                options.DynamicNonce = true;
                options.Agent = new ScalarAgentOptions { Disabled = true };
            })
            .AddEndpointFilter(async (context, next) =>
            {
                var result = await next(context);
                var http = context.HttpContext;
                if (http.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce)
                {
                    http.Response.Headers.ContentSecurityPolicy = $"{ContentSecurityPolicyPrefix}{nonce}'";
                }

                return result;
            })
            .AllowAnonymous();
}
