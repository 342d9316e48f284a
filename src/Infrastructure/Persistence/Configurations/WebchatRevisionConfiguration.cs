using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Webchats.Domain.Common;
using Webchats.Domain.Webchats;

namespace Webchats.Infrastructure.Persistence.Configurations;

internal sealed class WebchatRevisionConfiguration : IEntityTypeConfiguration<WebchatRevision>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new ShownTime() },
    };

    public void Configure(EntityTypeBuilder<WebchatRevision> builder)
    {
        builder.ToTable("webchat_revisions");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.WebchatId).IsObjectId();
        builder.Property(r => r.OrganizationId).IsObjectId();
        builder.Property(r => r.ChangedBy).IsObjectId();
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);

        // [{"field": …, "old": …, "new": …}, …]: an array, because jsonb does not keep the order of
        // object keys and the changes are listed in document order. Revisions never change, so
        // reference equality is all the change tracker needs.
        builder.Ignore(r => r.Changes);
        builder.Property<List<FieldChange>>("_changes")
            .HasColumnName("changes")
            .HasColumnType("jsonb")
            .HasConversion(changes => Serialize(changes), json => Deserialize(json),
                new ValueComparer<List<FieldChange>>((a, b) => ReferenceEquals(a, b), v => v.Count, v => v))
            .IsRequired();

        builder.HasIndex(r => new { r.WebchatId, r.Id }).IsDescending(false, true);
    }

    private static string Serialize(List<FieldChange> changes) => JsonSerializer.Serialize(changes, Json);

    private static List<FieldChange> Deserialize(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(change => new FieldChange(
            change.GetProperty("field").GetString()!, ValueOf(change.GetProperty("old")), ValueOf(change.GetProperty("new"))))];
    }

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
