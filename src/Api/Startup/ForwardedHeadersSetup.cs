using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace Webchats.Api.Startup;

/// <summary>
/// The client's address behind a reverse proxy or load balancer: <c>X-Forwarded-For</c> is read
/// only when the connection comes from one of <c>Webchats:TrustedProxies</c> (addresses or CIDR
/// networks), through ASP.NET Core's forwarded-headers middleware. Anyone can send the header,
/// so without trusted proxies (the default) it is ignored and the connection's address counts;
/// the framework's own default (trust loopback) is cleared. <c>X-Forwarded-Host</c> and
/// <c>X-Forwarded-Proto</c> are never read: nothing this service answers is built from them.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string TrustedProxiesKey = "Webchats:TrustedProxies";

    public static IServiceCollection AddWebchatsForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var networks = TrustedProxies(configuration);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }

            // Walk back through every trusted proxy of a chain to the first address none of them is.
            options.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>Reads forwarded addresses only when there are proxies to trust.</summary>
    public static IApplicationBuilder UseWebchatsForwardedHeaders(this IApplicationBuilder app, IConfiguration configuration) =>
        TrustedProxies(configuration).Count > 0 ? app.UseForwardedHeaders() : app;

    private static List<IPNetwork> TrustedProxies(IConfiguration configuration)
    {
        var configured = configuration.GetSection(TrustedProxiesKey).Get<string[]>() ?? [];
        var networks = new List<IPNetwork>(configured.Length);
        foreach (var entry in configured)
        {
            if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            }
            else
            {
                throw new InvalidOperationException($"{TrustedProxiesKey}: '{entry}' is neither an IP address nor a CIDR network.");
            }
        }

        return networks;
    }
}
