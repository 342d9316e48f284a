using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace Webchats.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the API or a database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<WebchatsDbContext>
{
    public WebchatsDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<WebchatsDbContext>();
        DependencyInjection.Configure(builder, new NpgsqlDataSourceBuilder("Host=localhost;Database=design_time").Build());
        return new WebchatsDbContext(builder.Options);
    }
}
