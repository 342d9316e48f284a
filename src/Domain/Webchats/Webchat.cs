using Webchats.Domain.Common;

namespace Webchats.Domain.Webchats;

/// <summary>
/// The configuration of one embeddable chat widget. It changes only through <see cref="Create"/>,
/// <see cref="Update"/> and <see cref="Delete"/>, each of which keeps the invariants of
/// <see cref="WebchatSettings.Validate"/>.
/// </summary>
public sealed class Webchat
{
    private List<string> _allowedDomains = [];

    // For EF Core materialisation only.
    private Webchat()
    {
        Id = OrganizationId = UserId = CreatedBy = UpdatedBy = Name = string.Empty;
        BackgroundColor = PrimaryColor = SecondaryColor = HeaderTextColor = string.Empty;
        StatusTextColor = TimestampColor = CsatBackgroundColor = CsatTextColor = string.Empty;
    }

    public string Id { get; private set; }
    public string OrganizationId { get; private set; }
    public string UserId { get; private set; }
    public string CreatedBy { get; private set; }
    public string UpdatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }

    /// <summary>Changes with every stored change; PostgreSQL's <c>xmin</c>. Source of the ETag.</summary>
    public uint Version { get; private set; }

    public string Name { get; private set; }
    public string? Description { get; private set; }
    public string? StarterMessage { get; private set; }
    public string BackgroundColor { get; private set; }
    public string PrimaryColor { get; private set; }
    public string SecondaryColor { get; private set; }
    public string HeaderTextColor { get; private set; }
    public string StatusTextColor { get; private set; }
    public string TimestampColor { get; private set; }
    public string CsatBackgroundColor { get; private set; }
    public string CsatTextColor { get; private set; }
    public string? IconKey { get; private set; }
    public string? StatusText { get; private set; }
    public string? CsatThankYouMessage { get; private set; }
    public string? PromptId { get; private set; }
    public IReadOnlyList<string> AllowedDomains => _allowedDomains;
    public string? PipelineId { get; private set; }
    public string? PipelineStage { get; private set; }
    public string? InitialStage { get; private set; }
    public bool IsAutopilot { get; private set; }
    public bool IsEnabled { get; private set; }
    public WidgetPosition Position { get; private set; }
    public int OffsetX { get; private set; }
    public int OffsetY { get; private set; }
    public int ZIndex { get; private set; }

    public bool IsDeleted => DeletedAt is not null;

    public WebchatSettings Settings => new()
    {
        Name = Name,
        Description = Description,
        StarterMessage = StarterMessage,
        BackgroundColor = BackgroundColor,
        PrimaryColor = PrimaryColor,
        SecondaryColor = SecondaryColor,
        HeaderTextColor = HeaderTextColor,
        StatusTextColor = StatusTextColor,
        TimestampColor = TimestampColor,
        CsatBackgroundColor = CsatBackgroundColor,
        CsatTextColor = CsatTextColor,
        IconKey = IconKey,
        StatusText = StatusText,
        CsatThankYouMessage = CsatThankYouMessage,
        PromptId = PromptId,
        AllowedDomains = _allowedDomains,
        PipelineId = PipelineId,
        PipelineStage = PipelineStage,
        InitialStage = InitialStage,
        IsAutopilot = IsAutopilot,
        IsEnabled = IsEnabled,
        Position = Position,
        OffsetX = OffsetX,
        OffsetY = OffsetY,
        ZIndex = ZIndex,
    };

    public static Webchat Create(string id, string organizationId, string userId, WebchatSettings settings, DateTimeOffset now)
    {
        var idErrors = new List<FieldError>();
        RequireObjectId(idErrors, "_id", id);
        RequireObjectId(idErrors, "organizationId", organizationId);
        RequireObjectId(idErrors, "userId", userId);
        EnsureValid([.. idErrors, .. settings.Validate()]);

        var at = Timestamps.ToStoredPrecision(now);
        var webchat = new Webchat
        {
            Id = id,
            OrganizationId = organizationId,
            UserId = userId,
            CreatedBy = userId,
            UpdatedBy = userId,
            CreatedAt = at,
            UpdatedAt = at,
        };
        webchat.Assign(settings);
        return webchat;
    }

    /// <summary>
    /// Moves the webchat to <paramref name="next"/>. Returns the fields that changed, with their
    /// old and new values; when none did, nothing is touched, not even <see cref="UpdatedAt"/>.
    /// </summary>
    public IReadOnlyList<FieldChange> Update(WebchatSettings next, string userId, DateTimeOffset now)
    {
        EnsureNotDeleted();
        var errors = next.Validate().ToList();
        RequireObjectId(errors, "updatedBy", userId);
        EnsureValid(errors);

        var changed = ChangedFields(Settings, next);
        if (changed.Count > 0)
        {
            Assign(next);
            UpdatedBy = userId;
            UpdatedAt = Timestamps.ToStoredPrecision(now);
        }

        return changed;
    }

    /// <summary>Soft delete: the row stays for audit, but the webchat is gone for every caller.</summary>
    public void Delete(string userId, DateTimeOffset now)
    {
        EnsureNotDeleted();
        var at = Timestamps.ToStoredPrecision(now);
        DeletedAt = at;
        UpdatedAt = at;
        UpdatedBy = userId;
    }

    /// <summary>
    /// The fields whose values differ between two snapshots, in document order, with old and new
    /// values as the API names them. With no <paramref name="before"/> (a new webchat) every field
    /// counts as changed from nothing.
    /// </summary>
    public static IReadOnlyList<FieldChange> ChangedFields(WebchatSettings? before, WebchatSettings after)
    {
        var changed = new List<FieldChange>(before is null ? RecordedFields.Length : 4);
        foreach (var field in RecordedFields)
        {
            if (before is null || field.Differs(before, after))
            {
                changed.Add(new FieldChange(field.Name, before is null ? null : field.Shown(before), field.Shown(after)));
            }
        }

        return changed;
    }

    // What a revision records, in document order; built once (an update compares without allocating).
    private static readonly RecordedField[] RecordedFields =
    [
        RecordedField.Of("name", s => s.Name),
        RecordedField.Of("description", s => s.Description),
        RecordedField.Of("starterMessage", s => s.StarterMessage),
        .. WebchatSettings.ColorFields.Select(color => RecordedField.Of(color.Path, color.Read)),
        RecordedField.Of("icon", s => s.IconKey),
        RecordedField.Of("statusText", s => s.StatusText),
        RecordedField.Of("csatThankYouMessage", s => s.CsatThankYouMessage),
        RecordedField.Of("promptId", s => s.PromptId),
        RecordedField.Of("allowedDomains", s => s.AllowedDomains, comparer: OrderedStrings.Instance),
        RecordedField.Of("pipelineId", s => s.PipelineId),
        RecordedField.Of("pipelineStage", s => s.PipelineStage),
        RecordedField.Of("initialStage", s => s.InitialStage),
        RecordedField.Of("isAutopilot", s => s.IsAutopilot),
        RecordedField.Of("isEnabled", s => s.IsEnabled),
        RecordedField.Of("position", s => s.Position, shown: position => position.ToName()),
        RecordedField.Of("offsetX", s => s.OffsetX),
        RecordedField.Of("offsetY", s => s.OffsetY),
        RecordedField.Of("zIndex", s => s.ZIndex),
    ];

    private abstract class RecordedField(string name)
    {
        public string Name { get; } = name;

        public static RecordedField Of<T>(
            string name, Func<WebchatSettings, T> read, Func<T, object?>? shown = null, IEqualityComparer<T>? comparer = null) =>
            new Typed<T>(name, read, shown ?? (value => value), comparer ?? EqualityComparer<T>.Default);

        public abstract bool Differs(WebchatSettings before, WebchatSettings after);

        /// <summary>The value as a revision shows it.</summary>
        public abstract object? Shown(WebchatSettings settings);

        private sealed class Typed<T>(string name, Func<WebchatSettings, T> read, Func<T, object?> shown, IEqualityComparer<T> comparer)
            : RecordedField(name)
        {
            public override bool Differs(WebchatSettings before, WebchatSettings after) => !comparer.Equals(read(before), read(after));

            public override object? Shown(WebchatSettings settings) => shown(read(settings));
        }
    }

    private sealed class OrderedStrings : IEqualityComparer<IReadOnlyList<string>>
    {
        public static readonly OrderedStrings Instance = new();

        public bool Equals(IReadOnlyList<string>? x, IReadOnlyList<string>? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.SequenceEqual(y, StringComparer.Ordinal));

        public int GetHashCode(IReadOnlyList<string> obj) => obj.Count;
    }

    private void Assign(WebchatSettings s)
    {
        Name = s.Name;
        Description = s.Description;
        StarterMessage = s.StarterMessage;
        BackgroundColor = s.BackgroundColor;
        PrimaryColor = s.PrimaryColor;
        SecondaryColor = s.SecondaryColor;
        HeaderTextColor = s.HeaderTextColor;
        StatusTextColor = s.StatusTextColor;
        TimestampColor = s.TimestampColor;
        CsatBackgroundColor = s.CsatBackgroundColor;
        CsatTextColor = s.CsatTextColor;
        IconKey = s.IconKey;
        StatusText = s.StatusText;
        CsatThankYouMessage = s.CsatThankYouMessage;
        PromptId = s.PromptId;
        if (!_allowedDomains.SequenceEqual(s.AllowedDomains, StringComparer.Ordinal))
        {
            // A new list instance lets EF Core see the jsonb column as modified.
            _allowedDomains = [.. s.AllowedDomains];
        }

        PipelineId = s.PipelineId;
        PipelineStage = s.PipelineStage;
        InitialStage = s.InitialStage;
        IsAutopilot = s.IsAutopilot;
        IsEnabled = s.IsEnabled;
        Position = s.Position;
        OffsetX = s.OffsetX;
        OffsetY = s.OffsetY;
        ZIndex = s.ZIndex;
    }

    private void EnsureNotDeleted()
    {
        if (IsDeleted)
        {
            throw new DomainRuleViolationException([new FieldError("_id", "the webchat was deleted")]);
        }
    }

    private static void RequireObjectId(List<FieldError> errors, string path, string value)
    {
        if (!ObjectIds.IsValid(value))
        {
            errors.Add(new FieldError(path, "must be a 24-character lowercase hexadecimal id"));
        }
    }

    private static void EnsureValid(List<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw new DomainRuleViolationException(errors);
        }
    }
}
