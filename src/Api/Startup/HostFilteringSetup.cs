using Microsoft.AspNetCore.HostFiltering;

namespace Webchats.Api.Startup;

/// <summary>
/// <c>AllowedHosts</c> in Production (api.md §8): without it, any <c>Host</c> header is accepted.
/// Nothing in a response is built from the Host header, but a request for a host this service is
/// not should not be served at all. When Production configures no <c>AllowedHosts</c>, the host of
/// <c>Webchats:PublicBaseUrl</c> is the one allowed; other environments accept any host.
/// </summary>
public static class HostFilteringSetup
{
    public const string PublicBaseUrlKey = "Webchats:PublicBaseUrl";

    public static IServiceCollection AddWebchatsHostFiltering(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        if (!environment.IsProduction() || configuration["AllowedHosts"] is not null)
        {
            return services;
        }

        if (!Uri.TryCreate(configuration[PublicBaseUrlKey], UriKind.Absolute, out var publicBaseUrl))
        {
            throw new InvalidOperationException($"Production needs AllowedHosts, or {PublicBaseUrlKey} to take the allowed host from.");
        }

        // Runs after the host's own setup, which would otherwise fill in "*".
        services.PostConfigure<HostFilteringOptions>(options => options.AllowedHosts = [publicBaseUrl.IdnHost]);
        return services;
    }
}
