using System.Text.Json;
using System.Text.Json.Serialization;
using Webchats.Domain.Common;

namespace Webchats.Api.Startup;

/// <summary>Times as the contract shows them: ISO-8601 UTC with milliseconds and <c>Z</c> (<see cref="Timestamps.FormatUtf8"/>).</summary>
public sealed class UtcMillisecondsDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<byte> text = stackalloc byte[Timestamps.TextLength];
        Timestamps.FormatUtf8(value, text);
        writer.WriteStringValue(text);
    }
}
