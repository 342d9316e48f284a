using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Webchats.Application.Common.Json;

/// <summary>Times as the contract shows them: ISO-8601 UTC with milliseconds and <c>Z</c>.</summary>
public sealed class UtcMillisecondsDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    // The round-trip format of a UTC time, yyyy-MM-ddTHH:mm:ss.fffffffZ, has a fast path of its own,
    // where a custom format string is parsed on every call (docs/benchmarks.md). Its first 23
    // characters are the time to the millisecond, truncated as "fff" would.
    private const int RoundTripLength = 28;
    private const int MillisecondsLength = 23;

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<byte> text = stackalloc byte[RoundTripLength];
        value.UtcDateTime.TryFormat(text, out _, "O", CultureInfo.InvariantCulture);
        text[MillisecondsLength] = (byte)'Z';
        writer.WriteStringValue(text[..(MillisecondsLength + 1)]);
    }
}
