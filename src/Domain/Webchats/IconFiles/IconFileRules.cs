namespace Webchats.Domain.Webchats.IconFiles;

/// <summary>
/// What every icon reader checks and how it says what is wrong: 1–2048 pixels per side, the file
/// complete up to the format's end, and nothing after it (a ZIP or script appended to an image).
/// Messages complete "file …" in a problem response.
/// </summary>
internal static class IconFileRules
{
    public const int MaxSide = 2048;

    public static string? Size(string format, long width, long height) =>
        width is >= 1 and <= MaxSide && height is >= 1 and <= MaxSide
            ? null
            : $"is a {format} image of {width}×{height} pixels; each side must be 1 to {MaxSide} pixels";

    public static string Truncated(string format, string detail) => $"is a truncated {format} image: {detail}";

    public static string Invalid(string format, string detail) => $"is not a valid {format} image: {detail}";

    public static string Trailing(string format, string end, long extraBytes) =>
        $"has {extraBytes} bytes after the end of its {format} image ({end}); nothing may follow it";
}
