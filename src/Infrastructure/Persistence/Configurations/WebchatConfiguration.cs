using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Webchats.Domain.Webchats;

namespace Webchats.Infrastructure.Persistence.Configurations;

internal sealed class WebchatConfiguration : IEntityTypeConfiguration<Webchat>
{
    private const int IconKeyMaxLength = 1024;

    private static readonly string[] ObjectIdColumns = ["id", "organization_id", "user_id", "created_by", "updated_by"];

    private static readonly string[] ColorProperties =
    [
        nameof(Webchat.BackgroundColor), nameof(Webchat.PrimaryColor), nameof(Webchat.SecondaryColor),
        nameof(Webchat.HeaderTextColor), nameof(Webchat.StatusTextColor), nameof(Webchat.TimestampColor),
        nameof(Webchat.CsatBackgroundColor), nameof(Webchat.CsatTextColor),
    ];

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
        });

        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).IsObjectId().ValueGeneratedNever();
        builder.Property(w => w.OrganizationId).IsObjectId();
        builder.Property(w => w.UserId).IsObjectId();
        builder.Property(w => w.CreatedBy).IsObjectId();
        builder.Property(w => w.UpdatedBy).IsObjectId();
        builder.Property(w => w.PromptId).IsObjectId();
        builder.Property(w => w.PipelineId).IsObjectId();

        // PostgreSQL counts varchar lengths in characters, as the domain rules do: the database
        // refuses what the rules refuse, even if a bug let it through.
        builder.Property(w => w.Name).HasMaxLength(WebchatLimits.NameMaxLength);
        builder.Property(w => w.Description).HasMaxLength(WebchatLimits.DescriptionMaxLength);
        builder.Property(w => w.StarterMessage).HasMaxLength(WebchatLimits.StarterMessageMaxLength);
        builder.Property(w => w.StatusText).HasMaxLength(WebchatLimits.StatusTextMaxLength);
        builder.Property(w => w.CsatThankYouMessage).HasMaxLength(WebchatLimits.CsatThankYouMessageMaxLength);
        builder.Property(w => w.PipelineStage).HasMaxLength(WebchatLimits.StageMaxLength);
        builder.Property(w => w.InitialStage).HasMaxLength(WebchatLimits.StageMaxLength);
        builder.Property(w => w.IconKey).HasMaxLength(IconKeyMaxLength);
        foreach (var color in ColorProperties)
        {
            builder.Property<string>(color).HasMaxLength(9);
        }

        builder.Property(w => w.Position)
            .HasConversion(position => position.ToName(), name => ParsePosition(name))
            .HasMaxLength(16);

        builder.PrimitiveCollection(w => w.AllowedDomains)
            .HasField("_allowedDomains")
            .UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasColumnType("jsonb")
            .IsRequired();

        // PostgreSQL's row version; the source of ETags and of optimistic concurrency.
        builder.Property(w => w.Version).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();

        builder.Ignore(w => w.Settings);
        builder.Ignore(w => w.IsDeleted);

        // Newest-first listing of one organization's live webchats (keyset pagination).
        builder.HasIndex(w => new { w.OrganizationId, w.CreatedAt, w.Id })
            .IsDescending(false, true, true)
            .HasFilter("deleted_at IS NULL")
            .HasDatabaseName("ix_webchats_organization_created");

        // "Which webchats allow this origin?" is one indexed containment query.
        builder.HasIndex(w => w.AllowedDomains)
            .HasMethod("gin")
            .HasOperators("jsonb_path_ops")
            .HasDatabaseName("ix_webchats_allowed_domains");
    }

    private static WidgetPosition ParsePosition(string name) =>
        WidgetPositions.TryParse(name, out var position) ? position : throw new InvalidOperationException($"Unknown position '{name}' in the database.");
}
