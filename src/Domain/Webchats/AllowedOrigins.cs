using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Webchats.Domain.Webchats;

/// <summary>
/// Origins a widget may be embedded on (api.md §4): <c>https://host[:port]</c>, or plain http for
/// <c>localhost</c> and <c>127.0.0.1</c>, with an optional single leading wildcard label. The
/// parser is written by hand rather than trusting <see cref="Uri"/>, which silently accepts
/// backslashes, strips tabs and guesses at malformed input.
/// </summary>
public static class AllowedOrigins
{
    public const int MaxCount = 100;

    private const string Expected = "is not a valid origin; expected https://host[:port]";
    private const string SchemeRule = "must use https (http is allowed only for localhost and 127.0.0.1)";
    private const string HostRule = "has an empty or malformed host";
    private const string WildcardRule = "may contain '*' only as the whole first label, as in https://*.example.com";

    private static readonly IdnMapping Idn = new();

    /// <summary>Normalises one entry: trimmed, lowercase scheme and host, punycode, no default port, no trailing slash.</summary>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? origin, [NotNullWhen(false)] out string? error)
    {
        origin = null;
        error = Normalize(input?.Trim(), out var normalized);
        origin = normalized;
        return error is null;
    }

    /// <summary>
    /// Whether a browser's <c>Origin</c> is allowed by one stored entry: equal, or below a wildcard
    /// (<c>https://*.example.com</c> allows <c>https://a.example.com</c> and <c>https://a.b.example.com</c>,
    /// not <c>https://example.com</c>), with the same scheme and port.
    /// </summary>
    public static bool Matches(string allowedOrigin, string requestOrigin)
    {
        if (!TryNormalize(requestOrigin, out var request, out _) || request.Contains('*', StringComparison.Ordinal))
        {
            return false;
        }

        if (!allowedOrigin.Contains("://*.", StringComparison.Ordinal))
        {
            return string.Equals(allowedOrigin, request, StringComparison.Ordinal);
        }

        // "https://*.example.com:8443" → prefix "https://", suffix ".example.com:8443".
        var star = allowedOrigin.IndexOf('*', StringComparison.Ordinal);
        var prefix = allowedOrigin[..star];
        var suffix = allowedOrigin[(star + 1)..];
        return request.Length > prefix.Length + suffix.Length
            && request.StartsWith(prefix, StringComparison.Ordinal)
            && request.EndsWith(suffix, StringComparison.Ordinal)
            && !request.AsSpan(prefix.Length, request.Length - prefix.Length - suffix.Length).Contains(':');
    }

    /// <summary>Removes duplicates; the first occurrence wins and the order is kept.</summary>
    public static IReadOnlyList<string> Deduplicate(IEnumerable<string> normalizedOrigins)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. normalizedOrigins.Where(seen.Add)];
    }

    private static string? Normalize(string? text, out string? origin)
    {
        origin = null;
        if (string.IsNullOrEmpty(text))
        {
            return "must be an origin such as https://example.com";
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\')
            {
                return Expected;
            }
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return Expected;
        }

        var scheme = text[..colon].ToLowerInvariant();
        if (scheme is not ("https" or "http"))
        {
            return SchemeRule;
        }

        if (!text.AsSpan(colon + 1).StartsWith("//"))
        {
            return Expected;
        }

        var rest = text[(colon + 3)..];
        var authorityEnd = rest.IndexOfAny(['/', '?', '#']);
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var tail = authorityEnd < 0 ? string.Empty : rest[authorityEnd..];
        if (TailError(tail) is { } tailError)
        {
            return tailError;
        }

        if (authority.Contains('@', StringComparison.Ordinal))
        {
            return "must not contain user info";
        }

        if (authority.StartsWith('['))
        {
            // IPv6 literals are refused: widgets are embedded on named sites, and a literal would
            // need its own normal form. localhost and 127.0.0.1 cover local testing.
            return "must use a host name (IPv6 literals are not supported)";
        }

        var portStart = authority.LastIndexOf(':');
        var host = portStart < 0 ? authority : authority[..portStart];
        int? port = null;
        if (portStart >= 0)
        {
            var portText = authority[(portStart + 1)..];
            if (portText.Length is 0 or > 5 || !portText.All(char.IsAsciiDigit) || int.Parse(portText, CultureInfo.InvariantCulture) is < 1 or > 65535)
            {
                return "has an invalid port; use 1-65535";
            }

            port = int.Parse(portText, CultureInfo.InvariantCulture);
        }

        var wildcard = host.StartsWith("*.", StringComparison.Ordinal);
        var baseHost = wildcard ? host[2..] : host;
        if (baseHost.Contains('*', StringComparison.Ordinal))
        {
            return WildcardRule;
        }

        if (HostError(baseHost, out var asciiHost) is { } hostError)
        {
            return hostError;
        }

        var isLocal = asciiHost is "localhost" or "127.0.0.1";
        if (wildcard && (isLocal || IsIPv4(asciiHost) || !asciiHost.Contains('.', StringComparison.Ordinal)))
        {
            return WildcardRule + ", under a domain with at least two labels";
        }

        if (scheme == "http" && !isLocal)
        {
            return SchemeRule;
        }

        var defaultPort = scheme == "https" ? 443 : 80;
        var portSuffix = port is { } p && p != defaultPort ? ":" + p.ToString(CultureInfo.InvariantCulture) : string.Empty;
        origin = $"{scheme}://{(wildcard ? "*." : string.Empty)}{asciiHost}{portSuffix}";
        return null;
    }

    private static string? TailError(string tail)
    {
        var query = tail.IndexOfAny(['?', '#']);
        var path = query < 0 ? tail : tail[..query];
        if (path.Length > 0 && path != "/")
        {
            return "must not contain a path";
        }

        if (query < 0)
        {
            return null;
        }

        return tail[query] == '?' ? "must not contain a query" : "must not contain a fragment";
    }

    private static string? HostError(string host, out string asciiHost)
    {
        asciiHost = string.Empty;
        if (host.Length == 0)
        {
            return HostRule;
        }

        try
        {
            asciiHost = Idn.GetAscii(host).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return HostRule;
        }

        if (asciiHost.Length > 253)
        {
            return HostRule;
        }

        var labels = asciiHost.Split('.');
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-'
                || !label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return HostRule;
            }
        }

        // All-numeric hosts must be real IPv4 addresses, not "999.1" look-alikes.
        return labels.All(label => label.All(char.IsAsciiDigit)) && !IsIPv4(asciiHost) ? HostRule : null;
    }

    private static bool IsIPv4(string host)
    {
        var parts = host.Split('.');
        return parts.Length == 4 && parts.All(part =>
            part.Length is > 0 and <= 3 && part.All(char.IsAsciiDigit)
            && (part.Length == 1 || part[0] != '0') && int.Parse(part, CultureInfo.InvariantCulture) <= 255);
    }
}
