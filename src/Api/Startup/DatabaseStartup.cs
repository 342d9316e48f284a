using Microsoft.EntityFrameworkCore;
using Webchats.Infrastructure.Persistence;

namespace Webchats.Api.Startup;

public static class DatabaseStartup
{
    /// <summary>
    /// Applies pending EF Core migrations (<c>Webchats:MigrateOnStartup</c>, on by default) and seeds
    /// the demo data (<c>Webchats:SeedDemoData</c>) before the API takes requests.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        if (app.Configuration.GetValue("Webchats:MigrateOnStartup", defaultValue: true))
        {
            await scope.ServiceProvider.GetRequiredService<WebchatsDbContext>().Database.MigrateAsync();
        }

        if (app.Configuration.GetValue("Webchats:SeedDemoData", defaultValue: false))
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(CancellationToken.None);
        }
    }
}
