using System.Text.Json.Serialization;

namespace Webchats.Application.Webchats.Common;

/// <summary>A webchat as the API shows it (api.md §1). Every field is always present.</summary>
public sealed record WebchatDto(
    [property: JsonPropertyName("_id")] string Id,
    string OrganizationId,
    string UserId,
    string CreatedBy,
    string UpdatedBy,
    string Name,
    string? Description,
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
    string? PromptId,
    IReadOnlyList<string> AllowedDomains,
    string? PipelineId,
    string? PipelineStage,
    string? InitialStage,
    bool IsAutopilot,
    bool IsEnabled,
    string Position,
    int OffsetX,
    int OffsetY,
    int ZIndex,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A webchat and the entity tag of its stored version.</summary>
public sealed record WebchatResult(WebchatDto Webchat, string ETag);
