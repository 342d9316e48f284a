using Microsoft.EntityFrameworkCore;
using Webchats.Application.Common.Interfaces;
using Webchats.Domain.Webchats;

namespace Webchats.Infrastructure.Persistence.Repositories;

/// <summary>
/// Webchat persistence. The hot lookups are compiled once (no LINQ translation per call) and every
/// query filters on the organization, so one tenant can never load another's webchat — except
/// <see cref="FindPublishedAsync"/>, whose result only ever reaches the public projection.
/// </summary>
internal sealed class WebchatRepository(WebchatsDbContext db) : IWebchatRepository
{
    // Webchats loaded for an update in this scope, with their values as loaded (see WebchatChangeWriter).
    private readonly Dictionary<Webchat, LoadedWebchat> _loadedForUpdate = new(ReferenceEqualityComparer.Instance);

    private static readonly Func<WebchatsDbContext, string, string, CancellationToken, Task<Webchat?>> FindUntracked =
        EF.CompileAsyncQuery((WebchatsDbContext context, string organizationId, string id, CancellationToken _) =>
            context.Webchats.AsNoTracking().FirstOrDefault(w => w.Id == id && w.OrganizationId == organizationId && w.DeletedAt == null));

    // The public widget endpoint: by primary key across organizations, live and enabled only.
    private static readonly Func<WebchatsDbContext, string, CancellationToken, Task<Webchat?>> FindPublished =
        EF.CompileAsyncQuery((WebchatsDbContext context, string id, CancellationToken _) =>
            context.Webchats.AsNoTracking().FirstOrDefault(w => w.Id == id && w.DeletedAt == null && w.IsEnabled));

    private static readonly Func<WebchatsDbContext, string, int, IAsyncEnumerable<Webchat>> FirstPage =
        EF.CompileAsyncQuery((WebchatsDbContext context, string organizationId, int take) =>
            context.Webchats.AsNoTracking()
                .Where(w => w.OrganizationId == organizationId && w.DeletedAt == null)
                .OrderByDescending(w => w.CreatedAt).ThenByDescending(w => w.Id)
                .Take(take));

    private static readonly Func<WebchatsDbContext, string, DateTimeOffset, string, int, IAsyncEnumerable<Webchat>> NextPage =
        EF.CompileAsyncQuery((WebchatsDbContext context, string organizationId, DateTimeOffset createdAt, string id, int take) =>
            context.Webchats.AsNoTracking()
                .Where(w => w.OrganizationId == organizationId && w.DeletedAt == null)
                .Where(w => w.CreatedAt < createdAt || (w.CreatedAt == createdAt && string.Compare(w.Id, id) < 0))
                .OrderByDescending(w => w.CreatedAt).ThenByDescending(w => w.Id)
                .Take(take));

    public async Task<Webchat?> FindForUpdateAsync(string organizationId, string id, CancellationToken cancellationToken)
    {
        var webchat = await FindUntracked(db, organizationId, id, cancellationToken);
        if (webchat is not null)
        {
            _loadedForUpdate[webchat] = WebchatChangeWriter.Snapshot(db.Model, webchat);
        }

        return webchat;
    }

    public Task<Webchat?> FindAsync(string organizationId, string id, CancellationToken cancellationToken) =>
        FindUntracked(db, organizationId, id, cancellationToken);

    public Task<Webchat?> FindPublishedAsync(string id, CancellationToken cancellationToken) =>
        FindPublished(db, id, cancellationToken);

    public async Task<IReadOnlyList<Webchat>> ListAsync(
        string organizationId, WebchatListPosition? after, int take, CancellationToken cancellationToken)
    {
        var rows = after is null
            ? FirstPage(db, organizationId, take)
            : NextPage(db, organizationId, after.CreatedAt, after.Id, take);
        var list = new List<Webchat>(take);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            list.Add(row);
        }

        return list;
    }

    public Task<bool> IsIconKeyInUseAsync(string key, CancellationToken cancellationToken) =>
        db.Webchats.AnyAsync(w => w.IconKey == key, cancellationToken);

    public void Add(Webchat webchat) => db.Webchats.Add(webchat);

    public Task SaveChangeAsync(Webchat webchat, WebchatRevision revision, CancellationToken cancellationToken) =>
        // Forgotten whatever the outcome: after a write conflict the handler loads the row again.
        _loadedForUpdate.Remove(webchat, out var loaded)
            ? WebchatChangeWriter.WriteAsync(db, webchat, loaded, revision, cancellationToken)
            : throw new InvalidOperationException("Only a webchat loaded for update can be written this way, and only once.");
}
