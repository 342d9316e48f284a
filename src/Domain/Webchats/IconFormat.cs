using System.Text;

namespace Webchats.Domain.Webchats;

/// <summary>An image format an icon may have, told from its bytes (magic numbers) only.</summary>
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

    /// <summary>The format of an icon file, or null when it is none of the accepted ones.</summary>
    public static IconFormat? Detect(ReadOnlySpan<byte> content)
    {
        var format = FromHeader(content);
        return format is null || ContainsMarkup(content) ? null : format;
    }

    public static IconFormat? FromExtension(string extension) =>
        All.FirstOrDefault(format => string.Equals(format.Extension, extension, StringComparison.OrdinalIgnoreCase));

    private static IconFormat? FromHeader(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 16 && b.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) && b[12..16].SequenceEqual("IHDR"u8))
        {
            return Png;
        }

        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        {
            return Jpeg;
        }

        if (b.Length >= 6 && (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8)))
        {
            return Gif;
        }

        if (b.Length >= 16 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8) && b[12..15].SequenceEqual("VP8"u8))
        {
            return WebP;
        }

        // ICONDIR: reserved 0, type 1 (icon), at least one image, and room for its directory entry.
        if (b.Length >= 22 && b[0] == 0 && b[1] == 0 && b[2] == 1 && b[3] == 0 && (b[4] | (b[5] << 8)) > 0)
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
