using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Webchats.Application.Webchats.Queries.GetWebchatHistory;

/// <summary>The opaque cursor of a history page: the id of the last revision shown, base64url-encoded.</summary>
public static class HistoryCursor
{
    private const string Prefix = "rev.";

    public static string Encode(long revisionId) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + revisionId.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecode(string? cursor, out long revisionId)
    {
        revisionId = 0;
        if (cursor is null || cursor.Length > 48 || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out revisionId)
            && revisionId > 0;
    }
}
