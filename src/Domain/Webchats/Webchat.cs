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
    /// Moves the webchat to <paramref name="next"/>. Returns the camelCase names of the fields that
    /// changed; when none did, nothing is touched, not even <see cref="UpdatedAt"/>.
    /// </summary>
    public IReadOnlyList<string> Update(WebchatSettings next, string userId, DateTimeOffset now)
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

    /// <summary>Names of the fields whose values differ between two snapshots, in document order.</summary>
    public static IReadOnlyList<string> ChangedFields(WebchatSettings before, WebchatSettings after)
    {
        var changed = new List<string>();
        void Compare<T>(string name, T a, T b)
        {
            if (!EqualityComparer<T>.Default.Equals(a, b))
            {
                changed.Add(name);
            }
        }

        Compare("name", before.Name, after.Name);
        Compare("description", before.Description, after.Description);
        Compare("starterMessage", before.StarterMessage, after.StarterMessage);
        foreach (var ((path, a, _), (_, b, _)) in before.Colors().Zip(after.Colors()))
        {
            Compare(path, a, b);
        }

        Compare("icon", before.IconKey, after.IconKey);
        Compare("statusText", before.StatusText, after.StatusText);
        Compare("csatThankYouMessage", before.CsatThankYouMessage, after.CsatThankYouMessage);
        Compare("promptId", before.PromptId, after.PromptId);
        if (!before.AllowedDomains.SequenceEqual(after.AllowedDomains, StringComparer.Ordinal))
        {
            changed.Add("allowedDomains");
        }

        Compare("pipelineId", before.PipelineId, after.PipelineId);
        Compare("pipelineStage", before.PipelineStage, after.PipelineStage);
        Compare("initialStage", before.InitialStage, after.InitialStage);
        Compare("isAutopilot", before.IsAutopilot, after.IsAutopilot);
        Compare("isEnabled", before.IsEnabled, after.IsEnabled);
        Compare("position", before.Position, after.Position);
        Compare("offsetX", before.OffsetX, after.OffsetX);
        Compare("offsetY", before.OffsetY, after.OffsetY);
        Compare("zIndex", before.ZIndex, after.ZIndex);
        return changed;
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
