using Webchats.Application.Webchats.Common;

namespace Webchats.Application.Common.Interfaces;

/// <summary>Position in the newest-first list: the last item of the previous page.</summary>
public sealed record WebchatListPosition(DateTimeOffset CreatedAt, string Id);

/// <summary>
/// The query side's reads of webchats: rows straight into what the API shows (icon URL signed,
/// ETag of the stored version), without loading the aggregate (ADR 0007). Commands load and change
/// the aggregate through <see cref="IWebchatRepository"/>; both see the same rows. Every read is
/// scoped to the organization.
/// </summary>
public interface IWebchatReadModel
{
    /// <summary>A live (not deleted) webchat of the organization.</summary>
    Task<WebchatResult?> FindAsync(string organizationId, string id, CancellationToken cancellationToken);

    /// <summary>Live webchats of the organization, newest first, strictly after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<WebchatDto>> ListAsync(string organizationId, WebchatListPosition? after, int take, CancellationToken cancellationToken);
}
