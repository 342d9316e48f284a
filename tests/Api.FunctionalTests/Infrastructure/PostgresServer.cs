using System.Diagnostics;
using Npgsql;

namespace Webchats.Api.FunctionalTests.Infrastructure;

/// <summary>
/// The PostgreSQL server of a test run: the one named by <c>WEBCHATS_TEST_DATABASE</c>, or a
/// throwaway cluster started with the project's own <c>scripts/pg-cluster.sh</c>. Each run gets a
/// database of its own. There is no fallback: without PostgreSQL the run fails loudly.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string? _clusterDirectory;
    private readonly string _serverConnectionString;

    private PostgresServer(string serverConnectionString, string? clusterDirectory, string databaseName)
    {
        _serverConnectionString = serverConnectionString;
        _clusterDirectory = clusterDirectory;
        DatabaseName = databaseName;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = databaseName }.ConnectionString;
    }

    public string DatabaseName { get; }

    public string ConnectionString { get; }

    /// <summary>The run's server: <c>WEBCHATS_TEST_DATABASE</c> when set, else a throwaway cluster.</summary>
    public static Task<PostgresServer> StartAsync() => StartAsync(Environment.GetEnvironmentVariable("WEBCHATS_TEST_DATABASE"));

    /// <summary>A cluster of its own, for tests that stop and start the database.</summary>
    public static Task<PostgresServer> StartPrivateAsync() => StartAsync(external: null);

    /// <summary>Stops the private cluster (a database outage); <see cref="RestartAsync"/> ends it.</summary>
    public Task StopAsync() => RunScriptAsync("stop", _clusterDirectory ?? throw new InvalidOperationException("Only a private cluster can be stopped."));

    public Task RestartAsync() => RunScriptAsync("start", _clusterDirectory ?? throw new InvalidOperationException("Only a private cluster can be started."), "--fast");

    /// <summary>
    /// A hot standby of this private cluster, streaming from it; it holds this run's database, made
    /// before the copy. Disposing the standby destroys it; this cluster must outlive it.
    /// </summary>
    public async Task<StandbyServer> StartStandbyAsync()
    {
        var primaryDirectory = _clusterDirectory ?? throw new InvalidOperationException("Only a private cluster can have a standby.");
        var standbyDirectory = primaryDirectory + "-standby-" + Guid.NewGuid().ToString("N")[..8];
        var standbyServer = await StartClusterAsync("standby", standbyDirectory, primaryDirectory, "--fast");
        return new StandbyServer(ConnectionString, standbyServer, DatabaseName, standbyDirectory);
    }

    private static async Task<PostgresServer> StartAsync(string? external)
    {
        string? clusterDirectory = null;
        var serverConnectionString = external;
        if (string.IsNullOrWhiteSpace(serverConnectionString))
        {
            clusterDirectory = Path.Combine(Path.GetTempPath(), "webchats-test-" + Guid.NewGuid().ToString("N")[..12]);
            serverConnectionString = await StartClusterAsync("start", clusterDirectory, "--fast");
        }

        var databaseName = "webchats_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(serverConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {databaseName}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new PostgresServer(serverConnectionString, clusterDirectory, databaseName);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_clusterDirectory is not null)
        {
            // destroy also removes the fallback folder a root run may have used.
            await RunScriptAsync("destroy", _clusterDirectory);
            return;
        }

        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Webchats.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Webchats.sln) above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs a pg-cluster.sh command that starts a cluster; returns the connection string it prints.</summary>
    private static async Task<string> StartClusterAsync(params string[] arguments) =>
        (await RunScriptAsync(arguments)).Trim().Split('\n')[^1];

    internal static async Task<string> RunScriptAsync(params string[] arguments)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "pg-cluster.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is required for the functional tests and could not be started ({script} {string.Join(' ', arguments)} exited {process.ExitCode}). " +
                $"Run `make test` (it installs PostgreSQL when missing) or set WEBCHATS_TEST_DATABASE.\n{await error}");
        }

        return await output;
    }
}
