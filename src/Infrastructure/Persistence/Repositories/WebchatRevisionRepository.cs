using Microsoft.EntityFrameworkCore;
using Webchats.Application.Common.Interfaces;
using Webchats.Domain.Webchats;

namespace Webchats.Infrastructure.Persistence.Repositories;

internal sealed class WebchatRevisionRepository(WebchatsDbContext db) : IWebchatRevisionRepository
{
    public async Task<IReadOnlyList<WebchatRevision>> ListAsync(
        string organizationId, string webchatId, long? beforeVersion, int take, CancellationToken cancellationToken) =>
        await db.WebchatRevisions.AsNoTracking()
            .Where(r => r.WebchatId == webchatId && r.OrganizationId == organizationId && (beforeVersion == null || r.Version < beforeVersion))
            .OrderByDescending(r => r.Version)
            .Take(take)
            .ToListAsync(cancellationToken);
}
