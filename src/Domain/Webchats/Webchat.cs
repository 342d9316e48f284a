using Webchats.Domain.Common;

namespace Webchats.Domain.Webchats;

/// <summary>
/// The configuration of one embeddable chat widget. It changes only through <see cref="Create"/>,
/// <see cref="Update"/> and <see cref="Delete"/>, which keep its invariants: valid ids, the
/// cross-field rules of its settings, no change once deleted, and a recorded change
/// (<see cref="PendingChange"/>) for every change. The settings' values are valid
/// by construction (<see cref="WebchatSettings"/>), so they are not checked again here.
/// </summary>
public sealed class Webchat
{
    // For EF Core materialisation only.
    private Webchat()
    {
        Id = OrganizationId = UserId = CreatedBy = UpdatedBy = string.Empty;
        Settings = WebchatFields.Defaults;
    }

    public string Id { get; private set; }
    public string OrganizationId { get; private set; }
    public string UserId { get; private set; }
    public string CreatedBy { get; private set; }
    public string UpdatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }

    /// <summary>
    /// 1 when created, one more with every stored change of this webchat and with nothing else
    /// (not with other webchats' writes). Source of the ETag and the optimistic concurrency token.
    /// </summary>
    public long Version { get; private set; }

    public WebchatSettings Settings { get; private set; }

    /// <summary>
    /// The change this instance made and the history does not have yet (null on a webchat loaded
    /// and not changed). Each change sets a new one; the database turns it into the webchat's next
    /// <see cref="WebchatRevision"/> in the same statement that writes the row.
    /// </summary>
    public RecordedChange? PendingChange { get; private set; }

    public bool IsDeleted => DeletedAt is not null;

    public static Webchat Create(string id, string organizationId, string userId, WebchatSettings settings, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        RequireObjectId(errors, "_id", id);
        RequireObjectId(errors, "organizationId", organizationId);
        RequireObjectId(errors, "userId", userId);
        EnsureValid([.. errors, .. WebchatFields.CrossFieldErrors(settings)]);

        var at = Timestamps.ToStoredPrecision(now);
        return new Webchat
        {
            Id = id,
            OrganizationId = organizationId,
            UserId = userId,
            CreatedBy = userId,
            UpdatedBy = userId,
            CreatedAt = at,
            UpdatedAt = at,
            Settings = settings,
            Version = 1,
            PendingChange = new RecordedChange(RevisionKind.Created, WebchatFields.Changes(null, settings)),
        };
    }

    /// <summary>
    /// Moves the webchat to <paramref name="next"/>. Returns the fields that changed, with their
    /// old and new values; when none did, nothing is touched, not even <see cref="UpdatedAt"/>.
    /// </summary>
    public IReadOnlyList<FieldChange> Update(WebchatSettings next, string userId, DateTimeOffset now)
    {
        EnsureNotDeleted();
        var errors = WebchatFields.CrossFieldErrors(next).ToList();
        RequireObjectId(errors, "updatedBy", userId);
        EnsureValid(errors);

        var changed = WebchatFields.Changes(Settings, next);
        if (changed.Count > 0)
        {
            Settings = next;
            UpdatedBy = userId;
            UpdatedAt = Timestamps.ToStoredPrecision(now);
            Version++;
            PendingChange = new RecordedChange(RevisionKind.Updated, changed);
        }

        return changed;
    }

    /// <summary>
    /// Soft delete: the row stays for audit, but the webchat is gone for every caller. It lets go
    /// of its icon (a deleted webchat keeps no reachable icon; the caller removes the object once
    /// this is stored), and the revision records that with the deletion.
    /// </summary>
    public void Delete(string userId, DateTimeOffset now)
    {
        EnsureNotDeleted();
        var at = Timestamps.ToStoredPrecision(now);
        var withoutIcon = Settings with { IconKey = null };
        PendingChange = new RecordedChange(RevisionKind.Deleted, [new FieldChange("deletedAt", null, at), .. WebchatFields.Changes(Settings, withoutIcon)]);
        Settings = withoutIcon;
        DeletedAt = at;
        UpdatedAt = at;
        UpdatedBy = userId;
        Version++;
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
