using Webchats.Domain.Common;

namespace Webchats.Domain.Webchats;

public enum RevisionKind
{
    Created,
    Updated,
    Deleted,
}

/// <summary>
/// One entry of a webchat's audit trail: who changed which fields when, with old and new values.
/// Written atomically with the change it records; never changed afterwards.
/// </summary>
public sealed class WebchatRevision
{
    private List<FieldChange> _changes = [];

    // For EF Core materialisation only.
    private WebchatRevision()
    {
        WebchatId = OrganizationId = ChangedBy = string.Empty;
    }

    /// <summary>Increasing across all revisions; orders a webchat's history.</summary>
    public long Id { get; private set; }

    public string WebchatId { get; private set; }
    public string OrganizationId { get; private set; }
    public RevisionKind Kind { get; private set; }
    public string ChangedBy { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }
    public IReadOnlyList<FieldChange> Changes => _changes;

    public static WebchatRevision Created(Webchat webchat) =>
        New(webchat, RevisionKind.Created, WebchatFields.Changes(null, webchat.Settings), webchat.CreatedBy, webchat.CreatedAt);

    /// <summary>The revision of an update; call only with the non-empty changes <see cref="Webchat.Update"/> returned.</summary>
    public static WebchatRevision Updated(Webchat webchat, IReadOnlyList<FieldChange> changes) =>
        changes.Count == 0
            ? throw new DomainRuleViolationException([new FieldError("changes", "an update revision needs at least one change")])
            : New(webchat, RevisionKind.Updated, changes, webchat.UpdatedBy, webchat.UpdatedAt);

    public static WebchatRevision Deleted(Webchat webchat) =>
        New(webchat, RevisionKind.Deleted, [new FieldChange("deletedAt", null, webchat.DeletedAt)], webchat.UpdatedBy, webchat.UpdatedAt);

    private static WebchatRevision New(Webchat webchat, RevisionKind kind, IReadOnlyList<FieldChange> changes, string by, DateTimeOffset at) => new()
    {
        WebchatId = webchat.Id,
        OrganizationId = webchat.OrganizationId,
        Kind = kind,
        ChangedBy = by,
        ChangedAt = at,
        _changes = [.. changes],
    };
}
