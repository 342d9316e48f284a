using System.Text.Json;
using System.Text.Json.Serialization;
using Webchats.Domain.Common;
using Webchats.Domain.Webchats;

namespace Webchats.Infrastructure.Persistence.Configurations;

/// <summary>
/// The jsonb form of recorded changes: <c>[{"field": …, "old": …, "new": …}, …]</c>, an array
/// because jsonb does not keep the order of object keys and changes are listed in document order.
/// A webchat's <c>pending_change</c> wraps it as <c>{"kind": …, "changes": […]}</c>, which the
/// <c>webchats_record_revision</c> trigger moves into <c>webchat_revisions</c> (leaving NULL).
/// </summary>
internal static class FieldChangesJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new ShownTime() },
    };

    public static string Serialize(IReadOnlyList<FieldChange> changes) => JsonSerializer.Serialize(changes, Json);

    public static List<FieldChange> Deserialize(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(change => new FieldChange(
            change.GetProperty("field").GetString()!, ValueOf(change.GetProperty("old")), ValueOf(change.GetProperty("new"))))];
    }

    public static string SerializePending(RecordedChange change) =>
        JsonSerializer.Serialize(new { kind = change.Kind.ToString(), changes = change.Changes }, Json);

    private static JsonElement? ValueOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? null : element.Clone();

    /// <summary>
    /// A changed time (e.g. <c>deletedAt</c>) is stored as the contract shows it, because the history
    /// endpoint returns the stored values as they are. Changes are read back as JSON, never as times.
    /// </summary>
    private sealed class ShownTime : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Revision changes are read as JSON values.");

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        {
            Span<byte> text = stackalloc byte[Timestamps.TextLength];
            Timestamps.FormatUtf8(value, text);
            writer.WriteStringValue(text);
        }
    }
}
