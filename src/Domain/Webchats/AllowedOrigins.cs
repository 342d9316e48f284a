using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Webchats.Domain.Webchats;

/// <summary>
/// Origins a widget may be embedded on (api.md §4): <c>https://host[:port]</c>, or plain http for
/// <c>localhost</c> and <c>127.0.0.1</c>, with an optional single leading wildcard label.
/// </summary>
/// <remarks>
/// <para>
/// The parser is written by hand: <see cref="Uri"/> silently accepts backslashes, strips tabs and
/// newlines and guesses at malformed input, and a lenient reading of an allow-list is a security
/// bug. Only <see cref="IdnMapping"/> is used, for the punycode of a single label.
/// </para>
/// <para>
/// IPv6 literals (<c>https://[::1]</c>) are refused: widgets are embedded on named sites,
/// <c>localhost</c> and <c>127.0.0.1</c> cover local testing, and a literal would need its own
/// normal form (zero compression, embedded IPv4) to be compared safely.
/// </para>
/// <para>
/// Internationalised hosts: the service runs with invariant globalization, where
/// <see cref="IdnMapping"/> is a bare punycode encoder (no UTS #46 mapping, no NFC). So a label is
/// lowercased here, and characters that the full mapping would have rewritten (format characters
/// such as zero-width spaces, full-width and other compatibility forms, a combining mark on a
/// Latin, Greek or Cyrillic letter, i.e. non-NFC input) are refused rather than encoded into a
/// different domain. Any host can still be entered in its <c>xn--</c> form, which is checked by
/// decoding it. Bidi (RFC 5893) and contextual (CONTEXTJ/CONTEXTO) rules are not checked.
/// </para>
/// <para>
/// A wildcard needs two labels after <c>*.</c>; without a public suffix list (not in the BCL)
/// <c>https://*.co.uk</c> passes that rule.
/// </para>
/// </remarks>
public static class AllowedOrigins
{
    public const int MaxCount = 100;

    private const int MaxHostLength = 253;
    private const int MaxLabelLength = 63;
    private const string WildcardPrefix = "*.";

    private const string Empty = "must not be empty; expected https://host[:port]";
    private const string NotAnOrigin = "is not a valid origin; expected https://host[:port]";
    private const string MissingScheme = "is missing the scheme; expected https://host[:port]";
    private const string ControlCharacters = "must not contain control characters";
    private const string Backslash = "must not contain backslashes";
    private const string SchemeRule = "must use https (http is allowed only for localhost and 127.0.0.1)";
    private const string UserInfo = "must not contain user info";
    private const string IPv6 = "must not use an IPv6 address; use a host name, localhost or 127.0.0.1";
    private const string InvalidPort = "has an invalid port; expected a number from 1 to 65535";
    private const string MalformedHost = "has an empty or malformed host";
    private const string WildcardPlacement = "may contain '*' only as the whole first label, as in https://*.example.com";
    private const string WildcardTooBroad = "needs at least two labels after '*.', as in https://*.example.com";
    private const string WildcardOnLocalHost = "must not use '*' with localhost or an IP address";
    private const string PathPresent = "must not contain a path";
    private const string QueryPresent = "must not contain a query";
    private const string FragmentPresent = "must not contain a fragment";

    /// <summary>
    /// Normalises one entry: trimmed, lowercase scheme and host, IDN host as punycode, no default
    /// port, no trailing slash. On failure <paramref name="error"/> says why, in words fit for an
    /// API client (it is reported under <c>allowedDomains[i]</c>).
    /// </summary>
    public static bool TryNormalize(
        string? input,
        [NotNullWhen(true)] out string? origin,
        [NotNullWhen(false)] out string? error)
    {
        var failure = Parse(input, out var normalized);
        if (failure is null)
        {
            origin = normalized;
            error = null;
            return true;
        }

        origin = null;
        error = failure;
        return false;
    }

    /// <summary>
    /// Whether a browser's <c>Origin</c> is allowed by one entry: equal after normalisation, or
    /// below a wildcard with the same scheme and port (<c>https://*.example.com</c> allows
    /// <c>https://a.example.com</c> and <c>https://a.b.example.com</c>, not <c>https://example.com</c>).
    /// Anything that does not normalise (e.g. the <c>null</c> origin of sandboxed frames) matches nothing.
    /// </summary>
    public static bool Matches(string allowedOrigin, string requestOrigin)
    {
        // A real Origin header never holds '*': a wildcard only ever matches concrete hosts.
        if (!TryNormalize(requestOrigin, out var request, out _)
            || request.Contains('*', StringComparison.Ordinal)
            || !TryNormalize(allowedOrigin, out var allowed, out _))
        {
            return false;
        }

        var star = allowed.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return string.Equals(allowed, request, StringComparison.Ordinal);
        }

