using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Webchats.Application.Common.Interfaces;
using Webchats.Domain.Common;

namespace Webchats.Application.Webchats.Queries.ListWebchats;

/// <summary>
/// The opaque cursor of the newest-first list: the creation time and id of the last item shown,
/// base64url-encoded. Keyset pagination, so inserts and deletes between pages never repeat or skip
/// an item that stays in the list.
/// </summary>
public static class ListCursor
{
    public static string Encode(DateTimeOffset createdAt, string id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            createdAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "." + id));

    public static bool TryDecode(string? cursor, out WebchatListPosition? position)
    {
        position = null;
        if (cursor is null || cursor.Length > 64)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[64];
        if (!Base64Url.IsValid(cursor) || Base64Url.DecodeFromChars(cursor, buffer) is var length && length == 0)
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(buffer[..length]);
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
