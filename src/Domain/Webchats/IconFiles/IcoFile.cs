using System.Buffers.Binary;

namespace Webchats.Domain.Webchats.IconFiles;

/// <summary>ICO: a directory of entries, each a PNG or a bitmap (DIB) inside the file, checked as such.</summary>
internal static class IcoFile
{
    private const string Name = "ICO";
    private const int DirectoryHeaderLength = 6;
    private const int EntryLength = 16;
    private const int BitmapHeaderLength = 40;

    /// <summary>Null when every entry lies inside the file and is a valid PNG or bitmap of a valid size, and the file ends with its last image; else what is wrong.</summary>
    public static string? Check(ReadOnlySpan<byte> file)
    {
        var count = BinaryPrimitives.ReadUInt16LittleEndian(file[4..]);
        var directoryEnd = DirectoryHeaderLength + (EntryLength * count);
        if (count == 0)
        {
            return IconFileRules.Invalid(Name, "it holds no image");
        }

        if (directoryEnd > file.Length)
        {
            return IconFileRules.Truncated(Name, "it ends inside its directory");
        }

        long end = directoryEnd;
        for (var n = 0; n < count; n++)
        {
            var entry = file.Slice(DirectoryHeaderLength + (EntryLength * n), EntryLength);
            long length = BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]);
            long offset = BinaryPrimitives.ReadUInt32LittleEndian(entry[12..]);
            if (offset < directoryEnd || offset + length > file.Length)
            {
                return IconFileRules.Truncated(Name, $"image {n + 1} lies outside the file");
            }

            var image = file.Slice((int)offset, (int)length);
            if ((image.StartsWith(PngFile.Signature) ? PngFile.Check(image) : CheckBitmap(image)) is { } error)
            {
                return $"holds an invalid image {n + 1}: it {error}";
            }

            end = Math.Max(end, offset + length);
        }

        return end == file.Length ? null : IconFileRules.Trailing(Name, "its last image", file.Length - end);
    }

    // A DIB whose height counts the colour and the mask rows, so the image is half as high.
    private static string? CheckBitmap(ReadOnlySpan<byte> image) =>
        image.Length < BitmapHeaderLength || BinaryPrimitives.ReadUInt32LittleEndian(image) < BitmapHeaderLength
            ? IconFileRules.Invalid("bitmap", "it is neither a PNG nor has a bitmap header")
            : IconFileRules.Size("bitmap", BinaryPrimitives.ReadInt32LittleEndian(image[4..]), Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(image[8..])) / 2);
}
