namespace Webchats.Application.Webchats.Queries.GetPublicWebchat;

/// <summary>A live, enabled webchat as the public configuration shows it, at <paramref name="Version"/>.</summary>
/// <param name="Webchat">The public fields, with a freshly signed icon URL.</param>
/// <param name="Version">The webchat's version (its ETag on the authenticated API): a later change has a higher one.</param>
/// <param name="Origins">Which pages may read it.</param>
public sealed record PublishedWebchat(PublicWebchatDto Webchat, long Version, PublicOrigins Origins);
