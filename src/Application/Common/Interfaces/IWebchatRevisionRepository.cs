using Webchats.Domain.Webchats;

namespace Webchats.Application.Common.Interfaces;

/// <summary>The audit trail. Revisions are appended by the database from each written change (<see cref="Webchat.PendingChange"/>), never by the application.</summary>
public interface IWebchatRevisionRepository
{
    /// <summary>A webchat's revisions, newest first, with ids below <paramref name="beforeId"/> when given.</summary>
    Task<IReadOnlyList<WebchatRevision>> ListAsync(
        string organizationId, string webchatId, long? beforeId, int take, CancellationToken cancellationToken);
}
