using Microsoft.EntityFrameworkCore;
using Webchats.Domain.ReferenceData;
using Webchats.Domain.Webchats;

namespace Webchats.Infrastructure.Persistence;

public sealed class WebchatsDbContext(DbContextOptions<WebchatsDbContext> options) : DbContext(options)
{
    public DbSet<Webchat> Webchats => Set<Webchat>();
    public DbSet<Prompt> Prompts => Set<Prompt>();
    public DbSet<Pipeline> Pipelines => Set<Pipeline>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WebchatsDbContext).Assembly);
}
