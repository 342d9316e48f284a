using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Webchats.Api.FunctionalTests.Infrastructure;

/// <summary>
/// A PostgreSQL hot standby of a private <see cref="PostgresServer"/>, made by
/// <c>scripts/pg-cluster.sh standby</c> (pg_basebackup -R, streaming replication over the primary's
/// Unix socket). Tests control its replay to see what a reader of the standby sees while it lags.
/// Created by <see cref="PostgresServer.StartStandbyAsync"/>; disposing it destroys the standby.
/// </summary>
public sealed class StandbyServer : IAsyncDisposable
{
    /// <summary>How long a wait for the standby may take before the test fails.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private const string ReplayedUpTo = "SELECT coalesce(pg_last_wal_replay_lsn() >= $1, false)";
    private const string ReceivedUpTo = "SELECT coalesce(pg_last_wal_receive_lsn() >= $1, false)";

    private readonly string _primaryConnectionString;
    private readonly string _clusterDirectory;

    internal StandbyServer(string primaryConnectionString, string serverConnectionString, string databaseName, string clusterDirectory)
    {
        _primaryConnectionString = primaryConnectionString;
        _clusterDirectory = clusterDirectory;
        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = databaseName };
        ConnectionString = builder.ConnectionString;
        SocketDirectory = builder.Host!;
    }

    /// <summary>The primary's test database, read-only, on the standby.</summary>
    public string ConnectionString { get; }

    /// <summary>The standby's Unix socket directory (its <c>Host</c>; the port is the primary's, 5432).</summary>
    public string SocketDirectory { get; }

    /// <summary>Stops applying WAL on the standby; returns once replay is paused. WAL is still received.</summary>
    public async Task PauseReplayAsync()
    {
        await using var connection = await OpenStandbyAsync();
        await using (var pause = new NpgsqlCommand("SELECT pg_wal_replay_pause()", connection))
        {
            await pause.ExecuteNonQueryAsync();
        }

        // Pausing is a request: the startup process honours it before the next record it applies.
        await using var state = new NpgsqlCommand("SELECT pg_get_wal_replay_pause_state() = 'paused'", connection);
        await WaitUntilAsync("replay to pause", async () => (bool)(await state.ExecuteScalarAsync())!);
    }

    /// <summary>Applies WAL again (the standby catches up by itself).</summary>
    public async Task ResumeReplayAsync()
    {
        await using var connection = await OpenStandbyAsync();
        await using var resume = new NpgsqlCommand("SELECT pg_wal_replay_resume()", connection);
        await resume.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Returns once the standby has applied all the primary had committed when called: then a reader
    /// of the standby sees those writes. Times out while replay is paused.
    /// </summary>
    public Task WaitForReplayAsync() => WaitForPrimaryPositionAsync(ReplayedUpTo, "replay");

    /// <summary>
    /// Returns once the standby has received (not necessarily applied) all the primary had committed
    /// when called. Works while replay is paused.
    /// </summary>
    public Task WaitForReceiveAsync() => WaitForPrimaryPositionAsync(ReceivedUpTo, "receive");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await PostgresServer.RunScriptAsync("destroy", _clusterDirectory);
    }

    private async Task WaitForPrimaryPositionAsync(string reachedSql, string what)
    {
        var target = await PrimaryPositionAsync();
        await using var connection = await OpenStandbyAsync();
        await using var reached = new NpgsqlCommand(reachedSql, connection);
        reached.Parameters.Add(new NpgsqlParameter { Value = target, NpgsqlDbType = NpgsqlDbType.PgLsn });
        await WaitUntilAsync($"the standby to {what} WAL up to the primary's {target}", async () => (bool)(await reached.ExecuteScalarAsync())!);
    }

    /// <summary>
    /// The primary's WAL position once everything it has acknowledged is written out. The private
    /// primary runs with synchronous_commit=off (pg-cluster.sh --fast): a commit it acknowledged may
    /// still sit in its WAL buffers, unsent and behind pg_current_wal_lsn(). A transaction that
    /// writes WAL and commits synchronously flushes all WAL before its own commit record.
    /// </summary>
    private async Task<NpgsqlLogSequenceNumber> PrimaryPositionAsync()
    {
        await using var connection = new NpgsqlConnection(_primaryConnectionString);
        await connection.OpenAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var flush = new NpgsqlCommand(
                "SET LOCAL synchronous_commit = on; SELECT pg_logical_emit_message(true, 'webchats-test', 'flush')", connection, transaction);
            await flush.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        await using var position = new NpgsqlCommand("SELECT pg_current_wal_lsn()", connection);
        return (NpgsqlLogSequenceNumber)(await position.ExecuteScalarAsync())!;
    }

    private async Task<NpgsqlConnection> OpenStandbyAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task WaitUntilAsync(string what, Func<Task<bool>> condition)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await condition())
        {
            if (elapsed.Elapsed > Deadline)
            {
                throw new TimeoutException($"Timed out after {Deadline.TotalSeconds}s waiting for {what}.");
            }

            await Task.Delay(20);
        }
    }
}
