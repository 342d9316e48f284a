using Microsoft.EntityFrameworkCore;
using Webchats.Application.Common.Exceptions;
using Webchats.Application.Common.Interfaces;

namespace Webchats.Infrastructure.Persistence;

internal sealed class UnitOfWork(WebchatsDbContext db) : IUnitOfWork
{
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            throw new ConcurrencyConflictException(exception);
        }
    }

    public void DiscardChanges() => db.ChangeTracker.Clear();
}
