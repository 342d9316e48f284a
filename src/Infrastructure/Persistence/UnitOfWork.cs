using Microsoft.EntityFrameworkCore;
using Webchats.Application.Common.Exceptions;
using Webchats.Application.Common.Interfaces;
using Webchats.Domain.Webchats;
using Webchats.Infrastructure.Persistence.ChangeNotifications;

namespace Webchats.Infrastructure.Persistence;

internal sealed class UnitOfWork(WebchatsDbContext db, IEnumerable<IWebchatChangeObserver> observers) : IUnitOfWork
{
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        // Read before saving: afterwards every entry is Unchanged.
        var changed = db.ChangeTracker.Entries<Webchat>()
            .Where(entry => entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(entry => (entry.Entity, Gone: entry.State == EntityState.Deleted))
            .ToList();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            throw new ConcurrencyConflictException(exception);
        }

        // This replica's caches hear of its own commits at once (its next read shows the write);
        // every replica, this one included, hears of them again through PostgreSQL's notification.
        foreach (var (webchat, gone) in changed)
        {
            foreach (var observer in observers)
            {
                observer.Changed(webchat.Id, gone ? long.MaxValue : webchat.Version);
            }
        }
    }

    public void DiscardChanges() => db.ChangeTracker.Clear();
}
