using System.Globalization;

using FsCheck;
using FsCheck.Fluent;

using Webchats.Domain.Webchats;

using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Webchats.Domain.UnitTests.Webchats;

/// <summary>Generated origins: normalisation is exact and idempotent, matching and de-duplication hold.</summary>
public sealed class AllowedOriginsPropertyTests
{
    private const string LabelCharacters = "abcdefghijklmnopqrstuvwxyz0123456789-";

    /// <summary>An LDH label of 1–12 characters with no hyphen at either end.</summary>
    private static readonly Gen<string> Label =
        from length in Gen.Choose(1, 12)
        from chars in Gen.ArrayOf(Gen.Elements(LabelCharacters.ToCharArray()), length)
        let label = new string(chars)
        where label[0] != '-' && label[^1] != '-'
        select label;

    /// <summary>Letters only, so the host never ends in a numeric label (which would be an IPv4 address).</summary>
    private static readonly Gen<string> TopLevelLabel =
        from length in Gen.Choose(2, 6)
        from chars in Gen.ArrayOf(Gen.Elements("abcdefghijklmnopqrstuvwxyz".ToCharArray()), length)
        select new string(chars);

    /// <summary>
    /// Registrable domains: not a public suffix themselves (the list has wildcard rules such as
    /// <c>*.mm</c>, under which a generated <c>7v.mm</c> is one, and a wildcard right below it is refused).
    /// </summary>
    private static readonly Gen<string> DomainOfTwoOrMoreLabels =
        from labels in Gen.Choose(1, 3).SelectMany(count => Gen.ArrayOf(Label, count))
        from top in TopLevelLabel
        let domain = string.Join('.', labels.Append(top))
        where !PublicSuffixList.IsPublicSuffix(domain)
        select domain;

    /// <summary>Either no port, the default port, or any valid port.</summary>
    private static readonly Gen<int?> Port = Gen.Frequency(
        (2, Gen.Constant<int?>(null)),
        (1, Gen.Constant<int?>(443)),
        (1, Gen.Constant<int?>(80)),
        (3, Gen.Choose(1, 65535).Select(p => (int?)p)));

    private static readonly Gen<Case> Cases =
        from kind in Gen.Elements(Kind.Https, Kind.Wildcard, Kind.Local)
        from host in kind == Kind.Local
            ? Gen.Elements("localhost", "127.0.0.1")
            : DomainOfTwoOrMoreLabels
        from scheme in kind == Kind.Local ? Gen.Elements("http", "https") : Gen.Constant("https")
        from port in Port
        from trailingSlash in Gen.Elements(true, false)
        from upper in Gen.ArrayOf(Gen.Elements(true, false), 300)
        select new Case(scheme, kind == Kind.Wildcard ? "*." + host : host, port, trailingSlash, upper);

    private enum Kind
    {
        Https,
        Wildcard,
        Local,
    }

