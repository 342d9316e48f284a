using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Webchats.Infrastructure.IntegrationTests.Storage;

/// <summary>
/// Recomputes the AWS Signature Version 4 of a presigned GET URL (query-string authentication,
/// signed header <c>host</c> only, <c>UNSIGNED-PAYLOAD</c>) from the documented algorithm, because
/// s3rver accepts any SigV4 signature. Independent of the SDK: it re-encodes the path and the
/// query from their decoded values.
/// </summary>
public static class SigV4
{
    public static bool IsValid(string url, string secretAccessKey)
    {
        var uri = new Uri(url);
        var query = ParseQuery(uri.Query);
        if (!query.TryGetValue("X-Amz-Signature", out var given)
            || !query.TryGetValue("X-Amz-Date", out var amzDate)
            || !query.TryGetValue("X-Amz-Credential", out var credential)
            || query.GetValueOrDefault("X-Amz-Algorithm") != "AWS4-HMAC-SHA256"
            || query.GetValueOrDefault("X-Amz-SignedHeaders") != "host")
        {
            return false;
        }

        // <access key>/<date>/<region>/<service>/aws4_request
        var scopeParts = credential.Split('/');
        if (scopeParts.Length != 5 || scopeParts[4] != "aws4_request" || !amzDate.StartsWith(scopeParts[1], StringComparison.Ordinal))
        {
            return false;
        }

        var scope = string.Join('/', scopeParts[1..]);
        var canonicalQuery = string.Join('&', query
            .Where(p => p.Key != "X-Amz-Signature")
            .Select(p => (Key: Encode(p.Key, encodeSlash: true), Value: Encode(p.Value, encodeSlash: true)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
        var canonicalPath = Encode(Uri.UnescapeDataString(RawPath(url)), encodeSlash: false);
        var canonicalRequest = string.Join('\n',
            "GET",
            canonicalPath,
            canonicalQuery,
            "host:" + uri.Authority + "\n",
            "host",
            "UNSIGNED-PAYLOAD");

        var stringToSign = string.Join('\n',
            "AWS4-HMAC-SHA256",
            amzDate,
            scope,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (var part in scopeParts[1..])
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given));
    }

    /// <summary>The decoded query parameters of a URL (each name once).</summary>
    public static Dictionary<string, string> ParseQuery(string query) =>
        query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : string.Empty, StringComparer.Ordinal);

    /// <summary>When the URL stops working: X-Amz-Date plus X-Amz-Expires seconds.</summary>
    public static DateTimeOffset ExpiresAt(string url)
    {
        var query = ParseQuery(new Uri(url).Query);
        var signedAt = DateTimeOffset.ParseExact(query["X-Amz-Date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return signedAt.AddSeconds(long.Parse(query["X-Amz-Expires"], CultureInfo.InvariantCulture));
    }

    /// <summary>The path exactly as written in the URL.</summary>
    private static string RawPath(string url)
    {
        var start = url.IndexOf('/', url.IndexOf("://", StringComparison.Ordinal) + 3);
        var end = url.IndexOfAny(['?', '#'], start);
        return end < 0 ? url[start..] : url[start..end];
    }

    /// <summary>SigV4's UriEncode: every byte but A-Z a-z 0-9 - _ . ~ (and '/' in paths) as %XX.</summary>
    private static string Encode(string value, bool encodeSlash)
    {
        var result = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (c == '/' && !encodeSlash))
            {
                result.Append(c);
            }
            else
            {
                result.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return result.ToString();
    }
}
