using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Webchats.Infrastructure.Persistence.ChangeNotifications;

/// <summary>
/// Hears every committed change of a webchat, from any replica, and tells this replica's
/// <see cref="IWebchatChangeObserver"/>s. The trigger of migration <c>WebchatChangeNotifications</c>
/// notifies <see cref="Channel"/> inside the changing transaction, so PostgreSQL delivers it exactly
/// when the change commits and no commit can skip it. One connection of its own (not pooled: a
/// LISTEN must not go back to a pool) stays listening; a heartbeat on it every
/// <see cref="HeartbeatInterval"/> proves the notifications are flowing: PostgreSQL delivers every
/// notification committed before a query starts ahead of that query's answer, so an answered
/// heartbeat vouches for every change committed before it was sent, and its answer (the primary's
/// WAL position) says how far a standby must have replayed to hold them all (<see cref="WebchatChangeFeed"/>).
/// On a lost connection it reconnects with back-off, and the observers drop everything once it
/// listens again.
/// </summary>
public sealed partial class WebchatChangeListener(
    [FromKeyedServices(WebchatChangeListener.DataSourceKey)] NpgsqlDataSource dataSource,
    WebchatChangeFeed feed,
    IEnumerable<IWebchatChangeObserver> observers,
    TimeProvider time,
    ILogger<WebchatChangeListener> logger) : BackgroundService
{
    public const string Channel = "webchat_changes";

    /// <summary>The listener's own data source (keyed): the primary, without pooling.</summary>
    public const string DataSourceKey = "webchat-change-listener";

    /// <summary>Seen in <c>pg_stat_activity</c>; a test ends the listener's session by it.</summary>
    public const string ApplicationName = "webchats-change-listener";

    /// <summary>
    /// How often it asks, which is also how late a notification may be read: well inside
    /// <see cref="WebchatChangeFeed.MaxStaleness"/>, so a slow heartbeat or two never stops the cache.
    /// </summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private readonly IWebchatChangeObserver[] _observers = [.. observers];
    private TimeSpan _retryDelay = FirstRetryDelay;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
#pragma warning disable CA1031 // Whatever broke the connection (database down, session ended, timeout), listen again.
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                feed.Lose();
                LogConnectionLost(exception, _retryDelay.TotalMilliseconds);
            }

            try
            {
                await Task.Delay(_retryDelay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _retryDelay = TimeSpan.FromTicks(Math.Min(_retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var session = await dataSource.OpenConnectionAsync(stoppingToken);
        session.Notification += (_, notification) => Dispatch(notification.Payload);

        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", session))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        // What was kept before this connection may have missed notifications: from here on nothing
        // is missed, and the first heartbeat below vouches for it.
        feed.StartEpoch();
        foreach (var observer in _observers)
        {
            observer.Reset();
        }

        _retryDelay = FirstRetryDelay;
        LogListening();

        // The insert position, not the write position: with asynchronous commit a committed change
        // may not be written out yet, but it has been inserted.
        await using var heartbeat = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()", session) { CommandTimeout = (int)HeartbeatTimeout.TotalSeconds };
        while (true)
        {
            var sent = time.GetTimestamp();
            var position = (NpgsqlTypes.NpgsqlLogSequenceNumber)(await heartbeat.ExecuteScalarAsync(stoppingToken))!;
            feed.Vouch(sent, (ulong)position);

            // Npgsql reads the notifications that arrived meanwhile with the next answer (raising
            // Notification), so the heartbeat is also the delivery: no NpgsqlConnection.WaitAsync,
            // whose timeout leaves the connection closed (npgsql/npgsql#5804).
            var next = HeartbeatInterval - time.GetElapsedTime(sent);
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next, time, stoppingToken);
            }
        }
    }

    /// <summary>Payloads: <c>id:version</c> for a stored change, <c>id</c> for a deleted row, <c>*</c> for a truncation.</summary>
    private void Dispatch(string payload)
    {
        if (payload == "*")
        {
            foreach (var observer in _observers)
            {
                observer.Reset();
            }

            return;
        }

        var separator = payload.IndexOf(':', StringComparison.Ordinal);
        var id = separator < 0 ? payload : payload[..separator];
        var version = separator < 0 ? long.MaxValue : long.Parse(payload.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture);
        foreach (var observer in _observers)
        {
            observer.Changed(id, version);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for webchat changes")]
    private partial void LogListening();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The webchat change listener lost its connection; cached public configurations are not served until it listens again (next try in {RetryMilliseconds} ms)")]
    private partial void LogConnectionLost(Exception exception, double retryMilliseconds);
}
