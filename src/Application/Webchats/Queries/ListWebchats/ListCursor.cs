using System.Globalization;
using Webchats.Application.Common.Interfaces;
using Webchats.Application.Common.Validation;
using Webchats.Domain.Common;

namespace Webchats.Application.Webchats.Queries.ListWebchats;

/// <summary>
/// The opaque cursor of the newest-first list: the creation time and id of the last item shown.
/// Keyset pagination, so inserts and deletes between pages never repeat or skip an item that
/// stays in the list.
/// </summary>
public static class ListCursor
{
    public static string Encode(DateTimeOffset createdAt, string id) =>
        PagingRules.EncodeCursor(createdAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "." + id);

    public static bool TryDecode(string? cursor, out WebchatListPosition? position)
    {
        position = null;
        var text = PagingRules.DecodeCursor(cursor, maxLength: 64) ?? "";
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0
            || !long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            || !ObjectIds.IsValid(text[(dot + 1)..]))
        {
            return false;
        }

        position = new WebchatListPosition(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), text[(dot + 1)..]);
        return true;
    }
}
