using Webchats.Domain.Webchats;

namespace Webchats.Application.Webchats.Queries.GetPublicWebchat;

/// <summary>
/// What a widget needs to render, and nothing else: the id and the fields declared
/// <see cref="FieldAttribute.Public"/> (no organization, user, prompt, pipeline, allowed domains or
/// audit fields). <see cref="Icon"/> is a freshly signed URL or null.
/// </summary>
public sealed record PublicWebchatDto(string Id, WebchatSettings Settings, string? Icon);
