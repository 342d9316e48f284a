using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Webchats.Domain.Webchats;

namespace Webchats.Infrastructure.Persistence.Configurations;

internal sealed class WebchatConfiguration : IEntityTypeConfiguration<Webchat>
{
    private static readonly string[] ObjectIdColumns = ["id", "organization_id", "user_id", "created_by", "updated_by"];

    // One converter per value type: what a field's rule parsed is stored as its plain text.
    private static readonly ValueConverter<HexColor, string> ColorColumn = new(color => color.Value, text => HexColor.FromStored(text));
    private static readonly ValueConverter<WidgetPosition, string> PositionColumn = new(position => position.ToName(), text => ParsePosition(text));
    private static readonly ValueConverter<OriginList, string> OriginsColumn = new(origins => WebchatColumns.ToJson(origins), json => OriginList.FromStored(WebchatColumns.FromJson(json)));

    public void Configure(EntityTypeBuilder<Webchat> builder)
    {
        builder.ToTable("webchats", table =>
        {
            foreach (var column in ObjectIdColumns)
            {
                table.HasCheckConstraint($"ck_webchats_{column}", ObjectIdColumn.CheckSql(column));
            }

            table.HasCheckConstraint("ck_webchats_offsets", "offset_x BETWEEN 0 AND 500 AND offset_y BETWEEN 0 AND 500 AND z_index >= 0");
            table.HasCheckConstraint("ck_webchats_position", "position IN ('bottom-right', 'bottom-left')");
            table.HasCheckConstraint("ck_webchats_allowed_domains", "jsonb_typeof(allowed_domains) = 'array'");
            table.HasCheckConstraint("ck_webchats_version", "version >= 1");
        });

        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).IsObjectId().ValueGeneratedNever();
        builder.Property(w => w.OrganizationId).IsObjectId();
        builder.Property(w => w.UserId).IsObjectId();
        builder.Property(w => w.CreatedBy).IsObjectId();
        builder.Property(w => w.UpdatedBy).IsObjectId();

        // The settings are a value in the webchats row: one column per declared field.
        builder.ComplexProperty(w => w.Settings, settings =>
        {
            foreach (var field in WebchatFields.All)
            {
                var column = settings.Property(field.PropertyName).HasColumnName(WebchatColumns.Of(field)).IsRequired(!field.IsNullable);

                // PostgreSQL counts varchar lengths in characters, as the field rules do: the
                // database refuses what the rules refuse, even if a bug let it through.
                if (field.MaxLength is { } maxLength)
                {
                    column.HasMaxLength(maxLength).IsFixedLength(false);
                }

                _ = field.ValueType switch
                {
                    var type when type == typeof(HexColor) => column.HasConversion(ColorColumn),
                    var type when type == typeof(WidgetPosition) => column.HasConversion(PositionColumn),
                    var type when type == typeof(OriginList) => column.HasConversion(OriginsColumn).HasColumnType("jsonb"),
                    _ => column,
                };
            }
        });

        // Written with every change; the webchats_record_revision trigger moves it into the history
        // in the same statement (so a change and its revision exist together or not at all,
        // without a transaction) and the row keeps NULL, so it is never read back. Each change is
        // a new value, so reference equality is all the change tracker needs.
        builder.Property(w => w.PendingChange)
            .HasColumnType("jsonb")
            .HasConversion(
                change => change == null ? null : FieldChangesJson.SerializePending(change),
                _ => null,
                new ValueComparer<RecordedChange?>((a, b) => ReferenceEquals(a, b), change => change == null ? 0 : change.Changes.Count, change => change));

        // The webchat's own version (the aggregate counts it): the source of ETags and the
        // optimistic concurrency token (UPDATE … WHERE version = the one loaded). Not xmin, a
        // counter shared by every tenant's writes (issue 18).
        builder.Property(w => w.Version).IsConcurrencyToken();

        builder.Ignore(w => w.IsDeleted);

        // Newest-first listing of one organization's live webchats (keyset pagination).
        builder.HasIndex(w => new { w.OrganizationId, w.CreatedAt, w.Id })
            .IsDescending(false, true, true)
            .HasFilter("deleted_at IS NULL")
            .HasDatabaseName("ix_webchats_organization_created");

        // "Which webchats allow this origin?" is one indexed containment query: the GIN index
        // ix_webchats_allowed_domains (jsonb_path_ops) made by the InitialCreate migration. EF Core 10
        // cannot declare an index on a property of a complex type, so it lives in the migrations
        // only (the FieldRedesign migration keeps it).
    }

    private static WidgetPosition ParsePosition(string name) =>
        WidgetPositions.TryParse(name, out var position) ? position : throw new InvalidOperationException($"Unknown position '{name}' in the database.");
}
