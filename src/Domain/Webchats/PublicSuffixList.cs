using System.Globalization;

namespace Webchats.Domain.Webchats;

/// <summary>
/// The Public Suffix List (https://publicsuffix.org): names under which anyone can register a site
/// (<c>com</c>, <c>co.uk</c>, and from its private section <c>github.io</c>). A wildcard origin
/// directly under one would allow every such site (api.md §8).
/// </summary>
/// <remarks>
/// The list is the copy shipped in this folder (<c>public_suffix_list.dat</c>, embedded in the
/// assembly; its version is <see cref="Version"/>, see README), read once on first use. Rules
/// follow the list's format: a plain rule, a wildcard rule (<c>*.ck</c>: every label under
/// <c>ck</c> is a suffix) and an exception (<c>!www.ck</c>: that name is not). Names with no rule
/// fall under the default rule <c>*</c>: every single label is a suffix. IDN rules are kept in
/// their ASCII (punycode) form, the form stored origins have.
/// </remarks>
public static class PublicSuffixList
{
    /// <summary>The Debian package <c>publicsuffix</c> the shipped copy comes from.</summary>
    public const string Version = "20230209.2326-1";

    private const string ResourceName = "Webchats.Domain.Webchats.public_suffix_list.dat";

    private static readonly Lazy<Rules> List = new(Load);

    /// <summary>Whether <paramref name="asciiHost"/> (lowercase, punycode, no trailing dot) is a public suffix.</summary>
    public static bool IsPublicSuffix(string asciiHost)
    {
        ArgumentException.ThrowIfNullOrEmpty(asciiHost);
        var rules = List.Value;
        if (rules.Exceptions.Contains(asciiHost))
        {
            return false;
        }

        var dot = asciiHost.IndexOf('.', StringComparison.Ordinal);
        return dot < 0
            || rules.Plain.Contains(asciiHost)
            || rules.Wildcards.Contains(asciiHost[(dot + 1)..]);
    }

    private static Rules Load()
    {
        using var stream = typeof(PublicSuffixList).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var idn = new IdnMapping();
        var rules = new Rules();
        while (reader.ReadLine() is { } line)
        {
            // A rule is the first word of a line; comments start with "//".
            var rule = line.AsSpan().Trim();
            var end = rule.IndexOfAny(' ', '\t');
            rule = end < 0 ? rule : rule[..end];
            if (rule.IsEmpty || rule.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var text = rule.ToString();
            var (set, name) = text switch
            {
                ['!', .. var rest] => (rules.Exceptions, rest),
                ['*', '.', .. var rest] => (rules.Wildcards, rest),
                _ => (rules.Plain, text),
            };
            set.Add(idn.GetAscii(name).ToLowerInvariant());
        }

        return rules;
    }

    private sealed class Rules
    {
        public HashSet<string> Plain { get; } = new(StringComparer.Ordinal);

        /// <summary>The names under <c>*.</c>: <c>ck</c> for <c>*.ck</c>.</summary>
        public HashSet<string> Wildcards { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Exceptions { get; } = new(StringComparer.Ordinal);
    }
}
