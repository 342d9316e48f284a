using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Webchats.Infrastructure.Persistence;

/// <summary>
/// Where the public configuration may be read from besides the primary: <c>ConnectionStrings:WebchatsPublicRead</c>,
/// typically a multi-host string that prefers a hot standby
/// (<c>Host=primary,standby1,standby2;Target Session Attributes=prefer-standby</c>). Absent, every
/// read goes to the primary. Only the public configuration's reads use it: everything else must
/// read its own writes.
/// </summary>
public sealed class PublicReadDatabase
{
    public const string ConnectionStringName = "WebchatsPublicRead";

    /// <summary>Seen in <c>pg_stat_activity</c> of the server it reads from.</summary>
    public const string ApplicationName = "webchats-public-read";

    private readonly NpgsqlDataSource? _dataSource;
    private DbContextOptions<WebchatsDbContext>? _options;

    private PublicReadDatabase(NpgsqlDataSource? dataSource) => _dataSource = dataSource;

    /// <summary>Whether a copy to read from is configured.</summary>
    public bool IsConfigured => _dataSource is not null;

    /// <summary>
    /// A context on the copy that shares <paramref name="model"/> (the primary context's): EF Core
    /// runs a compiled query only on the model it was compiled for.
    /// </summary>
    internal WebchatsDbContext CreateContext(IModel model)
    {
        var dataSource = _dataSource ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not configured.");
        if (_options is null)
        {
            var builder = new DbContextOptionsBuilder<WebchatsDbContext>();
            DependencyInjection.Configure(builder, dataSource);
            _options = builder.UseModel(model).Options;
        }

        return new WebchatsDbContext(_options);
    }

    public static PublicReadDatabase From(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return new PublicReadDatabase(null);
        }

        var connection = DependencyInjection.WithServiceDefaults(connectionString);
        if (!connectionString.Contains("Application Name", StringComparison.OrdinalIgnoreCase))
        {
            connection.ApplicationName = ApplicationName;
        }

        return new PublicReadDatabase(new NpgsqlDataSourceBuilder(connection.ConnectionString).Build());
    }
}
