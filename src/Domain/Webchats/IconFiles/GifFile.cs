using System.Buffers.Binary;

namespace Webchats.Domain.Webchats.IconFiles;

/// <summary>GIF: header and logical screen (the size), then image and extension blocks up to the trailer (3B).</summary>
internal static class GifFile
{
    private const string Name = "GIF";
    private const int ScreenEnd = 13;

    /// <summary>Null when a screen of a valid size is followed by blocks holding at least one image and the trailer at the end of the file; else what is wrong.</summary>
    public static string? Check(ReadOnlySpan<byte> file)
    {
        var truncated = IconFileRules.Truncated(Name, "it ends before its trailer");
        if (file.Length < ScreenEnd)
        {
            return truncated;
        }

        if (IconFileRules.Size(Name, BinaryPrimitives.ReadUInt16LittleEndian(file[6..]), BinaryPrimitives.ReadUInt16LittleEndian(file[8..])) is { } size)
        {
            return size;
        }

        var images = 0;
        var i = ScreenEnd + ColorTableLength(file[10]);
        while (i < file.Length)
        {
            switch (file[i])
            {
                case 0x3B: // trailer
                    i++;
                    return images == 0 ? IconFileRules.Invalid(Name, "it holds no image")
                        : i == file.Length ? null
                        : IconFileRules.Trailing(Name, "trailer", file.Length - i);
                case 0x2C: // image descriptor (10 bytes), local colour table, LZW code size, data sub-blocks
                    if (i + 10 > file.Length)
                    {
                        return truncated;
                    }

                    i = SkipSubBlocks(file, i + 10 + ColorTableLength(file[i + 9]) + 1);
                    images++;
                    break;
                case 0x21: // extension: label, then data sub-blocks
                    i = SkipSubBlocks(file, i + 2);
                    break;
                default:
                    return IconFileRules.Invalid(Name, $"unknown block 0x{file[i]:X2} at byte {i}");
            }
        }

        return truncated;
    }

    private static int ColorTableLength(byte packed) => (packed & 0x80) != 0 ? 3 << ((packed & 0x07) + 1) : 0;

    // Sub-blocks are a size byte and that many bytes, ended by a size of 0; past the end when truncated.
    private static int SkipSubBlocks(ReadOnlySpan<byte> file, int i)
    {
        while (i < file.Length && file[i] is var blockSize and > 0)
        {
            i += 1 + blockSize;
        }

        return i + 1;
    }
}
