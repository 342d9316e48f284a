using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Webchats.Domain.Webchats;

/// <summary>
/// Origins a widget may be embedded on (api.md §4): <c>https://host[:port]</c>, or plain http for
/// <c>localhost</c> and <c>127.0.0.1</c>, with an optional single leading wildcard label.
/// </summary>
/// <remarks>
/// <para>
/// The URL's shape is parsed by hand: <see cref="Uri"/> silently accepts backslashes, strips tabs
/// and newlines and guesses at malformed input, and a lenient reading of an allow-list is a
/// security bug. The host itself goes to <see cref="IdnMapping"/> (ICU; the service runs with
/// InvariantGlobalization off), which does what a browser does to a host (UTS #46, non-transitional,
/// STD3 rules): it lowercases, maps compatibility forms (full-width letters, ligatures, <c>ℓ</c>,
/// the ideographic full stop as a dot), drops ignored characters (zero-width space, soft hyphen),
/// composes to NFC, refuses disallowed and unassigned code points, leading combining marks, a
/// zero-width joiner or non-joiner outside its CONTEXTJ context, a hyphen at either end of a label
/// (<c>ab--cd</c> passes, as in browsers) and anything but letters, digits and hyphens after mapping,
/// checks label (63) and name (253) lengths, validates <c>xn--</c> labels by decoding them, and
/// encodes the rest as punycode. So an entry is stored as the host a browser would send.
/// </para>
/// <para>
/// Not checked, because .NET does not ask ICU to: the bidi rule (RFC 5893; a label mixing
/// right-to-left and left-to-right letters is accepted, although a browser refuses that host, so
/// such an entry never matches) and CONTEXTO (e.g. a middle dot outside <c>l·l</c>). The mapping
/// follows the machine's ICU version; hosts whose mapping changed between Unicode versions are rare.
/// </para>
/// <para>
/// IPv6 literals (<c>https://[::1]</c>) are refused: widgets are embedded on named sites,
/// <c>localhost</c> and <c>127.0.0.1</c> cover local testing, and a literal would need its own
/// normal form (zero compression, embedded IPv4) to be compared safely.
/// </para>
/// <para>
/// A wildcard directly under a public suffix (<c>https://*.com</c>, <c>https://*.co.uk</c>,
/// <c>https://*.github.io</c>) is refused: it would allow every site anyone registers there
/// (<see cref="PublicSuffixList"/>). Stored entries are not re-checked on read; see README.
/// </para>
/// </remarks>
public static class AllowedOrigins
{
    public const int MaxCount = 100;

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
    private const string WildcardOnLocalHost = "must not use '*' with localhost or an IP address";
    private const string PathPresent = "must not contain a path";
    private const string QueryPresent = "must not contain a query";
    private const string FragmentPresent = "must not contain a fragment";

    /// <summary>Its settings never change after this line, and GetAscii keeps no other state, so one instance serves every thread.</summary>
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>What may stand in for the '*' of a wildcard entry: host labels and the dots between them.</summary>
    private static readonly SearchValues<char> HostCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-.");

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
    /// A browser's <c>Origin</c> in the normal form of <see cref="TryNormalize"/>, to be passed to
    /// <see cref="MatchesNormalized"/>; <c>null</c> when it is no origin an entry could allow (the
    /// <c>null</c> origin of sandboxed frames, anything malformed, and any <c>*</c>: a real Origin
    /// header never holds one, so a wildcard only ever matches concrete hosts).
    /// </summary>
    public static string? NormalizeRequestOrigin(string? origin) =>
        Parse(origin, out var normalized) is null && !normalized.Contains('*', StringComparison.Ordinal) ? normalized : null;

    /// <summary>
    /// Whether a browser's <c>Origin</c> is allowed by one stored entry; see <see cref="MatchesNormalized"/>.
    /// This normalises <paramref name="requestOrigin"/> on every call: to check one request against
    /// several entries, call <see cref="NormalizeRequestOrigin"/> once and then <see cref="MatchesNormalized"/>.
    /// </summary>
    public static bool Matches(string allowedOrigin, string requestOrigin) =>
        NormalizeRequestOrigin(requestOrigin) is { } request && MatchesNormalized(allowedOrigin, request);

    /// <summary>
    /// Whether a request origin is allowed by one entry: equal, or below a wildcard with the same
    /// scheme and port (<c>https://*.example.com</c> allows <c>https://a.example.com</c> and
    /// <c>https://a.b.example.com</c>, not <c>https://example.com</c>). Plain string comparisons:
    /// <paramref name="allowedOrigin"/> is an entry as <see cref="TryNormalize"/> returned it (stored
    /// entries are normalised on write; one that is not matches nothing), and
    /// <paramref name="normalizedRequestOrigin"/> comes from <see cref="NormalizeRequestOrigin"/>.
    /// </summary>
    public static bool MatchesNormalized(string allowedOrigin, string normalizedRequestOrigin)
    {
        ArgumentNullException.ThrowIfNull(allowedOrigin);
        ArgumentNullException.ThrowIfNull(normalizedRequestOrigin);
        var star = allowedOrigin.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return string.Equals(allowedOrigin, normalizedRequestOrigin, StringComparison.Ordinal);
        }

        // "https://*.example.com:8443" → prefix "https://", suffix ".example.com:8443"; at least one
        // label must stand in for the '*', and nothing else (should a raw origin be passed here).
        var prefix = allowedOrigin.AsSpan(0, star);
        var suffix = allowedOrigin.AsSpan(star + 1);
        var request = normalizedRequestOrigin.AsSpan();
        return request.Length > prefix.Length + suffix.Length
            && request.StartsWith(prefix, StringComparison.Ordinal)
            && request.EndsWith(suffix, StringComparison.Ordinal)
            && !request[prefix.Length..^suffix.Length].ContainsAnyExcept(HostCharacters);
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

            if (PublicSuffixList.IsPublicSuffix(asciiHost))
            {
                return $"must not be a wildcard directly under a public suffix: *.{asciiHost} would match every site under the public suffix {asciiHost}";
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

    /// <summary>The host as a browser would send it (UTS #46 ToASCII), or <c>false</c> when it is not a valid host name.</summary>
    private static bool TryNormalizeHost(ReadOnlySpan<char> host, out string asciiHost, out bool isIPv4)
    {
        asciiHost = string.Empty;
        isIPv4 = false;
        string mapped;
        try
        {
            mapped = Idn.GetAscii(host.ToString());
        }
        catch (ArgumentException)
        {
            return false;
        }

        // A trailing dot (the DNS root) is valid for UTS #46 but names another origin. GetAscii
        // hands back its input as it was when the answer differs only in ASCII case, hence the
        // lowercasing; the ASCII check is a guard, STD3 rules leave nothing else.
        if (mapped.EndsWith('.') || !Ascii.IsValid(mapped))
        {
            return false;
        }

        asciiHost = mapped.ToLowerInvariant();

        // Browsers (WHATWG URL) read a host whose last label is numeric as an IPv4 address, in
        // forms such as "127.1" or "0x7f.0.0.1": allow only the canonical dotted quad.
        var lastLabel = asciiHost.AsSpan(asciiHost.LastIndexOf('.') + 1);
        if (!lastLabel.ContainsAnyExceptInRange('0', '9') || lastLabel.StartsWith("0x", StringComparison.Ordinal))
        {
            isIPv4 = IPAddress.TryParse(asciiHost, out var address)
                && address.AddressFamily == AddressFamily.InterNetwork
                && string.Equals(address.ToString(), asciiHost, StringComparison.Ordinal);
            return isIPv4;
        }

        return true;
    }
}
