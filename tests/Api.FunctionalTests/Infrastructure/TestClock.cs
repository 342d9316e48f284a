namespace Webchats.Api.FunctionalTests.Infrastructure;

/// <summary>
/// The API's clock in tests: it stands still unless a test moves it, and each test starts it at the
/// same instant again (a FakeTimeProvider cannot go back, and the API keeps one clock for the run).
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public DateTimeOffset Now => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _utcTicks, now.UtcTicks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
