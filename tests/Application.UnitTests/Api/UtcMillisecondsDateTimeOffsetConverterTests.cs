using System.Text.Json;
using Webchats.Api.Startup;

namespace Webchats.Application.UnitTests.Api;

/// <summary>How every time in a response is written: UTC, milliseconds, <c>Z</c>.</summary>
public sealed class UtcMillisecondsDateTimeOffsetConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new UtcMillisecondsDateTimeOffsetConverter() } };

    [TestCase(2026, 12, 3, 13, 4, 45, 96, 0, "\"2026-12-03T13:04:45.096Z\"")]
    [TestCase(2026, 12, 3, 23, 30, 0, 0, 2, "\"2026-12-03T21:30:00.000Z\"")]
    [TestCase(2027, 1, 1, 0, 59, 59, 999, -1, "\"2027-01-01T01:59:59.999Z\"")]
    [TestCase(1, 1, 1, 0, 0, 0, 0, 0, "\"0001-01-01T00:00:00.000Z\"")]
    [TestCase(9999, 12, 31, 23, 59, 59, 999, 0, "\"9999-12-31T23:59:59.999Z\"")]
    public void A_time_is_written_in_utc_to_the_millisecond(
        int year, int month, int day, int hour, int minute, int second, int millisecond, int offsetHours, string expected)
    {
        var time = new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.FromHours(offsetHours));

        Assert.That(JsonSerializer.Serialize(time, Options), Is.EqualTo(expected));
    }

    [Test]
    public void Ticks_below_a_millisecond_are_cut_off_not_rounded()
    {
        var time = new DateTimeOffset(2026, 12, 3, 13, 4, 45, 96, TimeSpan.Zero).AddTicks(9_999);

        Assert.That(JsonSerializer.Serialize(time, Options), Is.EqualTo("\"2026-12-03T13:04:45.096Z\""));
    }

    [Test]
    public void A_written_time_reads_back_as_the_same_instant_to_the_millisecond()
    {
        var time = new DateTimeOffset(2026, 12, 3, 13, 4, 45, 96, TimeSpan.FromHours(5));

        var read = JsonSerializer.Deserialize<DateTimeOffset>(JsonSerializer.Serialize(time, Options), Options);

        Assert.That(read, Is.EqualTo(time));
    }
}
