namespace Webchats.Domain.Common;

public static class Timestamps
{
    /// <summary>
    /// The contract shows times with millisecond precision; storing exactly what is shown keeps a
    /// read-back value equal to the value that was written.
    /// </summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
