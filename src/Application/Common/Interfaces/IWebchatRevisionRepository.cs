using Webchats.Domain.Webchats;

namespace Webchats.Application.Common.Interfaces;

public interface IWebchatRevisionRepository
{
    /// <summary>Appends a revision; it is written by the same SaveChanges, so in the same transaction, as the change.</summary>
    void Add(WebchatRevision revision);

    /// <summary>A webchat's revisions, newest first, with ids below <paramref name="beforeId"/> when given.</summary>
    Task<IReadOnlyList<WebchatRevision>> ListAsync(
        string organizationId, string webchatId, long? beforeId, int take, CancellationToken cancellationToken);
}
