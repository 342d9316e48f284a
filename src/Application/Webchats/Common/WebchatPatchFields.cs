using Webchats.Application.Common.Models;
using Webchats.Domain.Common;
using Webchats.Domain.Webchats;

namespace Webchats.Application.Webchats.Common;

/// <summary>
/// One table of every writable field of a webchat: how to read it from a patch, what JSON type it
/// expects, how to normalise it and where it goes in <see cref="WebchatSettings"/>. Validation and
/// application both walk this table, so a rule cannot be checked one way and applied another.
/// </summary>
public static class WebchatPatchFields
{
    private const string AString = "a string or null";
    private const string ABoolean = "a boolean";
    private const string AnArrayOfStrings = "an array of strings";

    private static readonly PatchField[] Fields =
    [
        Field("name", p => p.Name, AString, WebchatFieldRules.Name, (s, v) => s with { Name = v }),
        Field("description", p => p.Description, AString, Text(WebchatLimits.DescriptionMaxLength, multiLine: true), (s, v) => s with { Description = v }),
        Field("starterMessage", p => p.StarterMessage, AString, Text(WebchatLimits.StarterMessageMaxLength, multiLine: true), (s, v) => s with { StarterMessage = v }),
        Color("backgroundColor", p => p.BackgroundColor, WebchatDefaults.BackgroundColor, (s, v) => s with { BackgroundColor = v }),
        Color("primaryColor", p => p.PrimaryColor, WebchatDefaults.PrimaryColor, (s, v) => s with { PrimaryColor = v }),
        Color("secondaryColor", p => p.SecondaryColor, WebchatDefaults.SecondaryColor, (s, v) => s with { SecondaryColor = v }),
        Color("headerTextColor", p => p.HeaderTextColor, WebchatDefaults.HeaderTextColor, (s, v) => s with { HeaderTextColor = v }),
        Color("statusTextColor", p => p.StatusTextColor, WebchatDefaults.StatusTextColor, (s, v) => s with { StatusTextColor = v }),
        Color("timestampColor", p => p.TimestampColor, WebchatDefaults.TimestampColor, (s, v) => s with { TimestampColor = v }),
        Color("csatBackgroundColor", p => p.CsatBackgroundColor, WebchatDefaults.CsatBackgroundColor, (s, v) => s with { CsatBackgroundColor = v }),
        Color("csatTextColor", p => p.CsatTextColor, WebchatDefaults.CsatTextColor, (s, v) => s with { CsatTextColor = v }),

        // The icon's value depends on stored state and on the icon store; see IconReferences.
        Field("icon", p => p.Icon, AString, IconReferences.NormalizeShape, apply: null),
        Field("statusText", p => p.StatusText, AString, Text(WebchatLimits.StatusTextMaxLength, multiLine: false), (s, v) => s with { StatusText = v }),
        Field("csatThankYouMessage", p => p.CsatThankYouMessage, AString, Text(WebchatLimits.CsatThankYouMessageMaxLength, multiLine: true), (s, v) => s with { CsatThankYouMessage = v }),
        Field("promptId", p => p.PromptId, AString, WebchatFieldRules.OptionalObjectId, (s, v) => s with { PromptId = v }),
        new AllowedDomainsField(),

        // Clearing the pipeline clears its stages; stages sent in the same patch are applied after
        // this and then fail the "requires a pipelineId" rule.
        Field("pipelineId", p => p.PipelineId, AString, WebchatFieldRules.OptionalObjectId,
            (s, v) => v is null ? s with { PipelineId = null, PipelineStage = null, InitialStage = null } : s with { PipelineId = v }),
        Field("pipelineStage", p => p.PipelineStage, AString, Text(WebchatLimits.StageMaxLength, multiLine: false), (s, v) => s with { PipelineStage = v }),
        Field("initialStage", p => p.InitialStage, AString, Text(WebchatLimits.StageMaxLength, multiLine: false), (s, v) => s with { InitialStage = v }),
        Field("isAutopilot", p => p.IsAutopilot, ABoolean, NotNull, (s, v) => s with { IsAutopilot = v }),
        Field("isEnabled", p => p.IsEnabled, ABoolean, NotNull, (s, v) => s with { IsEnabled = v }),
        Field("position", p => p.Position, $"'{WidgetPositions.BottomRight}' or '{WidgetPositions.BottomLeft}'", WebchatFieldRules.Position, (s, v) => s with { Position = v }),
        Integer("offsetX", p => p.OffsetX, WebchatLimits.OffsetMin, WebchatLimits.OffsetMax, (s, v) => s with { OffsetX = v }),
        Integer("offsetY", p => p.OffsetY, WebchatLimits.OffsetMin, WebchatLimits.OffsetMax, (s, v) => s with { OffsetY = v }),
        Integer("zIndex", p => p.ZIndex, WebchatLimits.ZIndexMin, WebchatLimits.ZIndexMax, (s, v) => s with { ZIndex = v }),
    ];

    private static readonly (string Name, Func<WebchatPatch, Optional<string?>> Get, Func<string?, Webchat, bool> MatchesStored)[] ReadOnlyFields =
    [
        ("_id", p => p.Id, (sent, w) => sent == w.Id),
        ("organizationId", p => p.OrganizationId, (sent, w) => sent == w.OrganizationId),
        ("userId", p => p.UserId, (sent, w) => sent == w.UserId),
        ("createdBy", p => p.CreatedBy, (sent, w) => sent == w.CreatedBy),
        ("updatedBy", p => p.UpdatedBy, (sent, w) => sent == w.UpdatedBy),
        ("createdAt", p => p.CreatedAt, (sent, w) => SameInstant(sent, w.CreatedAt)),
        ("updatedAt", p => p.UpdatedAt, (sent, w) => SameInstant(sent, w.UpdatedAt)),
    ];

