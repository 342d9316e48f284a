using Microsoft.EntityFrameworkCore;
using Webchats.Application.Common.Interfaces;
using Webchats.Domain.ApiTokens;

namespace Webchats.Infrastructure.Persistence.Repositories;

internal sealed class ApiTokenRepository(WebchatsDbContext db) : IApiTokenRepository
{
    private static readonly Func<WebchatsDbContext, string, CancellationToken, Task<ApiToken?>> FindById =
        EF.CompileAsyncQuery((WebchatsDbContext context, string id, CancellationToken _) =>
            context.ApiTokens.FirstOrDefault(t => t.Id == id));

    public Task<ApiToken?> FindAsync(string id, CancellationToken cancellationToken) => FindById(db, id, cancellationToken);

    public async Task<IReadOnlyList<ApiToken>> ListAsync(string organizationId, CancellationToken cancellationToken) =>
        await db.ApiTokens.AsNoTracking()
            .Where(t => t.OrganizationId == organizationId)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .ToListAsync(cancellationToken);

    public Task<int> CountLiveAsync(string organizationId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.ApiTokens.CountAsync(t => t.OrganizationId == organizationId && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now), cancellationToken);

    public void Add(ApiToken token) => db.ApiTokens.Add(token);
}
