using Webchats.Domain.Common;
using Webchats.Domain.Webchats;

namespace Webchats.Application.Webchats.Common;

/// <summary>
/// The body of POST, PUT and PATCH, read in one pass (api.md §3): the parsed value of each field it
/// sent, the read-only fields it sent back, and every error found in it. A field that is absent is
/// not in <see cref="Values"/> and stays as it is.
/// </summary>
public sealed class WebchatPatch(
    IReadOnlyDictionary<WebchatField, object?> values,
    IReadOnlyDictionary<string, string?> readOnly,
    IReadOnlyList<FieldError> errors)
{
    /// <summary>A patch that sets one field to a value its rule produced.</summary>
    public static WebchatPatch Of(WebchatField field, object? value) =>
        new(new Dictionary<WebchatField, object?> { [field] = value }, new Dictionary<string, string?>(), []);

    /// <summary>
    /// Fields that documents show but callers cannot set. A document read from the API may be sent
    /// back: a value equal to the stored one is accepted, any other is "is read-only".
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Func<Webchat, string?, bool>> ReadOnlyFields =
        new Dictionary<string, Func<Webchat, string?, bool>>(StringComparer.Ordinal)
        {
            ["_id"] = (stored, sent) => sent == stored.Id,
            ["organizationId"] = (stored, sent) => sent == stored.OrganizationId,
            ["userId"] = (stored, sent) => sent == stored.UserId,
            ["createdBy"] = (stored, sent) => sent == stored.CreatedBy,
            ["updatedBy"] = (stored, sent) => sent == stored.UpdatedBy,
            ["createdAt"] = (stored, sent) => SameInstant(sent, stored.CreatedAt),
            ["updatedAt"] = (stored, sent) => SameInstant(sent, stored.UpdatedAt),
        };

    /// <summary>The sent fields with their parsed values (the icon as sent, resolved by <see cref="WebchatPatchResolver"/>).</summary>
    public IReadOnlyDictionary<WebchatField, object?> Values { get; } = values;

    /// <summary>Read-only fields as sent (strings, or null).</summary>
    public IReadOnlyDictionary<string, string?> ReadOnly { get; } = readOnly;

    /// <summary>Everything wrong with the body itself: unknown, duplicate and wrongly typed properties, invalid values.</summary>
    public IReadOnlyList<FieldError> Errors { get; } = errors;

    private static bool SameInstant(string? sent, DateTimeOffset stored) =>
        DateTimeOffset.TryParse(sent, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var parsed)
        && parsed == stored;
}
