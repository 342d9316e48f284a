using Webchats.Domain.Webchats;

namespace Webchats.Application.Common.Interfaces;

/// <summary>Loads and stores the webchat aggregate (commands, and the public widget's domain checks).</summary>
public interface IWebchatRepository
{
    /// <summary>A live (not deleted) webchat of the organization, loaded for an update (<see cref="SaveChangeAsync"/>).</summary>
    Task<Webchat?> FindForUpdateAsync(string organizationId, string id, CancellationToken cancellationToken);

    /// <summary>
    /// A live and enabled webchat of any organization, read only: what the public widget
    /// endpoint shows (it knows no organization, only the id).
    /// </summary>
    Task<Webchat?> FindPublishedAsync(string id, CancellationToken cancellationToken);

    /// <summary>Whether any webchat row, live or deleted, still stores this icon key.</summary>
    Task<bool> IsIconKeyInUseAsync(string key, CancellationToken cancellationToken);

    void Add(Webchat webchat);

    /// <summary>
    /// Stores what changed in a webchat loaded by <see cref="FindForUpdateAsync"/> together with the
    /// revision that records it, atomically and at once (not at the next unit-of-work save).
    /// Afterwards the webchat carries its new <see cref="Webchat.Version"/>; to change it again, load it again.
    /// </summary>
    /// <exception cref="Exceptions.ConcurrencyConflictException">Another request changed or deleted the row since it was loaded.</exception>
    Task SaveChangeAsync(Webchat webchat, WebchatRevision revision, CancellationToken cancellationToken);
}
