namespace Webchats.Domain.Webchats;

/// <summary>Size limits of api.md §1. Text lengths count Unicode scalar values, so an emoji counts once.</summary>
public static class WebchatLimits
{
    public const int NameMaxLength = 120;
    public const int DescriptionMaxLength = 1000;
    public const int StarterMessageMaxLength = 1000;
    public const int StatusTextMaxLength = 120;
    public const int CsatThankYouMessageMaxLength = 500;
    public const int StageMaxLength = 64;
    public const int OffsetMin = 0;
    public const int OffsetMax = 500;
    public const int ZIndexMin = 0;
    public const int ZIndexMax = int.MaxValue;
}
