using Webchats.Domain.Webchats;

namespace Webchats.Application.Webchats.Common;

/// <summary>
/// A webchat as the API shows it (api.md §1): its ids and times, and every field of
/// <see cref="Settings"/> (the Api writes them from their declarations), with <see cref="Icon"/>
/// the freshly signed URL of the stored icon key.
/// </summary>
public sealed record WebchatDto(
    string Id,
    string OrganizationId,
    string UserId,
    string CreatedBy,
    string UpdatedBy,
    WebchatSettings Settings,
    string? Icon,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A webchat and the version it was stored at (the Api's ETag).</summary>
public sealed record WebchatResult(WebchatDto Webchat, long Version);
