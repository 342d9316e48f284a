using System.Buffers.Binary;

namespace Webchats.Domain.Webchats.IconFiles;

/// <summary>JPEG: segments from SOI to EOI; the frame header (SOF) gives the size; scans run to the next marker.</summary>
internal static class JpegFile
{
    private const string Name = "JPEG";
    private const byte EndOfImage = 0xD9;
    private const byte StartOfScan = 0xDA;

    /// <summary>Null when the segments walk from SOI through a frame header of a valid size to EOI at the end of the file; else what is wrong.</summary>
    public static string? Check(ReadOnlySpan<byte> file)
    {
        var truncated = IconFileRules.Truncated(Name, "it ends before its end marker (EOI)");
        var hasFrame = false;
        var i = 2; // after SOI
        while (true)
        {
            if (i + 2 > file.Length)
            {
                return truncated;
            }

            if (file[i] != 0xFF)
            {
                return IconFileRules.Invalid(Name, $"no marker at byte {i}");
            }

            var marker = file[i + 1];
            if (marker == 0xFF)
            {
                i++; // a fill byte before the marker
                continue;
            }

            i += 2;
            if (marker == EndOfImage)
            {
                return !hasFrame ? IconFileRules.Invalid(Name, "it has no frame header (SOF)")
                    : i == file.Length ? null
                    : IconFileRules.Trailing(Name, "EOI", file.Length - i);
            }

            if (IsStandalone(marker))
            {
                continue;
            }

            if (i + 2 > file.Length || BinaryPrimitives.ReadUInt16BigEndian(file[i..]) is var length && (length < 2 || i + length > file.Length))
            {
                return truncated;
            }

            var segment = file.Slice(i + 2, length - 2);
            i += length;
            if (IsStartOfFrame(marker))
            {
                if (segment.Length < 5)
                {
                    return IconFileRules.Invalid(Name, "its frame header (SOF) is too short");
                }

                if (IconFileRules.Size(Name, BinaryPrimitives.ReadUInt16BigEndian(segment[3..]), BinaryPrimitives.ReadUInt16BigEndian(segment[1..])) is { } size)
                {
                    return size;
                }

                hasFrame = true;
            }
            else if (marker == StartOfScan)
            {
                if (!hasFrame)
                {
                    return IconFileRules.Invalid(Name, "its scan comes before the frame header (SOF)");
                }

                i = EndOfScan(file, i);
                if (i < 0)
                {
                    return truncated;
                }
            }
        }
    }

    // Entropy-coded data ends at the first marker other than a stuffed FF 00 or a restart marker.
    private static int EndOfScan(ReadOnlySpan<byte> file, int i)
    {
        while (file[i..].IndexOf((byte)0xFF) is var next and >= 0 && i + next + 1 < file.Length)
        {
            var following = file[i + next + 1];
            if (following != 0x00 && !IsRestart(following))
            {
                return i + next;
            }

            i += next + 2;
        }

        return -1;
    }

    private static bool IsRestart(byte marker) => marker is >= 0xD0 and <= 0xD7;

    private static bool IsStandalone(byte marker) => IsRestart(marker) || marker == 0x01;

    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    private static bool IsStartOfFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
}
