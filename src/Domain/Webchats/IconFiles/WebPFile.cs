using System.Buffers.Binary;

namespace Webchats.Domain.Webchats.IconFiles;

/// <summary>WebP: a RIFF container of chunks; the first (VP8, VP8L or VP8X) gives the size.</summary>
internal static class WebPFile
{
    private const string Name = "WebP";
    private const int HeaderLength = 12; // "RIFF", size, "WEBP"

    /// <summary>Null when the chunks fill the RIFF container exactly, the first gives a valid size, and the file ends with the container; else what is wrong.</summary>
    public static string? Check(ReadOnlySpan<byte> file)
    {
        var truncated = IconFileRules.Truncated(Name, "it is shorter than its RIFF header says");
        var end = 8 + (long)BinaryPrimitives.ReadUInt32LittleEndian(file[4..]);
        if (end > file.Length || end < HeaderLength + 8)
        {
            return truncated;
        }

        var chunks = file[HeaderLength..(int)end];
        if (Size(chunks) is { } size)
        {
            return size;
        }

        while (!chunks.IsEmpty)
        {
            if (chunks.Length < 8 || BinaryPrimitives.ReadUInt32LittleEndian(chunks[4..]) is var length && length + (length & 1) > chunks.Length - 8)
            {
                return truncated;
            }

            chunks = chunks[(8 + (int)(length + (length & 1)))..];
        }

        return end == file.Length ? null : IconFileRules.Trailing(Name, "RIFF container", file.Length - end);
    }

    private static string? Size(ReadOnlySpan<byte> chunks)
    {
        var type = chunks[..4];
        var data = chunks[8..];
        if (type.SequenceEqual("VP8 "u8) && data.Length >= 10 && data[3..6].SequenceEqual((byte[])[0x9D, 0x01, 0x2A]))
        {
            return IconFileRules.Size(Name, BinaryPrimitives.ReadUInt16LittleEndian(data[6..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[8..]) & 0x3FFF);
        }

        if (type.SequenceEqual("VP8L"u8) && data.Length >= 5 && data[0] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[1..]);
            return IconFileRules.Size(Name, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
        }

        if (type.SequenceEqual("VP8X"u8) && data.Length >= 10)
        {
            return IconFileRules.Size(Name, UInt24(data[4..]) + 1, UInt24(data[7..]) + 1);
        }

        return IconFileRules.Invalid(Name, "its first chunk is not a VP8, VP8L or VP8X header");
    }

    private static int UInt24(ReadOnlySpan<byte> b) => b[0] | (b[1] << 8) | (b[2] << 16);
}
