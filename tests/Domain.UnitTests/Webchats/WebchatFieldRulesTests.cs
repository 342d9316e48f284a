using Webchats.Domain.ApiTokens;
using Webchats.Domain.Webchats;

namespace Webchats.Domain.UnitTests.Webchats;

/// <summary>The text rules of api.md §8: a text shows something, and a name reorders nothing.</summary>
public sealed class WebchatFieldRulesTests
{
    private const string Invisible = "must contain at least one visible character (not only format characters such as U+200B)";
    private const string Bidi = "must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)";

    [TestCase("\u200B", TestName = "zero-width space")]
    [TestCase("\uFEFF", TestName = "BOM")]
    [TestCase("\u00AD", TestName = "soft hyphen")]
    [TestCase("\u200B\uFEFF\u00AD\u200D\u2060", TestName = "several format characters")]
    [TestCase("\u200B \u200B", TestName = "format characters around a space")]
    [TestCase("\U000E0041", TestName = "a tag character outside the BMP")]
    public void Texts_OfOnlyInvisibleCharacters_AreRefused(string text)
    {
        Assert.Multiple(() =>
        {
            Assert.That(WebchatFieldRules.Name(text).Error, Is.EqualTo(Invisible));
            Assert.That(WebchatFieldRules.OptionalText(text, 100, multiLine: false).Error, Is.EqualTo(Invisible));
            Assert.That(WebchatFieldRules.OptionalText(text, 100, multiLine: true).Error, Is.EqualTo(Invisible));
            Assert.That(ApiToken.NormalizeName(text).Error, Is.EqualTo(Invisible));
        });
    }

    [TestCase("\u200Bx", TestName = "a letter after a zero-width space")]
    [TestCase("a\u00ADb", TestName = "a soft hyphen between letters")]
    [TestCase("\U0001F600", TestName = "an emoji")]
    [TestCase("\u0301", TestName = "a lone combining mark")]
    public void Texts_WithAVisibleCharacter_AreKept(string text) =>
        Assert.That(WebchatFieldRules.Name(text), Is.EqualTo(Normalized.Ok(text)));

    [TestCase("\u202A", TestName = "U+202A left-to-right embedding")]
    [TestCase("\u202B", TestName = "U+202B right-to-left embedding")]
    [TestCase("\u202C", TestName = "U+202C pop directional formatting")]
    [TestCase("\u202D", TestName = "U+202D left-to-right override")]
    [TestCase("\u202E", TestName = "U+202E right-to-left override")]
    [TestCase("\u2066", TestName = "U+2066 left-to-right isolate")]
    [TestCase("\u2067", TestName = "U+2067 right-to-left isolate")]
    [TestCase("\u2068", TestName = "U+2068 first strong isolate")]
    [TestCase("\u2069", TestName = "U+2069 pop directional isolate")]
    public void Names_WithABidiControl_AreRefused(string bidi)
    {
        Assert.Multiple(() =>
        {
            Assert.That(WebchatFieldRules.Name($"invoice{bidi}fdp.exe").Error, Is.EqualTo(Bidi));
            Assert.That(ApiToken.NormalizeName($"invoice{bidi}fdp.exe").Error, Is.EqualTo(Bidi));
        });
    }

    [Test]
    public void OtherTexts_MayHoldBidiControls() =>
        // Descriptions and messages may quote right-to-left text; only names are shown where reordering misleads.
        Assert.That(WebchatFieldRules.OptionalText("a\u202Eb", 100, multiLine: true), Is.EqualTo(Normalized.Ok<string?>("a\u202Eb")));

    [Test]
    public void Names_WithBidiMarks_AreKept() =>
        // U+200E/U+200F mark direction without overriding it: legitimate in mixed-script names.
        Assert.That(WebchatFieldRules.Name("\u05E9\u05DC\u05D5\u05DD\u200E 1"), Is.EqualTo(Normalized.Ok("\u05E9\u05DC\u05D5\u05DD\u200E 1")));
}
