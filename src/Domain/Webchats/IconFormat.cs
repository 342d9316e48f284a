using System.Text;
using Webchats.Domain.Webchats.IconFiles;

namespace Webchats.Domain.Webchats;

/// <summary>An image format an icon may have, told from its bytes: the magic number, then the file's structure.</summary>
public sealed record IconFormat(string ContentType, string Extension)
{
    public const int MaxBytes = 1024 * 1024;

    public static readonly IconFormat Png = new("image/png", "png");
    public static readonly IconFormat Jpeg = new("image/jpeg", "jpg");
    public static readonly IconFormat Gif = new("image/gif", "gif");
    public static readonly IconFormat WebP = new("image/webp", "webp");
    public static readonly IconFormat Ico = new("image/x-icon", "ico");

    public static readonly IReadOnlyList<IconFormat> All = [Png, Jpeg, Gif, WebP, Ico];

    // Markup that makes a file render as a document in some browser or viewer. An image that
    // carries any of it is a polyglot, and is refused even if its header is a real image's.
    private static readonly byte[][] MarkupMarkers =
        [.. new[] { "<svg", "<html", "<script", "<!doctype", "<?xml", "<iframe", "<body", "<head", "<object", "<embed" }.Select(Encoding.ASCII.GetBytes)];

    /// <summary>The format of an icon file, or null when it is not a valid icon (see <see cref="Inspect"/>).</summary>
    public static IconFormat? Detect(ReadOnlySpan<byte> content) => Inspect(content).Format;

    /// <summary>
    /// The file's format, told from its magic number and then checked structurally by that
    /// format's reader (size 1–2048 pixels per side, complete, nothing after its end); or, when it
    /// is not a valid icon, what is wrong with it. A full decode is not attempted.
    /// </summary>
    public static IconCheck Inspect(ReadOnlySpan<byte> content)
    {
        var format = FromMagicNumber(content);
        if (format is null || ContainsMarkup(content))
        {
            return new IconCheck(null, "must be a PNG, JPEG, WebP, GIF or ICO image (told from its bytes); SVG, HTML and files carrying markup are refused");
        }

        var error = format == Png ? PngFile.Check(content)
            : format == Jpeg ? JpegFile.Check(content)
            : format == Gif ? GifFile.Check(content)
            : format == WebP ? WebPFile.Check(content)
            : IcoFile.Check(content);
        return error is null ? new IconCheck(format, null) : new IconCheck(null, error);
    }

    public static IconFormat? FromExtension(string extension) =>
        All.FirstOrDefault(format => string.Equals(format.Extension, extension, StringComparison.OrdinalIgnoreCase));

    private static IconFormat? FromMagicNumber(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith(PngFile.Signature))
        {
            return Png;
        }

        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        {
            return Jpeg;
        }

        if (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8))
        {
            return Gif;
        }

        if (b.Length >= 16 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP;
        }

        // ICONDIR: reserved 0, type 1 (icon).
        if (b.Length >= 6 && b[0] == 0 && b[1] == 0 && b[2] == 1 && b[3] == 0)
        {
            return Ico;
        }

        return null;
    }

    private static bool ContainsMarkup(ReadOnlySpan<byte> content)
    {
        for (var rest = content; rest.IndexOf((byte)'<') is var i and >= 0; rest = rest[(i + 1)..])
        {
            foreach (var marker in MarkupMarkers)
            {
                if (rest.Length - i >= marker.Length && Ascii.EqualsIgnoreCase(rest.Slice(i, marker.Length), marker))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>What <see cref="IconFormat.Inspect"/> found: the format of a valid icon, or why the file is refused.</summary>
public readonly record struct IconCheck(IconFormat? Format, string? Error);
