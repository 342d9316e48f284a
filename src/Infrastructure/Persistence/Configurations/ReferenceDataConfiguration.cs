using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Webchats.Domain.ReferenceData;

namespace Webchats.Infrastructure.Persistence.Configurations;

internal sealed class PromptConfiguration : IEntityTypeConfiguration<Prompt>
{
    public void Configure(EntityTypeBuilder<Prompt> builder)
    {
        builder.ToTable("prompts", table => table.HasCheckConstraint("ck_prompts_id", ObjectIdColumn.CheckSql("id")));
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).IsObjectId().ValueGeneratedNever();
        builder.Property(p => p.OrganizationId).IsObjectId();
        builder.HasIndex(p => p.OrganizationId);
    }
}

internal sealed class PipelineConfiguration : IEntityTypeConfiguration<Pipeline>
{
    public void Configure(EntityTypeBuilder<Pipeline> builder)
    {
        builder.ToTable("pipelines", table => table.HasCheckConstraint("ck_pipelines_id", ObjectIdColumn.CheckSql("id")));
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).IsObjectId().ValueGeneratedNever();
        builder.Property(p => p.OrganizationId).IsObjectId();
        builder.PrimitiveCollection(p => p.Stages)
            .HasField("_stages")
            .UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasColumnType("jsonb")
            .IsRequired();
        builder.HasIndex(p => p.OrganizationId);
    }
}