    [Property(MaxTest = 500)]
    public Property TryNormalize_GeneratedOrigin_ReturnsExpectedFormAndIsIdempotent() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var firstAccepted = AllowedOrigins.TryNormalize(c.Input, out var once, out var error);
            var secondAccepted = AllowedOrigins.TryNormalize(once, out var twice, out _);
            return (firstAccepted && secondAccepted && once == c.Expected && twice == once)
                .Label($"input {c.Input} → {once ?? error}, expected {c.Expected}, again {twice}");
        });

    [Property(MaxTest = 300)]
    public Property TryNormalize_InternationalHost_IsIdempotentAndAscii()
    {
        // Some spellings that UTS #46 maps: upper case, full-width, a ligature, a decomposed ü, a zero-width space.
        var unicodeLabel = Gen.Elements(
            "bücher", "münchen", "straße", "例え", "テスト", "пример", "ελλάδα", "إختبار", "ab-ü",
            "BÜCHER", "ｓｈｏｐ", "ﬁle", "bu\u0308cher", "sh\u200Bop");
        var hosts =
            from labels in Gen.ArrayOf(Gen.OneOf(Label, unicodeLabel), 3)
            from top in Gen.OneOf(TopLevelLabel, Gen.Elements("рф", "テスト"))
            from port in Port
            select $"https://{string.Join('.', labels.Append(top))}{(port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : "")}/";

        return Prop.ForAll(hosts.ToArbitrary(), input =>
        {
            var firstAccepted = AllowedOrigins.TryNormalize(input, out var once, out var error);
            var secondAccepted = AllowedOrigins.TryNormalize(once, out var twice, out _);
            return (firstAccepted && secondAccepted && twice == once && once!.All(char.IsAscii))
                .Label($"input {input} → {once ?? error}, again {twice}");
        });
    }

    [Property(MaxTest = 500)]
    public Property NormalizeRequestOrigin_GeneratedOrigin_IsTheNormalFormOrNullForAWildcard() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var request = AllowedOrigins.NormalizeRequestOrigin(c.Input);
            var expected = c.Host.StartsWith('*') ? null : c.Expected;
            return (request == expected && (request is null || AllowedOrigins.MatchesNormalized(c.Expected, request)))
                .Label($"input {c.Input} → {request}, expected {expected}");
        });

    [Property(MaxTest = 300)]
    public Property MatchesNormalized_AfterNormalizeRequestOrigin_AgreesWithMatches()
    {
        var cases =
            from domain in DomainOfTwoOrMoreLabels
            from allowed in Gen.Elements($"https://*.{domain}", $"https://{domain}", $"https://*.{domain}:8443")
            from start in Gen.Elements("https://a.", "HTTPS://A.B.", "https://", "http://a.", "https://a.b.c.")
            from port in Gen.Elements("", ":443", ":8443")
            select (Allowed: allowed, Request: $"{start}{domain}{port}/");

        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var request = AllowedOrigins.NormalizeRequestOrigin(c.Request);
            var matches = AllowedOrigins.Matches(c.Allowed, c.Request);
            return (request is null ? !matches : AllowedOrigins.MatchesNormalized(c.Allowed, request) == matches)
                .Label($"{c.Allowed} vs {c.Request} ({request})");
        });
    }

    [Property(MaxTest = 1000)]
    public Property TryNormalize_AnyString_NeverThrowsAndIsIdempotentWhenAccepted() =>
        Prop.ForAll<string?>(input => IdempotentWhenAccepted(input));

    [Property(MaxTest = 1000)]
    public Property TryNormalize_AnyStringAfterHttpsScheme_NeverThrowsAndIsIdempotentWhenAccepted() =>
        Prop.ForAll<string?>(rest => IdempotentWhenAccepted("https://" + rest));

    [Property(MaxTest = 300)]
    public Property Matches_Wildcard_MatchesEverySubdomainButNotTheDomainItself()
    {
        var cases =
            from domain in DomainOfTwoOrMoreLabels
            from subdomain in Gen.Choose(1, 3).SelectMany(count => Gen.ArrayOf(Label, count))
            from port in Port
            select (Domain: domain, Subdomain: string.Join('.', subdomain), Port: port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : "");

        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            // Entries as stored: normalised on write (":443" dropped), while the request may carry the port.
            var wildcard = Stored($"https://*.{c.Domain}{c.Port}");
            var exact = Stored($"https://{c.Domain}{c.Port}");
            return (AllowedOrigins.Matches(wildcard, $"https://{c.Subdomain}.{c.Domain}{c.Port}")
                    && !AllowedOrigins.Matches(wildcard, $"https://{c.Domain}{c.Port}")
                    && AllowedOrigins.Matches(exact, $"https://{c.Domain}{c.Port}")
                    && !AllowedOrigins.Matches(exact, $"https://{c.Subdomain}.{c.Domain}{c.Port}"))
                .Label($"{wildcard} vs {c.Subdomain}");
        });
    }

    [Property(MaxTest = 500)]
    public Property Deduplicate_AnyList_KeepsFirstOccurrencesInOrderAndIsIdempotent()
    {
        var origins = Gen.Elements(
            "https://a.example", "https://b.example", "https://*.c.example", "http://localhost:3000", "https://d.example:8443");

        return Prop.ForAll(Gen.ListOf(origins).ToArbitrary(), list =>
        {
            var input = list.ToList();
            var once = AllowedOrigins.Deduplicate(input);
            var twice = AllowedOrigins.Deduplicate(once);
            var firstOccurrences = input.Where((origin, index) => input.IndexOf(origin) == index);
            return once.SequenceEqual(firstOccurrences) && twice.SequenceEqual(once);
        });
    }

    private static string Stored(string entry) =>
        AllowedOrigins.TryNormalize(entry, out var origin, out var error) ? origin : throw new InvalidOperationException($"{entry}: {error}");

    private static bool IdempotentWhenAccepted(string? input) =>
        !AllowedOrigins.TryNormalize(input, out var once, out _)
        || (AllowedOrigins.TryNormalize(once, out var twice, out _) && twice == once);

    private sealed record Case(string Scheme, string Host, int? Port, bool TrailingSlash, bool[] Upper)
    {
        public string Input
        {
            get
            {
                var origin = $"{Scheme}://{Host}";
                var mixedCase = new string(origin.Select((c, i) => Upper[i % Upper.Length] ? char.ToUpperInvariant(c) : c).ToArray());
                var port = Port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : string.Empty;
                return mixedCase + port + (TrailingSlash ? "/" : string.Empty);
            }
        }

        public string Expected
        {
            get
            {
                var defaultPort = Scheme == "https" ? 443 : 80;
                var port = Port is { } p && p != defaultPort ? ":" + p.ToString(CultureInfo.InvariantCulture) : string.Empty;
                return $"{Scheme}://{Host}{port}";
            }
        }
    }
}
