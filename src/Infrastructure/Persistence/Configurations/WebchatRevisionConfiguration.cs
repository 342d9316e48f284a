using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Webchats.Domain.Webchats;

namespace Webchats.Infrastructure.Persistence.Configurations;

internal sealed class WebchatRevisionConfiguration : IEntityTypeConfiguration<WebchatRevision>
{
    public void Configure(EntityTypeBuilder<WebchatRevision> builder)
    {
        builder.ToTable("webchat_revisions");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.WebchatId).IsObjectId();
        builder.Property(r => r.OrganizationId).IsObjectId();
        builder.Property(r => r.ChangedBy).IsObjectId();
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);

        // Revisions never change, so reference equality is all the change tracker needs.
        builder.Property(r => r.Changes)
            .HasColumnType("jsonb")
            .HasConversion(changes => FieldChangesJson.Serialize(changes), json => FieldChangesJson.Deserialize(json),
                new ValueComparer<IReadOnlyList<FieldChange>>((a, b) => ReferenceEquals(a, b), v => v.Count, v => v))
            .IsRequired();

        // One revision per version of a webchat; the history reads it newest first.
        builder.HasIndex(r => new { r.WebchatId, r.Version }).IsDescending(false, true).IsUnique();
    }
}
