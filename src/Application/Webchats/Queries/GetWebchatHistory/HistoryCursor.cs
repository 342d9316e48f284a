using System.Globalization;
using Webchats.Application.Common.Validation;

namespace Webchats.Application.Webchats.Queries.GetWebchatHistory;

/// <summary>The opaque cursor of a history page: the version of the last revision shown.</summary>
public static class HistoryCursor
{
    private const string Prefix = "rev.";

    public static string Encode(long version) =>
        PagingRules.EncodeCursor(Prefix + version.ToString(CultureInfo.InvariantCulture));

    public static bool TryDecode(string? cursor, out long version)
    {
        version = 0;
        return PagingRules.DecodeCursor(cursor, maxLength: 48) is { } text
            && text.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out version)
            && version > 0;
    }
}
