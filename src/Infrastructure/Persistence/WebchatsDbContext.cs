using Microsoft.EntityFrameworkCore;
using Webchats.Domain.ApiTokens;
using Webchats.Domain.ReferenceData;
using Webchats.Infrastructure.Idempotency;
using Webchats.Domain.Webchats;

namespace Webchats.Infrastructure.Persistence;

public sealed class WebchatsDbContext(DbContextOptions<WebchatsDbContext> options) : DbContext(options)
{
    public DbSet<Webchat> Webchats => Set<Webchat>();
    public DbSet<Prompt> Prompts => Set<Prompt>();
    public DbSet<Pipeline> Pipelines => Set<Pipeline>();
    public DbSet<WebchatRevision> WebchatRevisions => Set<WebchatRevision>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WebchatsDbContext).Assembly);
}
