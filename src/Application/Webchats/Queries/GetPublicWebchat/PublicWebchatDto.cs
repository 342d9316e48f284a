using System.Text.Json.Serialization;

namespace Webchats.Application.Webchats.Queries.GetPublicWebchat;

/// <summary>
/// What a widget needs to render, and nothing else: no organization, user, prompt, pipeline,
/// allowed domains or audit fields. Every field is always present; colours are normalised
/// (api.md §1) and <see cref="Icon"/> is a freshly signed URL or null.
/// </summary>
public sealed record PublicWebchatDto(
    [property: JsonPropertyName("_id")] string Id,
    string Name,
    string? StarterMessage,
    string BackgroundColor,
    string PrimaryColor,
    string SecondaryColor,
    string HeaderTextColor,
    string StatusTextColor,
    string TimestampColor,
    string CsatBackgroundColor,
    string CsatTextColor,
    string? Icon,
    string? StatusText,
    string? CsatThankYouMessage,
    bool IsAutopilot,
    string Position,
    int OffsetX,
    int OffsetY,
    int ZIndex);
