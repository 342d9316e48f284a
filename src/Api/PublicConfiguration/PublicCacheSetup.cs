using Webchats.Infrastructure;
using Webchats.Infrastructure.Persistence.ChangeNotifications;

namespace Webchats.Api.PublicConfiguration;

public static class PublicCacheSetup
{
    /// <summary>The public configuration cache, and (when it is on) the listener that keeps it current.</summary>
    public static IServiceCollection AddPublicWebchatCache(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(PublicWebchatCache.SectionName);
        services.Configure<PublicCacheOptions>(section);
        services.AddSingleton<PublicWebchatCache>();
        services.AddSingleton<IWebchatChangeObserver>(provider => provider.GetRequiredService<PublicWebchatCache>());
        // Off, the feed is never live: nothing would vouch for a kept document.
        if ((section.Get<PublicCacheOptions>() ?? new PublicCacheOptions()).Enabled)
        {
            services.AddWebchatChangeListener();
        }

        return services;
    }
}
