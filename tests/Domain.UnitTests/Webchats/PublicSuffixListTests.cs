using Webchats.Domain.Webchats;

namespace Webchats.Domain.UnitTests.Webchats;

/// <summary>The Public Suffix List matcher, on rules of each kind the shipped list holds.</summary>
public sealed class PublicSuffixListTests
{
    [TestCase("com", TestName = "a top-level domain")]
    [TestCase("co.uk", TestName = "a two-label ICANN rule")]
    [TestCase("github.io", TestName = "a rule of the private section")]
    [TestCase("foo.ck", TestName = "a name under the wildcard rule *.ck")]
    [TestCase("anything.kawasaki.jp", TestName = "a name under the wildcard rule *.kawasaki.jp")]
    [TestCase("xn--55qx5d.cn", TestName = "an IDN rule (公司.cn) in its punycode form")]
    [TestCase("intranet", TestName = "a single label no rule names (the default rule *)")]
    public void IsPublicSuffix_Suffixes_AreFound(string host) =>
        Assert.That(PublicSuffixList.IsPublicSuffix(host), Is.True);

    [TestCase("example.com", TestName = "a registrable name under a TLD")]
    [TestCase("example.co.uk", TestName = "a registrable name under a two-label rule")]
    [TestCase("octocat.github.io", TestName = "a registrable name under a private rule")]
    [TestCase("www.ck", TestName = "the exception !www.ck")]
    [TestCase("city.kawasaki.jp", TestName = "the exception !city.kawasaki.jp")]
    [TestCase("kawasaki.jp", TestName = "the name a wildcard rule sits on, not itself a rule")]
    [TestCase("a.b.example.com", TestName = "a deeper name")]
    [TestCase("公司.cn", TestName = "an IDN rule in its Unicode form (stored origins are punycode)")]
    public void IsPublicSuffix_OtherNames_AreNotSuffixes(string host) =>
        Assert.That(PublicSuffixList.IsPublicSuffix(host), Is.False);
}
