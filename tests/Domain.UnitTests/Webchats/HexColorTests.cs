using System.Text.RegularExpressions;

using FsCheck;
using FsCheck.Fluent;

using Webchats.Domain.Webchats;

using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Webchats.Domain.UnitTests.Webchats;

public sealed partial class HexColorTests
{
    [TestCase("#fff", "#FFFFFF")]
    [TestCase("#FFF", "#FFFFFF")]
    [TestCase("#abc", "#AABBCC")]
    [TestCase("#aBc", "#AABBCC")]
    [TestCase("#123", "#112233")]
    [TestCase("#000", "#000000")]
    public void TryNormalize_ShortForm_ExpandsToUppercaseSixDigits(string input, string expected) =>
        AssertNormalizes(input, expected);

    [TestCase("#1f2937", "#1F2937")]
    [TestCase("#1F2937", "#1F2937")]
    [TestCase("#AbCdEf", "#ABCDEF")]
    [TestCase("#000000", "#000000")]
    [TestCase("#ffffff", "#FFFFFF")]
    public void TryNormalize_SixDigits_ReturnsUppercase(string input, string expected) =>
        AssertNormalizes(input, expected);

    [TestCase("#1f293780", "#1F293780")]
    [TestCase("#FFFFFFFF", "#FFFFFFFF")]
    [TestCase("#00000000", "#00000000")]
    [TestCase("#aBcDeF01", "#ABCDEF01")]
    public void TryNormalize_EightDigitsWithAlpha_ReturnsUppercase(string input, string expected) =>
        AssertNormalizes(input, expected);

    [TestCase("  #fff  ", "#FFFFFF")]
    [TestCase("\t#1f2937\n", "#1F2937")]
    [TestCase(" #1F2937", "#1F2937")]
    [TestCase("#1f293780\r\n", "#1F293780")]
    public void TryNormalize_SurroundingWhitespace_IsTrimmed(string input, string expected) =>
        AssertNormalizes(input, expected);

    [Test]
    public void TryNormalize_AlreadyNormal_ReturnsTheSameInstance()
    {
        const string input = "#1F2937";

        Assert.That(HexColor.TryNormalize(input, out var normalized), Is.True);
        Assert.That(normalized, Is.SameAs(input));
    }

    [TestCase(null, TestName = "TryNormalize_Null_ReturnsFalse")]
    [TestCase("", TestName = "TryNormalize_Empty_ReturnsFalse")]
    [TestCase("   ", TestName = "TryNormalize_Whitespace_ReturnsFalse")]
    [TestCase("#", TestName = "TryNormalize_HashOnly_ReturnsFalse")]
    [TestCase("fff", TestName = "TryNormalize_ShortFormWithoutHash_ReturnsFalse")]
    [TestCase("1F2937", TestName = "TryNormalize_SixDigitsWithoutHash_ReturnsFalse")]
    [TestCase("##fff", TestName = "TryNormalize_DoubleHash_ReturnsFalse")]
    [TestCase("#f", TestName = "TryNormalize_OneDigit_ReturnsFalse")]
    [TestCase("#ff", TestName = "TryNormalize_TwoDigits_ReturnsFalse")]
    [TestCase("#ffff", TestName = "TryNormalize_FourDigitsRgba_ReturnsFalse")]
    [TestCase("#fffff", TestName = "TryNormalize_FiveDigits_ReturnsFalse")]
    [TestCase("#fffffff", TestName = "TryNormalize_SevenDigits_ReturnsFalse")]
    [TestCase("#fffffffff", TestName = "TryNormalize_NineDigits_ReturnsFalse")]
    [TestCase("#ggg", TestName = "TryNormalize_NonHexLetters_ReturnsFalse")]
    [TestCase("#12345g", TestName = "TryNormalize_OneNonHexLetter_ReturnsFalse")]
    [TestCase("# fff", TestName = "TryNormalize_SpaceAfterHash_ReturnsFalse")]
    [TestCase("#f ff", TestName = "TryNormalize_InnerSpace_ReturnsFalse")]
    [TestCase("#1F2937;", TestName = "TryNormalize_TrailingSemicolon_ReturnsFalse")]
    [TestCase("0x1F2937", TestName = "TryNormalize_HexPrefix_ReturnsFalse")]
    [TestCase("#１２３", TestName = "TryNormalize_FullWidthDigits_ReturnsFalse")]
    [TestCase("#٠٠٠", TestName = "TryNormalize_ArabicIndicDigits_ReturnsFalse")]
    [TestCase("red", TestName = "TryNormalize_NamedColour_ReturnsFalse")]
    [TestCase("transparent", TestName = "TryNormalize_Transparent_ReturnsFalse")]
    [TestCase("rgb(0, 0, 0)", TestName = "TryNormalize_RgbFunction_ReturnsFalse")]
    [TestCase("rgba(0,0,0,0.5)", TestName = "TryNormalize_RgbaFunction_ReturnsFalse")]
    [TestCase("hsl(0, 0%, 0%)", TestName = "TryNormalize_HslFunction_ReturnsFalse")]
    public void TryNormalize_NotAHexColour_ReturnsFalse(string? input)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(HexColor.TryNormalize(input, out var normalized), Is.False);
            Assert.That(normalized, Is.Null);
        }
    }

    [Property]
    public Property TryNormalize_GeneratedColour_IsUppercaseAndIdempotent()
    {
        var colours =
            from length in Gen.Elements(3, 6, 8)
            from digits in Gen.ArrayOf(Gen.Elements("0123456789abcdefABCDEF".ToCharArray()), length)
            from padding in Gen.Elements("", " ", "\t", "  \n")
            select padding + "#" + new string(digits) + padding;

        return Prop.ForAll(colours.ToArbitrary(), input =>
        {
            var accepted = HexColor.TryNormalize(input, out var once);
            var again = HexColor.TryNormalize(once, out var twice);
            return accepted && again && twice == once && NormalForm().IsMatch(once!);
        });
    }

    [Property]
    public Property TryNormalize_AnyString_NeverThrowsAndIsIdempotentWhenAccepted() =>
        Prop.ForAll<string?>(input =>
            !HexColor.TryNormalize(input, out var once)
            || (HexColor.TryNormalize(once, out var twice) && twice == once));

    private static void AssertNormalizes(string input, string expected)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(HexColor.TryNormalize(input, out var normalized), Is.True);
            Assert.That(normalized, Is.EqualTo(expected));
        }
    }

    [GeneratedRegex("^#[0-9A-F]{6}([0-9A-F]{2})?$")]
    private static partial Regex NormalForm();
}
