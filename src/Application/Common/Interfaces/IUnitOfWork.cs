namespace Webchats.Application.Common.Interfaces;

public interface IUnitOfWork
{
    /// <summary>Writes the tracked changes atomically.</summary>
    /// <exception cref="Exceptions.ConcurrencyConflictException">Another request changed a row first.</exception>
    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>Forgets everything loaded or changed so far, so a retry starts from fresh rows.</summary>
    void DiscardChanges();
}
