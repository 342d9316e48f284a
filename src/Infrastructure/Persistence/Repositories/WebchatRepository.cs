using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Webchats.Application.Common.Interfaces;
using Webchats.Domain.Webchats;
using Webchats.Infrastructure.Persistence.ChangeNotifications;

namespace Webchats.Infrastructure.Persistence.Repositories;

/// <summary>
/// The webchat aggregate's persistence (the query side reads through <see cref="ReadModels.WebchatReadModel"/>).
/// The hot lookups are compiled once (no LINQ translation per call) and every query filters on the
/// organization, so one tenant can never load another's webchat — except
/// <see cref="FindPublishedAsync"/>, whose result only ever reaches the public projection.
/// </summary>
internal sealed class WebchatRepository(WebchatsDbContext db, PublicReadDatabase publicRead, WebchatChangeFeed changes) : IWebchatRepository
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

    /// <summary>
    /// With <paramref name="mayLag"/> and a <see cref="PublicReadDatabase"/>, from there, provided
    /// it has replayed everything the change listener vouched for (else from the primary): what it
    /// returns is then at most as old as what this replica may still hear of, and a later change
    /// has a higher version. A primary reached there (no standby up) reports no replay position.
    /// </summary>
    public async Task<Webchat?> FindPublishedAsync(string id, bool mayLag, CancellationToken cancellationToken)
    {
        if (mayLag && publicRead.IsConfigured)
        {
            var required = changes.VouchedPosition;
            await using var copy = publicRead.CreateContext(db.Model);
            await copy.Database.OpenConnectionAsync(cancellationToken);
            await using var replayed = new NpgsqlCommand("SELECT pg_last_wal_replay_lsn()", (NpgsqlConnection)copy.Database.GetDbConnection());
            if (await replayed.ExecuteScalarAsync(cancellationToken) is not NpgsqlLogSequenceNumber position || (ulong)position >= required)
            {
                return await FindPublished(copy, id, cancellationToken);
            }
        }

        return await FindPublished(db, id, cancellationToken);
    }

    public Task<bool> IsIconKeyInUseAsync(string key, CancellationToken cancellationToken) =>
        db.Webchats.AnyAsync(w => w.Settings.IconKey == key, cancellationToken);

    public void Add(Webchat webchat) => db.Webchats.Add(webchat);
}
