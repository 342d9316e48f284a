using System.Globalization;

namespace Webchats.Domain.Common;

public static class Timestamps
{
    /// <summary>Bytes in a time as the contract shows it: <c>2026-12-03T13:04:45.096Z</c>.</summary>
    public const int TextLength = 24;

    // The round-trip format of a UTC time, yyyy-MM-ddTHH:mm:ss.fffffffZ, has a fast path of its own,
    // where a custom format string is parsed on every call (docs/benchmarks.md). Its first 23
    // characters are the time to the millisecond, truncated as "fff" would.
    private const int RoundTripLength = 28;

    /// <summary>
    /// The contract shows times with millisecond precision; storing exactly what is shown keeps a
    /// read-back value equal to the value that was written.
    /// </summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>
    /// Writes a time as the contract shows it — ISO 8601 in UTC to the millisecond (cut off, not
    /// rounded), with <c>Z</c> — as <see cref="TextLength"/> UTF-8 bytes at the start of
    /// <paramref name="destination"/>. The one definition of that text: API responses and the
    /// revisions' stored values (which the history endpoint returns as they are) both use it.
    /// </summary>
    public static void FormatUtf8(DateTimeOffset value, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, TextLength, nameof(destination));
        Span<byte> roundTrip = stackalloc byte[RoundTripLength];
        value.UtcDateTime.TryFormat(roundTrip, out _, "O", CultureInfo.InvariantCulture);
        roundTrip[..(TextLength - 1)].CopyTo(destination);
        destination[TextLength - 1] = (byte)'Z';
    }
}
