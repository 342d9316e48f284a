using System.Buffers;
using Webchats.Application.Common.Interfaces;
using Webchats.Domain.Common;

namespace Webchats.Application.Webchats.Common;

/// <summary>
/// The <c>icon</c> rules of api.md §3: null or blank removes the icon; the signed URL of the
/// current icon changes nothing (even after it expired); a storage key is accepted only under the
/// caller's organization prefix and only if the object exists. The service never fetches a URL.
/// </summary>
public sealed class IconReferences(IIconStorage storage)
{
    private static readonly SearchValues<char> KeyCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./");

    /// <summary>The storage key of the icon's prefix for one organization.</summary>
    public static string OrganizationPrefix(string organizationId) => $"orgs/{organizationId}/";

    /// <summary>The prefix of the icons uploaded for one webchat.</summary>
    public static string WebchatPrefix(string organizationId, string webchatId) =>
        $"{OrganizationPrefix(organizationId)}webchats/{webchatId}/";

    /// <summary>The storage key an icon of one webchat is stored under.</summary>
    public static string KeyFor(string organizationId, string webchatId, string contentHashPrefix, string extension) =>
        $"{WebchatPrefix(organizationId, webchatId)}icon-{contentHashPrefix}.{extension}";

    /// <summary>Turns a sent <c>icon</c> value (already a trimmed string of sane size, or null to remove it) into the key to store.</summary>
    public async Task<(string? Key, FieldError? Error)> ResolveAsync(
        string? sent, string organizationId, string? currentKey, CancellationToken cancellationToken)
    {
        if (sent is null)
        {
            return (null, null);
        }

        if (storage.TryGetKey(sent, out var urlKey))
        {
            return currentKey is not null && urlKey == currentKey
                ? (currentKey, null)
                : (null, new FieldError("icon", "is a URL of an icon this webchat does not have; upload a new icon with POST /api/webchats/{id}/icon"));
        }

        if (!IsOwnKey(sent, organizationId))
        {
            return (null, new FieldError("icon", "must be the signed URL of the current icon, a storage key of this organization's icons, or null"));
        }

        return sent == currentKey || await storage.ExistsAsync(sent, cancellationToken)
            ? (sent, null)
            : (null, new FieldError("icon", "names no stored icon"));
    }

    private static bool IsOwnKey(string key, string organizationId)
    {
        var prefix = OrganizationPrefix(organizationId);
        return key.Length > prefix.Length
            && key.StartsWith(prefix, StringComparison.Ordinal)
            && !key.AsSpan().ContainsAnyExcept(KeyCharacters)
            && !key.Contains("..", StringComparison.Ordinal)
            && !key.Contains("//", StringComparison.Ordinal)
            && !key.EndsWith('/');
    }
}
