using Webchats.Domain.Webchats;

namespace Webchats.Application.Common.Interfaces;

/// <summary>Loads and adds the webchat aggregate; <see cref="IUnitOfWork.SaveChangesAsync"/> stores what its methods changed.</summary>
public interface IWebchatRepository
{
    /// <summary>A live (not deleted) webchat of the organization, tracked: its changes are saved with the unit of work.</summary>
    Task<Webchat?> FindForUpdateAsync(string organizationId, string id, CancellationToken cancellationToken);

    /// <summary>
    /// A live and enabled webchat of any organization, read only: what the public widget
    /// endpoint shows (it knows no organization, only the id). With <paramref name="mayLag"/> it may
    /// come from a copy that is a moment behind (a hot standby); its version tells how current it is.
    /// </summary>
    Task<Webchat?> FindPublishedAsync(string id, bool mayLag, CancellationToken cancellationToken);

    /// <summary>Whether any webchat row, live or deleted, still stores this icon key.</summary>
    Task<bool> IsIconKeyInUseAsync(string key, CancellationToken cancellationToken);

    void Add(Webchat webchat);
}
