using Npgsql;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.Operations;

/// <summary>
/// The harness for reading from a PostgreSQL hot standby: a private primary, a standby of it made by
/// <c>scripts/pg-cluster.sh standby</c>, and control of the standby's replay. Later tests of reads
/// from a lagging replica stand on what these pin down. The clusters are this fixture's own; the
/// tests share them and use rows of their own.
/// </summary>
[NonParallelizable]
public sealed class StandbyHarnessTests
{
    private PostgresServer? _primary;
    private StandbyServer? _standby;

    private PostgresServer Primary => _primary ?? throw new InvalidOperationException("The primary did not start.");

    private StandbyServer Standby => _standby ?? throw new InvalidOperationException("The standby did not start.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _primary = await PostgresServer.StartPrivateAsync();
        // Before the standby is made, so that its copy holds the table.
        await ScalarAsync(_primary.ConnectionString, "CREATE TABLE harness_rows (id int PRIMARY KEY, note text NOT NULL)");
        _standby = await _primary.StartStandbyAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_standby is not null)
        {
            await _standby.DisposeAsync();
        }

        if (_primary is not null)
        {
            await _primary.DisposeAsync();
        }
    }

    [Test]
    public async Task A_row_committed_on_the_primary_is_read_on_the_standby_once_replay_caught_up()
    {
        await InsertAsync(Primary.ConnectionString, 1, "replicated");

        await Standby.WaitForReplayAsync();

        Assert.That(await NoteAsync(Standby.ConnectionString, 1), Is.EqualTo("replicated"));
    }

    [Test]
    public async Task With_replay_paused_a_row_the_standby_received_stays_unseen_until_replay_resumes()
    {
        await Standby.PauseReplayAsync();
        try
        {
            await InsertAsync(Primary.ConnectionString, 2, "held back");
            await Standby.WaitForReceiveAsync();

            Assert.That(await ScalarAsync(Standby.ConnectionString, "SELECT pg_last_wal_replay_lsn() < pg_last_wal_receive_lsn()"),
                Is.True, "the standby holds WAL it has not applied");
            Assert.That(await NoteAsync(Standby.ConnectionString, 2), Is.Null, "the row is not visible while replay is paused");
        }
        finally
        {
            await Standby.ResumeReplayAsync();
        }

        await Standby.WaitForReplayAsync();

        Assert.That(await NoteAsync(Standby.ConnectionString, 2), Is.EqualTo("held back"));
    }

    [Test]
    public void The_standby_refuses_writes()
    {
        var refusal = Assert.ThrowsAsync<PostgresException>(() => InsertAsync(Standby.ConnectionString, 3, "refused"));

        Assert.That(refusal.SqlState, Is.EqualTo(PostgresErrorCodes.ReadOnlySqlTransaction));
        Assert.That(refusal.MessageText, Is.EqualTo("cannot execute INSERT in a read-only transaction"));
    }

    // Both clusters listen on port 5432, each in a socket directory of its own: the hosts of a
    // multi-host connection string are the two directories, and its one Port serves both.
    [TestCase("prefer-standby", true)]
    [TestCase("standby", true)]
    [TestCase("prefer-primary", false)]
    [TestCase("primary", false)]
    public async Task A_multi_host_connection_string_reaches_the_server_its_target_session_attributes_ask_for(string target, bool standby)
    {
        var multiHost = new NpgsqlConnectionStringBuilder(MultiHostConnectionString()) { TargetSessionAttributes = target }.ConnectionString;

        await using var connection = new NpgsqlConnection(multiHost);
        await connection.OpenAsync();

        await AssertReachedAsync(connection, standby);
    }

    [Test]
    public async Task A_multi_host_data_source_gives_standby_and_primary_connections_by_target_session()
    {
        await using var dataSource = new NpgsqlDataSourceBuilder(MultiHostConnectionString()).BuildMultiHost();

        await using (var toStandby = await dataSource.WithTargetSession(TargetSessionAttributes.PreferStandby).OpenConnectionAsync())
        {
            await AssertReachedAsync(toStandby, standby: true);
        }

        await using var toPrimary = await dataSource.WithTargetSession(TargetSessionAttributes.Primary).OpenConnectionAsync();
        await AssertReachedAsync(toPrimary, standby: false);
    }

    /// <summary>The test database on the primary's socket directory, then the standby's.</summary>
    private string MultiHostConnectionString()
    {
        var builder = new NpgsqlConnectionStringBuilder(Primary.ConnectionString);
        builder.Host = $"{builder.Host},{Standby.SocketDirectory}";
        return builder.ConnectionString;
    }

    private async Task AssertReachedAsync(NpgsqlConnection connection, bool standby)
    {
        var expectedHost = standby ? Standby.SocketDirectory : new NpgsqlConnectionStringBuilder(Primary.ConnectionString).Host;
        await using var inRecovery = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
        var inRecoveryNow = await inRecovery.ExecuteScalarAsync();
        Assert.Multiple(() =>
        {
            Assert.That(inRecoveryNow, Is.EqualTo(standby), "pg_is_in_recovery()");
            Assert.That(connection.Host, Is.EqualTo(expectedHost), "the socket directory connected to");
        });
    }

    private static async Task InsertAsync(string connectionString, int id, string note) =>
        await ScalarAsync(connectionString, "INSERT INTO harness_rows (id, note) VALUES ($1, $2)", id, note);

    private static async Task<string?> NoteAsync(string connectionString, int id) =>
        (string?)await ScalarAsync(connectionString, "SELECT note FROM harness_rows WHERE id = $1", id);

    private static async Task<object?> ScalarAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new() { Value = parameter });
        }

        return await command.ExecuteScalarAsync();
    }
}
