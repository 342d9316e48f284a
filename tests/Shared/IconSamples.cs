using System.Buffers.Binary;
using System.Text;

namespace Webchats.Tests.Shared;

/// <summary>
/// Small icon files, structurally valid for their format unless a test bends them: a size (any
/// value the header can hold) and bytes to append. Shared by the unit and functional tests
/// (linked into both projects).
/// </summary>
public static class IconSamples
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // A PNG's IDAT for one transparent RGBA pixel (zlib of filter byte 0 and four zero bytes).
    private static readonly byte[] OnePixelImageData = [0x78, 0x9C, 0x63, 0x60, 0x00, 0x02, 0x00, 0x00, 0x05, 0x00, 0x01];

    /// <summary>A ZIP's local file header and some of its data: what an appended archive starts with.</summary>
    public static readonly byte[] ZipTail = [.. "PK"u8, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, .. "secret.txt"u8];

    public static byte[] Png(uint width = 1, uint height = 1, byte[]? after = null)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 6; // RGBA
        return [.. PngSignature, .. Chunk("IHDR", header), .. Chunk("IDAT", OnePixelImageData), .. Chunk("IEND", []), .. after ?? []];
    }

    public static byte[] Jpeg(ushort width = 1, ushort height = 1, byte[]? after = null) =>
    [
        0xFF, 0xD8,
        0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0xFF, 0xC0, 0x00, 0x0B, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x01, 0x01, 0x11, 0x00,
        0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00,
        0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, // entropy-coded data with a stuffed FF and a restart marker
        0xFF, 0xD9,
        .. after ?? [],
    ];

    public static byte[] Gif(ushort width = 1, ushort height = 1, byte[]? after = null) =>
    [
        .. "GIF89a"u8, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0x80, 0x00, 0x00,
        0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, // global colour table, 2 colours
        0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, // graphic control extension
        0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00,
        0x3B,
        .. after ?? [],
    ];

    /// <summary>An extended WebP (VP8X, which stores the canvas size in 24 bits) of the given size, with a lossless 1×1 bitstream.</summary>
    public static byte[] WebP(uint width = 1, uint height = 1, byte[]? after = null)
    {
        // flags and reserved (4 bytes), then width − 1 and height − 1 in 24 bits each
        byte[] canvas = [0, 0, 0, 0, .. UInt24(width - 1), .. UInt24(height - 1)];
        byte[] chunks = [.. RiffChunk("VP8X", canvas), .. RiffChunk("VP8L", [0x2F, 0, 0, 0, 0, 0])];
        var riffSize = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(riffSize, (uint)(4 + chunks.Length));
        return [.. "RIFF"u8, .. riffSize, .. "WEBP"u8, .. chunks, .. after ?? []];
    }

    /// <summary>An ICO file with one entry holding <paramref name="image"/> (a PNG of 16×16 by default).</summary>
    public static byte[] Ico(byte[]? image = null, byte[]? after = null)
    {
        image ??= Png(16, 16);
        var entry = new byte[16];
        entry[0] = 16;
        entry[1] = 16;
        entry[4] = 1; // planes
        entry[6] = 32; // bits per pixel
        BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(8), (uint)image.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(12), 6 + 16);
        return [0, 0, 1, 0, 1, 0, .. entry, .. image, .. after ?? []];
    }

    /// <summary>A bitmap (DIB) entry for an ICO file: its header counts colour and mask rows, so twice the height.</summary>
    public static byte[] Bitmap(int width, int height)
    {
        var header = new byte[40 + 8];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 40);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), width);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), height * 2);
        header[12] = 1;
        header[14] = 32;
        return header;
    }

    /// <summary>The classic GIF/JavaScript polyglot: a GIF header whose size bytes open a comment.</summary>
    public static byte[] GifScriptPolyglot() => Encoding.ASCII.GetBytes("GIF89a/*\x01\x00\x00\x00\x00\x2C\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00\x3B*/=alert(1);");

    private static byte[] Chunk(string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        return [.. length, .. typeAndData, .. crc];
    }

    private static byte[] UInt24(uint value) => [(byte)value, (byte)(value >> 8), (byte)(value >> 16)];

    // RIFF chunks: little-endian size, data padded to an even length.
    private static byte[] RiffChunk(string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)data.Length);
        return [.. Encoding.ASCII.GetBytes(type), .. length, .. data, .. data.Length % 2 == 1 ? new byte[] { 0 } : []];
    }

    // CRC-32 (ISO-HDLC), as PNG chunks carry it; the service does not check it, real viewers do.
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
