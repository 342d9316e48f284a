using System.Text.Json;
using System.Text.Json.Serialization;
using Webchats.Application.Common.Models;

namespace Webchats.Application.Webchats.Common;

/// <summary>
/// The body of POST, PUT and PATCH: every property optional (api.md §3). Values are raw as sent;
/// <see cref="WebchatPatchFields"/> validates, normalises and applies them.
/// </summary>
public sealed record WebchatPatch
{
    public Optional<string?> Name { get; init; }
    public Optional<string?> Description { get; init; }
    public Optional<string?> StarterMessage { get; init; }
    public Optional<string?> BackgroundColor { get; init; }
    public Optional<string?> PrimaryColor { get; init; }
    public Optional<string?> SecondaryColor { get; init; }
    public Optional<string?> HeaderTextColor { get; init; }
    public Optional<string?> StatusTextColor { get; init; }
    public Optional<string?> TimestampColor { get; init; }
    public Optional<string?> CsatBackgroundColor { get; init; }
    public Optional<string?> CsatTextColor { get; init; }

    /// <summary>Set to empty string or null to remove the icon; otherwise the signed URL of the current icon or a storage key of this organization.</summary>
    public Optional<string?> Icon { get; init; }

    public Optional<string?> StatusText { get; init; }
    public Optional<string?> CsatThankYouMessage { get; init; }
    public Optional<string?> PromptId { get; init; }
    public Optional<IReadOnlyList<string?>?> AllowedDomains { get; init; }
    public Optional<string?> PipelineId { get; init; }
    public Optional<string?> PipelineStage { get; init; }
    public Optional<string?> InitialStage { get; init; }
    public Optional<bool?> IsAutopilot { get; init; }
    public Optional<bool?> IsEnabled { get; init; }
    public Optional<string?> Position { get; init; }
    public Optional<int?> OffsetX { get; init; }
    public Optional<int?> OffsetY { get; init; }
    public Optional<int?> ZIndex { get; init; }

    // Read-only: accepted when equal to the stored value, so a read document can be sent back.
    [JsonPropertyName("_id")]
    public Optional<string?> Id { get; init; }

    public Optional<string?> OrganizationId { get; init; }
    public Optional<string?> UserId { get; init; }
    public Optional<string?> CreatedBy { get; init; }
    public Optional<string?> UpdatedBy { get; init; }
    public Optional<string?> CreatedAt { get; init; }
    public Optional<string?> UpdatedAt { get; init; }

    /// <summary>Properties the contract does not know; each is reported as an error (catches typos).</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? UnknownProperties { get; init; }
}
