using Webchats.Domain.Common;

namespace Webchats.Domain.UnitTests.Common;

public sealed class ObjectIdsTests
{
    [TestCase("507f1f77bcf86cd799439011")]
    [TestCase("000000000000000000000000")]
    [TestCase("ffffffffffffffffffffffff")]
    [TestCase("0123456789abcdef01234567")]
    public void IsValid_TwentyFourLowercaseHexCharacters_ReturnsTrue(string value) =>
        Assert.That(ObjectIds.IsValid(value), Is.True);

    [TestCase(null, TestName = "IsValid_Null_ReturnsFalse")]
    [TestCase("", TestName = "IsValid_Empty_ReturnsFalse")]
    [TestCase("507f1f77bcf86cd79943901", TestName = "IsValid_23Characters_ReturnsFalse")]
    [TestCase("507f1f77bcf86cd7994390111", TestName = "IsValid_25Characters_ReturnsFalse")]
    [TestCase("507F1F77BCF86CD799439011", TestName = "IsValid_UppercaseHex_ReturnsFalse")]
    [TestCase("507f1f77bcf86cd79943901A", TestName = "IsValid_OneUppercaseHexDigit_ReturnsFalse")]
    [TestCase("507f1f77bcf86cd79943901g", TestName = "IsValid_NonHexLetter_ReturnsFalse")]
    [TestCase(" 507f1f77bcf86cd79943901", TestName = "IsValid_LeadingSpace_ReturnsFalse")]
    [TestCase("507f1f77bcf86cd79943901 ", TestName = "IsValid_TrailingSpace_ReturnsFalse")]
    [TestCase("507f1f77-bcf86cd79943901", TestName = "IsValid_Hyphen_ReturnsFalse")]
    [TestCase("507f1f77bcf86cd79943901٠", TestName = "IsValid_NonAsciiDigit_ReturnsFalse")]
    [TestCase("507f1f77bcf86cd79943901ｆ", TestName = "IsValid_FullWidthLetter_ReturnsFalse")]
    public void IsValid_NotAnObjectId_ReturnsFalse(string? value) =>
        Assert.That(ObjectIds.IsValid(value), Is.False);
}
