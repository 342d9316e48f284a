using Webchats.Domain.Webchats;

namespace Webchats.Application.Common.Interfaces;

/// <summary>The audit trail. Revisions are appended by the database from each written change (<see cref="Webchat.PendingChange"/>), never by the application.</summary>
public interface IWebchatRevisionRepository
{
    /// <summary>A webchat's revisions, newest first, with versions below <paramref name="beforeVersion"/> when given.</summary>
    Task<IReadOnlyList<WebchatRevision>> ListAsync(
        string organizationId, string webchatId, long? beforeVersion, int take, CancellationToken cancellationToken);
}
