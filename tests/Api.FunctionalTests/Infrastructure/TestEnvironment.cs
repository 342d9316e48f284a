// The set-up fixture sits in the assembly's root namespace so that it runs before every test in it.
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;
using Webchats.Api.FunctionalTests.Infrastructure;
using Webchats.Infrastructure.Persistence;

namespace Webchats.Api.FunctionalTests;

/// <summary>
/// Starts what the functional tests need once per run: PostgreSQL (real, over a real connection),
/// the API with migrations applied, and a Respawn checkpoint to reset data before each test.
/// </summary>
[SetUpFixture]
public sealed class TestEnvironment
{
    /// <summary>The fake clock starts here; each test resets it.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 3, 12, 10, 0, 0, TimeSpan.Zero);

    private static PostgresServer? _postgres;
    private static WebchatsApiFactory? _factory;
    private static Respawner? _respawner;
    private static string? _dataDirectory;

    public static TestClock Clock { get; } = new(Epoch);

    public static CapturedLogs Logs { get; } = new();

    public static WebchatsApiFactory Factory => _factory ?? throw new InvalidOperationException("The test environment did not start.");

    public static PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("The test environment did not start.");

    public static string DataDirectory => _dataDirectory ?? throw new InvalidOperationException("The test environment did not start.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        _dataDirectory = Directory.CreateTempSubdirectory("webchats-test-data-").FullName;
        _factory = new WebchatsApiFactory(_postgres.ConnectionString, _dataDirectory, Clock, Logs);

        // Building the server applies the migrations.
        _ = _factory.Server;

        await using var connection = new NpgsqlConnection(_postgres.ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = ["__ef_migrations_history"],
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_dataDirectory is not null)
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    public static async Task ResetAsync()
    {
        Clock.Set(Epoch);
        Logs.Clear();
        await using var connection = new NpgsqlConnection(Postgres.ConnectionString);
        await connection.OpenAsync();
        await _respawner!.ResetAsync(connection);
    }

    /// <summary>Runs work against the API's own DbContext, e.g. to seed reference data.</summary>
    public static async Task WithDbAsync(Func<WebchatsDbContext, Task> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebchatsDbContext>();
        await work(db);
        await db.SaveChangesAsync();
    }

    public static async Task<T> QueryDbAsync<T>(Func<WebchatsDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebchatsDbContext>();
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return await query(db);
    }
}
