using System.Buffers.Binary;

namespace Webchats.Domain.Webchats.IconFiles;

/// <summary>PNG: the signature, then chunks (length, type, data, CRC) from IHDR to IEND.</summary>
internal static class PngFile
{
    private const string Name = "PNG";

    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Null when the chunks run from an IHDR of a valid size, through image data, to IEND at the end of the file; else what is wrong.</summary>
    public static string? Check(ReadOnlySpan<byte> file)
    {
        var rest = file[Signature.Length..];
        var hasHeader = false;
        var hasImageData = false;
        while (true)
        {
            if (rest.Length < 12 || BinaryPrimitives.ReadUInt32BigEndian(rest) is var length && length > rest.Length - 12)
            {
                return IconFileRules.Truncated(Name, "it ends inside a chunk, before IEND");
            }

            var type = rest.Slice(4, 4);
            var data = rest.Slice(8, (int)length);
            rest = rest[(12 + (int)length)..];
            if (!hasHeader)
            {
                if (!type.SequenceEqual("IHDR"u8) || length != 13)
                {
                    return IconFileRules.Invalid(Name, "it does not start with its IHDR header");
                }

                if (IconFileRules.Size(Name, BinaryPrimitives.ReadUInt32BigEndian(data), BinaryPrimitives.ReadUInt32BigEndian(data[4..])) is { } size)
                {
                    return size;
                }

                hasHeader = true;
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                hasImageData = true;
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                return !hasImageData ? IconFileRules.Invalid(Name, "it has no image data (IDAT)")
                    : rest.IsEmpty ? null
                    : IconFileRules.Trailing(Name, "IEND", rest.Length);
            }
        }
    }
}
