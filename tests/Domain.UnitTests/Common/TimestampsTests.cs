using System.Text;
using Webchats.Domain.Common;

namespace Webchats.Domain.UnitTests.Common;

/// <summary>The contract's text of a time (responses and stored revision values): UTC, milliseconds, <c>Z</c>.</summary>
public sealed class TimestampsTests
{
    [TestCase(0, "2026-12-03T13:04:45.096Z")]
    [TestCase(2, "2026-12-03T11:04:45.096Z")]
    [TestCase(-1, "2026-12-03T14:04:45.096Z")]
    public void A_time_is_shown_in_utc_to_the_millisecond(int offsetHours, string expected)
    {
        var time = new DateTimeOffset(2026, 12, 3, 13, 4, 45, 96, TimeSpan.FromHours(offsetHours)).AddTicks(9_999);

        Assert.That(Text(time), Is.EqualTo(expected));
    }

    [Test]
    public void The_text_of_a_stored_time_reads_back_as_that_time()
    {
        var stored = Timestamps.ToStoredPrecision(new DateTimeOffset(2026, 12, 3, 13, 4, 45, 96, TimeSpan.FromHours(5)).AddTicks(1234));

        Assert.That(DateTimeOffset.Parse(Text(stored), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(stored));
    }

    [Test]
    public void A_destination_shorter_than_the_text_is_refused() =>
        Assert.That(() => Timestamps.FormatUtf8(DateTimeOffset.UnixEpoch, new byte[Timestamps.TextLength - 1]), Throws.TypeOf<ArgumentOutOfRangeException>());

    private static string Text(DateTimeOffset time)
    {
        var text = new byte[Timestamps.TextLength];
        Timestamps.FormatUtf8(time, text);
        return Encoding.ASCII.GetString(text);
    }
}
