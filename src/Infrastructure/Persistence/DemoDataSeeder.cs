using Microsoft.EntityFrameworkCore;
using Webchats.Domain.ReferenceData;
using Webchats.Domain.Webchats;

namespace Webchats.Infrastructure.Persistence;

/// <summary>Demo data for local runs, with the ids of the public reference page. Idempotent.</summary>
public sealed class DemoDataSeeder(WebchatsDbContext db, TimeProvider time)
{
    public const string OrganizationId = "65a0e0e0e0e0e0e0e0e0e0e0";
    public const string UserId = "65b1f0a2c3d4e5f6a7b8c9d0";
    public const string PromptId = "65b2a1c3d4e5f6a7b8c9d0e1";
    public const string PipelineId = "66f0a0b0c0d0e0f0a0b0c0d0";
    public const string WebchatId = "67d3a0b0c0d0e0f0a0b0c0d0";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!await db.Prompts.AnyAsync(p => p.Id == PromptId, cancellationToken))
        {
            db.Prompts.Add(new Prompt(PromptId, OrganizationId, "Sales assistant"));
        }

        if (!await db.Pipelines.AnyAsync(p => p.Id == PipelineId, cancellationToken))
        {
            db.Pipelines.Add(new Pipeline(PipelineId, OrganizationId, "Inbound leads", ["new", "qualified", "won", "lost"]));
        }

        if (!await db.Webchats.AnyAsync(w => w.Id == WebchatId, cancellationToken))
        {
            db.Webchats.Add(Webchat.Create(WebchatId, OrganizationId, UserId, WebchatFields.Defaults with
            {
                Name = "Marketing site widget",
                Description = "Bottom-right widget on the marketing site",
                StarterMessage = "Hi! Looking for pricing?",
                PromptId = PromptId,
                AllowedDomains = OriginList.FromStored(["https://example.com"]),
                PipelineId = PipelineId,
                InitialStage = "new",
                IsAutopilot = true,
            }, time.GetUtcNow()));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
