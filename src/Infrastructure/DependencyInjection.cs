using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Webchats.Application.Common.Interfaces;
using Webchats.Infrastructure.Idempotency;
using Webchats.Infrastructure.Persistence;
using Webchats.Infrastructure.Persistence.ChangeNotifications;
using Webchats.Infrastructure.Persistence.ReadModels;
using Webchats.Infrastructure.Persistence.Repositories;
using Webchats.Infrastructure.RateLimiting;
using Webchats.Infrastructure.Storage;

namespace Webchats.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "Webchats";

    public static IServiceCollection AddInfrastructureServices(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not configured.");

        var connection = WithServiceDefaults(connectionString);
        var dataSource = new NpgsqlDataSourceBuilder(connection.ConnectionString).Build();
        services.AddSingleton(dataSource);
        services.AddKeyedSingleton(WebchatChangeListener.DataSourceKey, (_, _) => new NpgsqlDataSourceBuilder(
            new NpgsqlConnectionStringBuilder(connection.ConnectionString) { Pooling = false, ApplicationName = WebchatChangeListener.ApplicationName }.ConnectionString).Build());
        services.AddSingleton<WebchatChangeFeed>();
        services.AddSingleton(PublicReadDatabase.From(configuration.GetConnectionString(PublicReadDatabase.ConnectionStringName)));

        // Pooled contexts: a PUT or GET reuses a context instead of building one per request.
        services.AddDbContextPool<WebchatsDbContext>(options => Configure(options, dataSource));
        services.AddScoped<IWebchatRepository, WebchatRepository>();
        services.AddSingleton<IWebchatReadModel, WebchatReadModel>();
        services.AddScoped<IReferenceData, ReferenceData>();
        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IWebchatRevisionRepository, WebchatRevisionRepository>();
        services.AddScoped<IApiTokenRepository, ApiTokenRepository>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<PostgresRateLimitStore>();
        services.AddScoped<DemoDataSeeder>();

        services.AddOptions<IconStorageOptions>()
            .Bind(configuration.GetSection(IconStorageOptions.SectionName))
            .PostConfigure(options => FillLocalDefaults(options, configuration));
        // One store per deployment: "Local" (files under the data folder, the default) or "S3"
        // (Cloudflare R2, AWS S3, MinIO). Unknown names fail at start-up, not on the first upload.
        var provider = configuration[$"{IconStorageOptions.SectionName}:Provider"] ?? "Local";
        if (string.Equals(provider, "S3", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IIconStorage, S3IconStorage>();
        }
        else if (string.Equals(provider, "Local", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IIconStorage, LocalIconStorage>();
        }
        else
        {
            throw new InvalidOperationException($"{IconStorageOptions.SectionName}:Provider must be 'Local' or 'S3', not '{provider}'.");
        }
        return services;
    }

    /// <summary>
    /// The listener that tells this replica's <see cref="IWebchatChangeObserver"/>s of every committed
    /// change of a webchat (one PostgreSQL connection per replica).
    /// </summary>
    public static IServiceCollection AddWebchatChangeListener(this IServiceCollection services) =>
        services.AddHostedService<WebchatChangeListener>();

    /// <summary>
    /// The service's settings on a configured connection string: bounded waits (with the database
    /// down or the pool exhausted a request fails within seconds, 503, instead of hanging for
    /// Npgsql's defaults of 15 s to connect and 30 s a command) and <see cref="ApplyPerformanceDefaults"/>.
    /// </summary>
    internal static NpgsqlConnectionStringBuilder WithServiceDefaults(string connectionString)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
        {
            connection.Timeout = 5;
            connection.CommandTimeout = 10;
        }

        ApplyPerformanceDefaults(connection, connectionString);
        return connection;
    }

    /// <summary>
    /// Npgsql settings measured with <c>make bench</c> (docs/benchmarks.md), unless the connection
    /// string sets them: the hot statements are prepared once per physical connection
    /// (<c>Max Auto Prepare</c>), so PostgreSQL stops parsing and planning them on every request, and
    /// a connection going back to the pool is not reset (<c>No Reset On Close</c>: no <c>DISCARD ALL</c>,
    /// which would also drop those prepared statements). Nothing here keeps session state on a
    /// connection (no SET, temporary tables, advisory locks or LISTEN), so there is nothing to reset.
    /// Together they cut PostgreSQL's CPU per GET by about 70% and per PUT by about 35%.
    /// </summary>
    public static void ApplyPerformanceDefaults(NpgsqlConnectionStringBuilder connection, string configured)
    {
        if (!configured.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            connection.MaxAutoPrepare = 32;
        }

        if (!configured.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            connection.NoResetOnClose = true;
        }
    }

    public static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, npgsql => npgsql
                .MigrationsHistoryTable("__ef_migrations_history")
                // Every EF Core query and save: an unavailable database leaves as DatabaseUnavailableException.
                .ExecutionStrategy(dependencies => new DatabaseFailureExecutionStrategy(dependencies)))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// Local runs keep icons and their signing key in the data folder, so <c>make run</c> needs no
    /// icon configuration at all; explicit settings always win.
    /// </summary>
    private static void FillLocalDefaults(IconStorageOptions options, IConfiguration configuration)
    {
        var dataDirectory = configuration["Webchats:DataDirectory"];
        var local = options.Local;
        local.PublicBaseUrl ??= configuration["Webchats:PublicBaseUrl"];
        if (dataDirectory is null)
        {
            return;
        }

        local.Directory ??= Path.Combine(dataDirectory, "icons");
        local.SigningKey ??= ReadOrCreateKey(Path.Combine(dataDirectory, "icon-signing.key"));
    }

    private static string ReadOrCreateKey(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return File.ReadAllText(path).Trim();
    }
}
