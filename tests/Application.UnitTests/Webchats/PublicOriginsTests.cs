using Webchats.Application.Webchats.Queries.GetPublicWebchat;
using Webchats.Domain.Webchats;

namespace Webchats.Application.UnitTests.Webchats;

/// <summary>Which page may read a webchat's public configuration (api.md §4 and §11).</summary>
public sealed class PublicOriginsTests
{
    private static readonly string[] Entries = ["https://shop.example.com", "https://*.example.org", "http://localhost:3000", "https://xn--bcher-kva.example"];

    private static PublicOrigins Rule() => PublicOrigins.From([.. Entries.Select(Normalized)]);

    [Test]
    public void An_empty_list_lets_every_page_read_it() =>
        Assert.That(PublicOrigins.From([]).Decide("https://anywhere.example"), Is.EqualTo(OriginAccess.AnyOrigin));

    [Test]
    public void A_request_without_an_origin_gets_the_document_without_a_grant() =>
        Assert.That(Rule().Decide(null), Is.EqualTo(OriginAccess.NoOrigin));

    [TestCase("https://shop.example.com")]
    [TestCase("HTTPS://SHOP.EXAMPLE.COM:443")]
    [TestCase("https://a.example.org")]
    [TestCase("https://a.b.example.org")]
    [TestCase("http://localhost:3000")]
    [TestCase("https://bücher.example")]
    public void Matching_origins_are_granted(string origin) =>
        Assert.That(Rule().Decide(origin), Is.EqualTo(OriginAccess.MatchedOrigin));

    [TestCase("https://example.org")]
    [TestCase("http://shop.example.com")]
    [TestCase("https://shop.example.com:8443")]
    [TestCase("https://shop.example.com.evil.example")]
    [TestCase("http://localhost:3001")]
    [TestCase("null")]
    [TestCase("https://*.example.org")]
    [TestCase("")]
    public void Other_origins_are_refused(string origin) =>
        Assert.That(Rule().Decide(origin), Is.EqualTo(OriginAccess.Refused));

    /// <summary>A page on exactly a stored entry's origin is that origin in its normal form, so it matches.</summary>
    [Test]
    public void A_stored_entry_is_already_in_the_normal_form_of_a_request_origin()
    {
        Assert.Multiple(() =>
        {
            foreach (var entry in Entries.Select(Normalized).Where(entry => !entry.Contains('*', StringComparison.Ordinal)))
            {
                Assert.That(AllowedOrigins.NormalizeRequestOrigin(entry), Is.EqualTo(entry), entry);
            }
        });
    }

    private static string Normalized(string entry) =>
        AllowedOrigins.TryNormalize(entry, out var origin, out var error) ? origin : throw new ArgumentException(error, nameof(entry));
}
