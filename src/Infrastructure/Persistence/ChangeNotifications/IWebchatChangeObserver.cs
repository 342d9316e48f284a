namespace Webchats.Infrastructure.Persistence.ChangeNotifications;

/// <summary>
/// Something a replica keeps about webchats (the public configuration cache) and must forget when
/// they change. It hears of every change committed by any replica, through PostgreSQL's
/// notifications (<see cref="WebchatChangeListener"/>), and of this replica's own at once, after
/// its commit (<see cref="UnitOfWork"/>), so a replica reads its own writes.
/// </summary>
public interface IWebchatChangeObserver
{
    /// <summary>
    /// The webchat now has <paramref name="version"/> (<see cref="long.MaxValue"/>: it is gone).
    /// A change may be reported twice (by this replica and by the notification); versions only grow.
    /// </summary>
    void Changed(string webchatId, long version);

    /// <summary>Anything may have changed (the listener reconnected, or the table was truncated).</summary>
    void Reset();
}
