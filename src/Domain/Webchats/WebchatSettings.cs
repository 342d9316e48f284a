namespace Webchats.Domain.Webchats;

/// <summary>
/// Everything about a webchat that a caller may change, <b>each field declared once</b>: its type,
/// rule and default are here, and <see cref="WebchatFields"/> derives from these declarations the
/// patch binding and its messages, change detection and revisions, the database columns, the
/// documents the API writes and what the public widget sees (docs/adding-a-field.md).
/// <para>
/// JSON names are the camelCase property names, columns the snake_case ones; a text whose type
/// is not nullable is required. Values are already
/// valid: they come from <see cref="WebchatFields"/>' rules (a request) or from a row those rules
/// wrote. A new value is made with <c>with</c> or <see cref="WebchatFields.Apply"/>.
/// </para>
/// </summary>
public sealed record WebchatSettings(
    [property: Field(Public = true, MaxLength = WebchatFieldRules.NameMaxLength)] string Name,
    [property: Field(MaxLength = 1000, MultiLine = true)] string? Description,
    [property: Field(Public = true, MaxLength = 1000, MultiLine = true)] string? StarterMessage,
    [property: Field(Public = true, Default = "#FFFFFF")] HexColor BackgroundColor,
    [property: Field(Public = true, Default = "#1F2937")] HexColor PrimaryColor,
    [property: Field(Public = true, Default = "#3B82F6")] HexColor SecondaryColor,
    [property: Field(Public = true, Default = "#FFFFFF")] HexColor HeaderTextColor,
    [property: Field(Public = true, Default = "#D1D5DB")] HexColor StatusTextColor,
    [property: Field(Public = true, Default = "#9CA3AF")] HexColor TimestampColor,
    [property: Field(Public = true, Default = "#F3F4F6")] HexColor CsatBackgroundColor,
    [property: Field(Public = true, Default = "#111827")] HexColor CsatTextColor,

    // The storage key (never a URL): documents show a freshly signed URL under "icon".
    [property: Field(Public = true, JsonName = "icon", Kind = FieldKind.IconKey, MaxLength = 1024)] string? IconKey,
    [property: Field(Public = true, MaxLength = 120)] string? StatusText,
    [property: Field(Public = true, MaxLength = 500, MultiLine = true)] string? CsatThankYouMessage,
    [property: Field(Kind = FieldKind.ObjectId)] string? PromptId,
    [property: Field] OriginList AllowedDomains,
    [property: Field(Kind = FieldKind.ObjectId)] string? PipelineId,
    [property: Field(MaxLength = 64, Requires = nameof(WebchatSettings.PipelineId), ClearedWithRequirement = true)] string? PipelineStage,
    [property: Field(MaxLength = 64, Requires = nameof(WebchatSettings.PipelineId), ClearedWithRequirement = true)] string? InitialStage,
    [property: Field(Public = true, Default = false, Requires = nameof(WebchatSettings.PromptId))] bool IsAutopilot,
    [property: Field(Default = true)] bool IsEnabled,
    [property: Field(Public = true, Default = WidgetPosition.BottomRight)] WidgetPosition Position,
    [property: Field(Public = true, Min = 0, Max = 500, Default = 24)] int OffsetX,
    [property: Field(Public = true, Min = 0, Max = 500, Default = 24)] int OffsetY,
    [property: Field(Public = true, Min = 0, Default = 9999)] int ZIndex);
