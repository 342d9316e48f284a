using Microsoft.EntityFrameworkCore;
using Webchats.Application.Common.Interfaces;
using Webchats.Domain.Webchats;

namespace Webchats.Infrastructure.Persistence.Repositories;

/// <summary>
/// The webchat aggregate's persistence (the query side reads through <see cref="ReadModels.WebchatReadModel"/>).
/// The hot lookups are compiled once (no LINQ translation per call) and every query filters on the
/// organization, so one tenant can never load another's webchat — except
/// <see cref="FindPublishedAsync"/>, whose result only ever reaches the public projection.
/// </summary>
internal sealed class WebchatRepository(WebchatsDbContext db) : IWebchatRepository
{
    private static readonly Func<WebchatsDbContext, string, string, CancellationToken, Task<Webchat?>> FindTracked =
        EF.CompileAsyncQuery((WebchatsDbContext context, string organizationId, string id, CancellationToken _) =>
            context.Webchats.FirstOrDefault(w => w.Id == id && w.OrganizationId == organizationId && w.DeletedAt == null));

    // The public widget endpoint: by primary key across organizations, live and enabled only.
    private static readonly Func<WebchatsDbContext, string, CancellationToken, Task<Webchat?>> FindPublished =
        EF.CompileAsyncQuery((WebchatsDbContext context, string id, CancellationToken _) =>
            context.Webchats.AsNoTracking().FirstOrDefault(w => w.Id == id && w.DeletedAt == null && w.Settings.IsEnabled));

    public Task<Webchat?> FindForUpdateAsync(string organizationId, string id, CancellationToken cancellationToken) =>
        FindTracked(db, organizationId, id, cancellationToken);

    public Task<Webchat?> FindPublishedAsync(string id, CancellationToken cancellationToken) =>
        FindPublished(db, id, cancellationToken);

    public Task<bool> IsIconKeyInUseAsync(string key, CancellationToken cancellationToken) =>
        db.Webchats.AnyAsync(w => w.Settings.IconKey == key, cancellationToken);

    public void Add(Webchat webchat) => db.Webchats.Add(webchat);
}
