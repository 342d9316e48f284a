using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Webchats.Domain.Common;

/// <summary>Ids in MongoDB ObjectId layout, as 24 lowercase hex characters (api.md §1).</summary>
public static class ObjectIds
{
    public const int Length = 24;

    public static bool IsValid([NotNullWhen(true)] string? value)
    {
        if (value is not { Length: Length })
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// Makes ObjectIds: 4-byte big-endian Unix seconds, 5 random bytes fixed per generator, and a
/// 3-byte big-endian counter that starts at a random value. Thread-safe. The caller passes the
/// time, so domain code never reads the clock.
/// </summary>
public sealed class ObjectIdGenerator
{
    private const int CounterMask = 0xFFFFFF;
    private readonly byte[] _processBytes;
    private int _counter;

    public ObjectIdGenerator()
        : this(RandomNumberGenerator.GetBytes(5), (uint)RandomNumberGenerator.GetInt32(CounterMask + 1))
    {
    }

    internal ObjectIdGenerator(ReadOnlySpan<byte> processBytes, uint counterStart)
    {
        if (processBytes.Length != 5)
        {
            throw new ArgumentException("Five process bytes are needed.", nameof(processBytes));
        }

        _processBytes = processBytes.ToArray();

        // Interlocked.Increment returns the incremented value: start one below.
        _counter = (int)((counterStart - 1) & CounterMask);
    }

    public string Next(DateTimeOffset timestamp)
    {
        var counter = Interlocked.Increment(ref _counter) & CounterMask;
        Span<byte> bytes = stackalloc byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)timestamp.ToUnixTimeSeconds());
        _processBytes.CopyTo(bytes[4..]);
        bytes[9] = (byte)(counter >> 16);
        bytes[10] = (byte)(counter >> 8);
        bytes[11] = (byte)counter;
        return Convert.ToHexStringLower(bytes);
    }
}