    /// <summary>
    /// Rules that need nothing but the request: JSON types, nulls, formats, lengths, ranges,
    /// unknown properties. All errors are returned together.
    /// </summary>
    public static IReadOnlyList<FieldError> Validate(WebchatPatch patch)
    {
        var errors = new List<FieldError>();
        foreach (var field in Fields)
        {
            field.Validate(patch, errors);
        }

        foreach (var (name, get, _) in ReadOnlyFields)
        {
            if (get(patch).IsWrongType)
            {
                errors.Add(new FieldError(name, "must be a string"));
            }
        }

        if (patch.UnknownProperties is { Count: > 0 } unknown)
        {
            errors.AddRange(unknown.Keys.Select(key => new FieldError(key, "is not a known property")));
        }

        return errors;
    }

    /// <summary>The settings that result from applying a patch that passed <see cref="Validate"/>.</summary>
    public static WebchatSettings Apply(WebchatPatch patch, WebchatSettings settings)
    {
        foreach (var field in Fields)
        {
            settings = field.Apply(patch, settings);
        }

        return settings;
    }

    /// <summary>
    /// Read-only fields may be sent back unchanged (round trips from the admin app); any other
    /// value is an error. On create nothing is stored yet, so every read-only field is refused.
    /// </summary>
    public static IEnumerable<FieldError> ReadOnlyErrors(WebchatPatch patch, Webchat? stored)
    {
        foreach (var (name, get, matchesStored) in ReadOnlyFields)
        {
            var sent = get(patch);
            if (sent.IsPresent && (stored is null || !matchesStored(sent.Value, stored)))
            {
                yield return new FieldError(name, "is read-only");
            }
        }
    }

    private static bool SameInstant(string? sent, DateTimeOffset stored) =>
        DateTimeOffset.TryParse(sent, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var parsed)
        && parsed == stored;

    private static Func<string?, Normalized<string?>> Text(int maxLength, bool multiLine) =>
        raw => WebchatFieldRules.OptionalText(raw, maxLength, multiLine);

    private static Normalized<bool> NotNull(bool? raw) =>
        raw is { } value ? Normalized.Ok(value) : Normalized.Fail<bool>(WebchatFieldRules.MustNotBeNull);

    private static PatchField<TRaw, TValue> Field<TRaw, TValue>(
        string name,
        Func<WebchatPatch, Optional<TRaw>> get,
        string expectedType,
        Func<TRaw, Normalized<TValue>> normalize,
        Func<WebchatSettings, TValue, WebchatSettings>? apply) =>
        new(name, get, expectedType, normalize, apply);

    private static PatchField<string?, string> Color(
        string name, Func<WebchatPatch, Optional<string?>> get, string defaultColor, Func<WebchatSettings, string, WebchatSettings> apply) =>
        new(name, get, "a colour string such as #1F2937, or null", raw => WebchatFieldRules.Color(raw, defaultColor), apply);

    private static PatchField<int?, int> Integer(
        string name, Func<WebchatPatch, Optional<int?>> get, int min, int max, Func<WebchatSettings, int, WebchatSettings> apply) =>
        new(name, get, $"an integer between {min} and {max}", raw => WebchatFieldRules.Range(raw, min, max), apply);

    private abstract class PatchField
    {
        public abstract void Validate(WebchatPatch patch, List<FieldError> errors);

        public abstract WebchatSettings Apply(WebchatPatch patch, WebchatSettings settings);
    }

    private sealed class PatchField<TRaw, TValue>(
        string name,
        Func<WebchatPatch, Optional<TRaw>> get,
        string expectedType,
        Func<TRaw, Normalized<TValue>> normalize,
        Func<WebchatSettings, TValue, WebchatSettings>? apply) : PatchField
    {
        public override void Validate(WebchatPatch patch, List<FieldError> errors)
        {
            var sent = get(patch);
            if (sent.IsWrongType)
            {
                errors.Add(new FieldError(name, $"must be {expectedType}"));
            }
            else if (sent.IsPresent && normalize(sent.Value) is { IsValid: false } invalid)
            {
                errors.Add(new FieldError(name, invalid.Error!));
            }
        }

        public override WebchatSettings Apply(WebchatPatch patch, WebchatSettings settings)
        {
            var sent = get(patch);
            return sent.IsPresent && apply is not null ? apply(settings, normalize(sent.Value).Value) : settings;
        }
    }

    private sealed class AllowedDomainsField : PatchField
    {
        private const string Name = "allowedDomains";

        public override void Validate(WebchatPatch patch, List<FieldError> errors)
        {
            var sent = patch.AllowedDomains;
            if (sent.IsWrongType)
            {
                errors.Add(new FieldError(Name, $"must be {AnArrayOfStrings}"));
            }
            else if (sent.IsPresent)
            {
                errors.AddRange(WebchatFieldRules.AllowedDomains(sent.Value, Name).Errors);
            }
        }

        public override WebchatSettings Apply(WebchatPatch patch, WebchatSettings settings) =>
            patch.AllowedDomains.IsPresent
                ? settings with { AllowedDomains = WebchatFieldRules.AllowedDomains(patch.AllowedDomains.Value, Name).Origins }
                : settings;
    }
}
