using Webchats.Domain.Common;

namespace Webchats.Domain.Webchats;

/// <summary>
/// Everything about a webchat that a caller may change, already normalised. A patch turns one
/// snapshot into the next; the aggregate accepts a snapshot only if <see cref="Validate"/> finds
/// nothing wrong with it.
/// </summary>
public sealed record WebchatSettings
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public string? StarterMessage { get; init; }
    public string BackgroundColor { get; init; } = WebchatDefaults.BackgroundColor;
    public string PrimaryColor { get; init; } = WebchatDefaults.PrimaryColor;
    public string SecondaryColor { get; init; } = WebchatDefaults.SecondaryColor;
    public string HeaderTextColor { get; init; } = WebchatDefaults.HeaderTextColor;
    public string StatusTextColor { get; init; } = WebchatDefaults.StatusTextColor;
    public string TimestampColor { get; init; } = WebchatDefaults.TimestampColor;
    public string CsatBackgroundColor { get; init; } = WebchatDefaults.CsatBackgroundColor;
    public string CsatTextColor { get; init; } = WebchatDefaults.CsatTextColor;

    /// <summary>Storage key of the icon (never a URL).</summary>
    public string? IconKey { get; init; }

    public string? StatusText { get; init; }
    public string? CsatThankYouMessage { get; init; }
    public string? PromptId { get; init; }
    public IReadOnlyList<string> AllowedDomains { get; init; } = [];
    public string? PipelineId { get; init; }
    public string? PipelineStage { get; init; }
    public string? InitialStage { get; init; }
    public bool IsAutopilot { get; init; } = WebchatDefaults.IsAutopilot;
    public bool IsEnabled { get; init; } = WebchatDefaults.IsEnabled;
    public WidgetPosition Position { get; init; } = WebchatDefaults.Position;
    public int OffsetX { get; init; } = WebchatDefaults.Offset;
    public int OffsetY { get; init; } = WebchatDefaults.Offset;
    public int ZIndex { get; init; } = WebchatDefaults.ZIndex;

    /// <summary>
    /// The invariants a stored webchat keeps: every field already in normal form, and the
    /// cross-field rules that need no outside data. Whether a prompt or pipeline exists is a
    /// reference check the application makes against its read models.
    /// </summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();

        RequireNormal(errors, "name", Name, WebchatFieldRules.Name(Name));
        RequireNormal(errors, "description", Description, WebchatFieldRules.OptionalText(Description, WebchatLimits.DescriptionMaxLength, multiLine: true));
        RequireNormal(errors, "starterMessage", StarterMessage, WebchatFieldRules.OptionalText(StarterMessage, WebchatLimits.StarterMessageMaxLength, multiLine: true));
        RequireNormal(errors, "statusText", StatusText, WebchatFieldRules.OptionalText(StatusText, WebchatLimits.StatusTextMaxLength, multiLine: false));
        RequireNormal(errors, "csatThankYouMessage", CsatThankYouMessage, WebchatFieldRules.OptionalText(CsatThankYouMessage, WebchatLimits.CsatThankYouMessageMaxLength, multiLine: true));
        RequireNormal(errors, "pipelineStage", PipelineStage, WebchatFieldRules.OptionalText(PipelineStage, WebchatLimits.StageMaxLength, multiLine: false));
        RequireNormal(errors, "initialStage", InitialStage, WebchatFieldRules.OptionalText(InitialStage, WebchatLimits.StageMaxLength, multiLine: false));
        RequireNormal(errors, "promptId", PromptId, WebchatFieldRules.OptionalObjectId(PromptId));
        RequireNormal(errors, "pipelineId", PipelineId, WebchatFieldRules.OptionalObjectId(PipelineId));

        foreach (var (path, read, fallback) in ColorFields)
        {
            var value = read(this);
            RequireNormal(errors, path, value, WebchatFieldRules.Color(value, fallback));
        }

        var (origins, originErrors) = WebchatFieldRules.AllowedDomains([.. AllowedDomains], "allowedDomains");
        errors.AddRange(originErrors);
        if (originErrors.Count == 0 && !origins.SequenceEqual(AllowedDomains, StringComparer.Ordinal))
        {
            errors.Add(new FieldError("allowedDomains", "is not in normal form"));
        }

        RequireNormal(errors, "offsetX", OffsetX, WebchatFieldRules.Range(OffsetX, WebchatLimits.OffsetMin, WebchatLimits.OffsetMax));
        RequireNormal(errors, "offsetY", OffsetY, WebchatFieldRules.Range(OffsetY, WebchatLimits.OffsetMin, WebchatLimits.OffsetMax));
        RequireNormal(errors, "zIndex", ZIndex, WebchatFieldRules.Range(ZIndex, WebchatLimits.ZIndexMin, WebchatLimits.ZIndexMax));
        if (!Enum.IsDefined(Position))
        {
            errors.Add(new FieldError("position", "is not a known position"));
        }

        errors.AddRange(CrossFieldErrors());
        return errors;
    }

    /// <summary>Rules that tie fields together, checked on the resulting document (api.md §3).</summary>
    public IEnumerable<FieldError> CrossFieldErrors()
    {
        if (IsAutopilot && PromptId is null)
        {
            yield return new FieldError("isAutopilot", "requires a promptId");
        }

        if (PipelineId is null)
        {
            if (PipelineStage is not null)
            {
                yield return new FieldError("pipelineStage", "requires a pipelineId");
            }

            if (InitialStage is not null)
            {
                yield return new FieldError("initialStage", "requires a pipelineId");
            }
        }
    }

    /// <summary>The eight colour fields: JSON name, how to read it, default; in document order.</summary>
    public static IReadOnlyList<(string Path, Func<WebchatSettings, string> Read, string Default)> ColorFields { get; } =
    [
        ("backgroundColor", s => s.BackgroundColor, WebchatDefaults.BackgroundColor),
        ("primaryColor", s => s.PrimaryColor, WebchatDefaults.PrimaryColor),
        ("secondaryColor", s => s.SecondaryColor, WebchatDefaults.SecondaryColor),
        ("headerTextColor", s => s.HeaderTextColor, WebchatDefaults.HeaderTextColor),
        ("statusTextColor", s => s.StatusTextColor, WebchatDefaults.StatusTextColor),
        ("timestampColor", s => s.TimestampColor, WebchatDefaults.TimestampColor),
        ("csatBackgroundColor", s => s.CsatBackgroundColor, WebchatDefaults.CsatBackgroundColor),
        ("csatTextColor", s => s.CsatTextColor, WebchatDefaults.CsatTextColor),
    ];

    private static void RequireNormal<T>(List<FieldError> errors, string path, T value, Normalized<T> normalized)
    {
        if (!normalized.IsValid)
        {
            errors.Add(new FieldError(path, normalized.Error!));
        }
        else if (!EqualityComparer<T>.Default.Equals(value, normalized.Value))
        {
            errors.Add(new FieldError(path, "is not in normal form"));
        }
    }
}
