using Microsoft.EntityFrameworkCore;
using Webchats.Application.Common.Interfaces;
using Webchats.Domain.ReferenceData;

namespace Webchats.Infrastructure.Persistence.Repositories;

internal sealed class ReferenceData(WebchatsDbContext db) : IReferenceData
{
    public Task<bool> PromptExistsAsync(string organizationId, string promptId, CancellationToken cancellationToken) =>
        db.Prompts.AnyAsync(p => p.Id == promptId && p.OrganizationId == organizationId, cancellationToken);

    public Task<Pipeline?> FindPipelineAsync(string organizationId, string pipelineId, CancellationToken cancellationToken) =>
        db.Pipelines.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pipelineId && p.OrganizationId == organizationId, cancellationToken);
}
