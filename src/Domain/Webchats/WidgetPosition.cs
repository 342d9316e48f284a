namespace Webchats.Domain.Webchats;

public enum WidgetPosition
{
    BottomRight,
    BottomLeft,
}

/// <summary>The wire names of <see cref="WidgetPosition"/>, shared by the API and the database.</summary>
public static class WidgetPositions
{
    public const string BottomRight = "bottom-right";
    public const string BottomLeft = "bottom-left";

    /// <summary>Every name a request may send, as the rule checks them.</summary>
    public static readonly IReadOnlyList<string> Names = [BottomRight, BottomLeft];

    public static string ToName(this WidgetPosition position) => position switch
    {
        WidgetPosition.BottomRight => BottomRight,
        WidgetPosition.BottomLeft => BottomLeft,
        _ => throw new ArgumentOutOfRangeException(nameof(position), position, null),
    };

    public static bool TryParse(string? name, out WidgetPosition position)
    {
        switch (name)
        {
            case BottomRight:
                position = WidgetPosition.BottomRight;
                return true;
            case BottomLeft:
                position = WidgetPosition.BottomLeft;
                return true;
            default:
                position = default;
                return false;
        }
    }
}
