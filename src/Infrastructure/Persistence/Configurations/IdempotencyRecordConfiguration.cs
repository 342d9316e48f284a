using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Webchats.Infrastructure.Idempotency;

namespace Webchats.Infrastructure.Persistence.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_records");
        builder.HasKey(r => new { r.OrganizationId, r.Key });
        builder.Property(r => r.OrganizationId).IsObjectId();
        builder.Property(r => r.Key).HasMaxLength(255);
        builder.Property(r => r.ETag).HasColumnName("etag");
        builder.HasIndex(r => r.CreatedAt);
    }
}