        // "https://*.example.com:8443" → prefix "https://", suffix ".example.com:8443"; at least
        // one label must stand in for the '*'. The request is normalised, so what lies between is
        // host labels only.
        var prefix = allowed.AsSpan(0, star);
        var suffix = allowed.AsSpan(star + 1);
        return request.Length > prefix.Length + suffix.Length
            && request.AsSpan().StartsWith(prefix, StringComparison.Ordinal)
            && request.AsSpan().EndsWith(suffix, StringComparison.Ordinal);
    }

    /// <summary>Removes duplicates (ordinal); the first occurrence wins and the order is kept.</summary>
    public static IReadOnlyList<string> Deduplicate(IEnumerable<string> normalizedOrigins)
    {
        ArgumentNullException.ThrowIfNull(normalizedOrigins);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. normalizedOrigins.Where(seen.Add)];
    }

    /// <summary>Returns the error, or <c>null</c> with the normalised origin.</summary>
    private static string? Parse(string? input, out string origin)
    {
        origin = string.Empty;
        var text = input.AsSpan().Trim();
        if (text.IsEmpty)
        {
            return Empty;
        }

        // C0 controls, DEL and C1 controls: Uri would strip some of them and keep going.
        if (text.ContainsAnyInRange('\u0000', '\u001F') || text.ContainsAnyInRange('\u007F', '\u009F'))
        {
            return ControlCharacters;
        }

        // Browsers read '\' as '/', so "https://evil.com\@good.com" means different hosts to different parsers.
        if (text.Contains('\\'))
        {
            return Backslash;
        }

        var colon = text.IndexOf(':');
        if (colon <= 0)
        {
            return NotAnOrigin;
        }

        var scheme = text[..colon];
        var afterScheme = text[(colon + 1)..];
        var isHttps = scheme.Equals("https", StringComparison.OrdinalIgnoreCase);
        if (!isHttps && !scheme.Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            // "localhost:3000" or "127.0.0.1:8080" is a host and port without a scheme.
            return LooksLikePort(afterScheme) ? MissingScheme
                : IsSchemeSyntax(scheme) ? SchemeRule
                : NotAnOrigin;
        }

        if (!afterScheme.StartsWith("//"))
        {
            return NotAnOrigin;
        }

        var rest = afterScheme[2..];
        var authorityEnd = rest.IndexOfAny('/', '?', '#');
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        ReadOnlySpan<char> tail = authorityEnd < 0 ? [] : rest[authorityEnd..];

        if (authority.Contains('@'))
        {
            return UserInfo;
        }

        if (authority.StartsWith('['))
        {
            return IPv6;
        }

        var host = authority;
        var port = 0;
        var portColon = authority.LastIndexOf(':');
        if (portColon >= 0)
        {
            var portText = authority[(portColon + 1)..];
            if (portText.IsEmpty
                || portText.Length > 5
                || portText.ContainsAnyExceptInRange('0', '9')
                || (port = int.Parse(portText, NumberStyles.None, CultureInfo.InvariantCulture)) is 0 or > 65535)
            {
                return InvalidPort;
            }

            host = authority[..portColon];
        }

        var wildcard = host.StartsWith(WildcardPrefix, StringComparison.Ordinal);
        var baseHost = wildcard ? host[WildcardPrefix.Length..] : host;
        if (baseHost.Contains('*'))
        {
            return WildcardPlacement;
        }

        if (!TryNormalizeHost(baseHost, out var asciiHost, out var isIPv4))
        {
            return MalformedHost;
        }

        var isLocal = asciiHost is "localhost" or "127.0.0.1";
        if (wildcard)
        {
            if (isLocal || isIPv4)
            {
                return WildcardOnLocalHost;
            }

            if (!asciiHost.Contains('.', StringComparison.Ordinal))
            {
                return WildcardTooBroad;
            }
        }

        if (!isHttps && !isLocal)
        {
            return SchemeRule;
        }

        var queryStart = tail.IndexOfAny('?', '#');
        var path = queryStart < 0 ? tail : tail[..queryStart];
        if (!path.IsEmpty && !path.SequenceEqual("/"))
        {
            return PathPresent;
        }

        if (queryStart >= 0)
        {
            // Even an empty "?" or "#": an origin has neither, and a browser never sends one.
            return tail[queryStart] == '?' ? QueryPresent : FragmentPresent;
        }

        var defaultPort = isHttps ? 443 : 80;
        origin = string.Concat(
            isHttps ? "https://" : "http://",
            wildcard ? WildcardPrefix : string.Empty,
            asciiHost,
            port == 0 || port == defaultPort ? string.Empty : ":" + port.ToString(CultureInfo.InvariantCulture));
        return null;
    }

    /// <summary>RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).</summary>
    private static bool IsSchemeSyntax(ReadOnlySpan<char> scheme)
    {
        if (!char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool LooksLikePort(ReadOnlySpan<char> afterColon)
    {
        var end = afterColon.IndexOf('/');
        var candidate = end < 0 ? afterColon : afterColon[..end];
        return !candidate.IsEmpty && !candidate.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>Lowercase LDH labels (punycode for IDN), 1–63 characters each, 253 in all.</summary>
    private static bool TryNormalizeHost(ReadOnlySpan<char> host, out string asciiHost, out bool isIPv4)
    {
        asciiHost = string.Empty;
        isIPv4 = false;
        if (host.IsEmpty || host.Length > MaxHostLength)
        {
            return false;
        }

        var builder = new StringBuilder(host.Length);
        foreach (var range in host.Split('.'))
        {
            if (ToAsciiLabel(host[range]) is not { } label)
            {
                return false;
            }

            if (builder.Length > 0)
            {
                builder.Append('.');
            }

            builder.Append(label);
        }

        if (builder.Length > MaxHostLength)
        {
            return false;
        }

        asciiHost = builder.ToString();

        // Browsers (WHATWG URL) read a host whose last label is numeric as an IPv4 address, in
        // forms such as "127.1" or "0x7f.0.0.1": allow only the canonical dotted quad.
        var lastLabel = asciiHost.AsSpan(asciiHost.LastIndexOf('.') + 1);
        if (!lastLabel.ContainsAnyExceptInRange('0', '9') || lastLabel.StartsWith("0x", StringComparison.Ordinal))
        {
            isIPv4 = IsCanonicalIPv4(asciiHost);
            return isIPv4;
        }

        return true;
    }

    private static string? ToAsciiLabel(ReadOnlySpan<char> label)
    {
        if (label.IsEmpty)
        {
            return null;
        }

        if (!Ascii.IsValid(label))
        {
            var unicode = label.ToString().ToLowerInvariant();
            if (!IsAcceptableUnicodeLabel(unicode))
            {
                return null;
            }

            try
            {
                var encoded = new IdnMapping().GetAscii(unicode);
                return IsLdhLabel(encoded) ? encoded : null;
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        var ascii = label.ToString().ToLowerInvariant();
        if (!IsLdhLabel(ascii))
        {
            return null;
        }

        // An "xn--" label must be real punycode of an acceptable Unicode label, spelled exactly
        // as this parser would encode it; otherwise two spellings could name one host.
        if (ascii.StartsWith("xn--", StringComparison.Ordinal))
        {
            try
            {
                var idn = new IdnMapping();
                var decoded = idn.GetUnicode(ascii);
                return !Ascii.IsValid(decoded)
                    && IsAcceptableUnicodeLabel(decoded)
                    && string.Equals(idn.GetAscii(decoded), ascii, StringComparison.Ordinal)
                    ? ascii
                    : null;
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        return ascii;
    }

    /// <summary>Letters, digits and hyphens; no hyphen at either end; 1–63 characters.</summary>
    private static bool IsLdhLabel(string label)
    {
        if (label.Length is 0 or > MaxLabelLength || label[0] == '-' || label[^1] == '-')
        {
            return false;
        }

        foreach (var c in label)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A lowercased Unicode label that punycode can encode as it stands: letters, marks, digits and
    /// hyphens only, and nothing that full IDNA mapping or NFC would have rewritten.
    /// </summary>
    private static bool IsAcceptableUnicodeLabel(string label)
    {
        var previous = default(Rune);
        foreach (var rune in label.EnumerateRunes())
        {
            // Invalid UTF-16 surfaces as U+FFFD, a symbol, and is refused below.
            if (rune.IsAscii)
            {
                if (!char.IsAsciiLetterLower((char)rune.Value) && !char.IsAsciiDigit((char)rune.Value) && rune.Value != '-')
                {
                    return false;
                }
            }
            else if (IsCompatibilityForm(rune.Value))
            {
                return false;
            }
            else
            {
                switch (Rune.GetUnicodeCategory(rune))
                {
                    case UnicodeCategory.LowercaseLetter:
                    case UnicodeCategory.OtherLetter:
                    case UnicodeCategory.ModifierLetter:
                    case UnicodeCategory.DecimalDigitNumber:
                    case UnicodeCategory.SpacingCombiningMark:
                        break;
                    case UnicodeCategory.NonSpacingMark:
                    case UnicodeCategory.EnclosingMark:
                        // A label must not start with a mark, and NFC would compose a Latin, Greek
                        // or Cyrillic letter with its accent ("u" + U+0308 → "ü").
                        if (previous.Value is 0 || (previous.Value < 0x0530 && Rune.IsLetter(previous)))
                        {
                            return false;
                        }

                        break;
                    default:
                        return false;
                }
            }

            previous = rune;
        }

        return true;
    }

    /// <summary>Blocks that UTS #46 maps to other characters (full-width forms, ligatures, math letters).</summary>
    private static bool IsCompatibilityForm(int value) =>
        value is (>= 0x2100 and <= 0x214F) // letterlike symbols
            or (>= 0xFB00 and <= 0xFDFF) // alphabetic and Arabic presentation forms
            or (>= 0xFE70 and <= 0xFEFF) // Arabic presentation forms B
            or (>= 0xFF00 and <= 0xFFEF) // half-width and full-width forms
            or (>= 0x1D400 and <= 0x1D7FF); // mathematical alphanumeric symbols

    private static bool IsCanonicalIPv4(string host)
    {
        var parts = 0;
        foreach (var range in host.AsSpan().Split('.'))
        {
            var part = host.AsSpan()[range];
            if (++parts > 4
                || part.Length is 0 or > 3
                || part.ContainsAnyExceptInRange('0', '9')
                || (part.Length > 1 && part[0] == '0')
                || int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return parts == 4;
    }
}
