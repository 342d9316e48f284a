namespace Webchats.Domain.Webchats;

/// <summary>Values a new webchat starts with (api.md §1 and §6).</summary>
public static class WebchatDefaults
{
    public const string BackgroundColor = "#FFFFFF";
    public const string PrimaryColor = "#1F2937";
    public const string SecondaryColor = "#3B82F6";
    public const string HeaderTextColor = "#FFFFFF";
    public const string StatusTextColor = "#D1D5DB";
    public const string TimestampColor = "#9CA3AF";
    public const string CsatBackgroundColor = "#F3F4F6";
    public const string CsatTextColor = "#111827";

    public const WidgetPosition Position = WidgetPosition.BottomRight;
    public const int Offset = 24;
    public const int ZIndex = 9999;
    public const bool IsEnabled = true;
    public const bool IsAutopilot = false;
}
