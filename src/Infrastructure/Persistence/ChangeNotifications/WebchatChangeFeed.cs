namespace Webchats.Infrastructure.Persistence.ChangeNotifications;

/// <summary>
/// Whether this replica hears of every committed change of a webchat in time, as
/// <see cref="WebchatChangeListener"/> reports it. A cache may serve what it filled only while
/// <see cref="IsLive"/> holds and <see cref="Epoch"/> is the one it filled under: then every change
/// committed more than <see cref="MaxStaleness"/> ago has reached its observers.
/// </summary>
public sealed class WebchatChangeFeed(TimeProvider time)
{
    /// <summary>The longest a change committed elsewhere may stay unseen, even with a broken listener.</summary>
    public static readonly TimeSpan MaxStaleness = TimeSpan.FromSeconds(1);

    private long _epoch;
    private long _vouchedAt = long.MinValue;
    private ulong _vouchedPosition;

    /// <summary>Counts the listener's connections: one made after a loss may have missed notifications.</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    /// <summary>
    /// True while the listener has proved, less than <see cref="MaxStaleness"/> ago, that every change
    /// committed before that proof has been delivered. A monotonic timestamp, not the clock of the
    /// contract (which tests stop).
    /// </summary>
    public bool IsLive
    {
        get
        {
            var vouchedAt = Interlocked.Read(ref _vouchedAt);
            return vouchedAt != long.MinValue && time.GetElapsedTime(vouchedAt) < MaxStaleness;
        }
    }

    /// <summary>
    /// Whether every change committed before <paramref name="timestamp"/> (of <see cref="TimeProvider.GetTimestamp"/>)
    /// has reached the observers: a heartbeat sent since then has been answered.
    /// </summary>
    public bool HasDeliveredChangesBefore(long timestamp) => Interlocked.Read(ref _vouchedAt) >= timestamp;

    /// <summary>
    /// The primary's WAL position at the last heartbeat: every change vouched for lies before it. A
    /// copy that has replayed this far holds every change this replica might not hear of again.
    /// </summary>
    public ulong VouchedPosition => Interlocked.Read(ref _vouchedPosition);

    /// <summary>The listener is connected and listening again: what was filled before may be stale.</summary>
    internal void StartEpoch()
    {
        Interlocked.Increment(ref _epoch);
    }

    /// <summary>
    /// Every change committed before <paramref name="timestamp"/> has been delivered, and lies before
    /// WAL position <paramref name="position"/>.
    /// </summary>
    internal void Vouch(long timestamp, ulong position)
    {
        Interlocked.Exchange(ref _vouchedPosition, position);
        Interlocked.Exchange(ref _vouchedAt, timestamp);
    }

    /// <summary>The listener lost its connection: nothing can be vouched for until it is back.</summary>
    internal void Lose() => Interlocked.Exchange(ref _vouchedAt, long.MinValue);
}
