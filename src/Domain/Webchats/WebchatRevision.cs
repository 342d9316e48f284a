namespace Webchats.Domain.Webchats;

public enum RevisionKind
{
    Created,
    Updated,
    Deleted,
}

/// <summary>
/// One entry of a webchat's audit trail: who changed which fields when, with old and new values.
/// The database appends it from the webchat's row (<see cref="Webchat.PendingChange"/>) in the
/// statement that writes the change, so it exists exactly when the change does; never changed.
/// </summary>
public sealed class WebchatRevision
{
    // For EF Core materialisation only.
    private WebchatRevision()
    {
        WebchatId = OrganizationId = ChangedBy = string.Empty;
    }

    /// <summary>Increasing across all revisions; internal only (it counts every tenant's changes).</summary>
    public long Id { get; private set; }

    /// <summary>The webchat's <see cref="Webchat.Version"/> this change produced: numbers and orders its history.</summary>
    public long Version { get; private set; }

    public string WebchatId { get; private set; }
    public string OrganizationId { get; private set; }
    public RevisionKind Kind { get; private set; }
    public string ChangedBy { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }
    public IReadOnlyList<FieldChange> Changes { get; private set; } = [];
}

/// <summary>The last change made to a webchat, as its revision will record it.</summary>
public sealed record RecordedChange(RevisionKind Kind, IReadOnlyList<FieldChange> Changes);
