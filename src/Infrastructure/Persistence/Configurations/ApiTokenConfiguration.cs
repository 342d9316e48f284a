using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Webchats.Domain.ApiTokens;

namespace Webchats.Infrastructure.Persistence.Configurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("api_tokens", table => table.HasCheckConstraint("ck_api_tokens_id", ObjectIdColumn.CheckSql("id")));
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).IsObjectId().ValueGeneratedNever();
        builder.Property(t => t.OrganizationId).IsObjectId();
        builder.Property(t => t.CreatedBy).IsObjectId();
        builder.Property(t => t.Name).HasMaxLength(ApiToken.NameMaxLength);
        builder.Property(t => t.SecretHash).HasMaxLength(32);
        builder.PrimitiveCollection(t => t.Scopes)
            .HasField("_scopes")
            .UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasColumnType("jsonb")
            .IsRequired();
        builder.HasIndex(t => new { t.OrganizationId, t.CreatedAt });
    }
}
