using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Webchats.Domain.Common;

/// <summary>Ids in MongoDB ObjectId layout, as 24 lowercase hex characters (api.md §1).</summary>
public static class ObjectIds
{
    public const int Length = 24;

    /// <summary>What <see cref="IsValid"/> accepts, as a regular expression (documents and schemas).</summary>
    public const string Pattern = "^[0-9a-f]{24}$";

    // Uppercase hex is refused, not folded: ids are compared and indexed as plain strings.
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static bool IsValid([NotNullWhen(true)] string? value) =>
        value is { Length: Length } && !value.AsSpan().ContainsAnyExcept(LowerHex);
}

/// <summary>
/// Makes ObjectIds: 4-byte big-endian Unix seconds, 5 random bytes fixed per generator, and a
/// 3-byte big-endian counter that starts at a random value and wraps at 2^24. Thread-safe. The
/// caller passes the time, so domain code never reads the clock.
/// </summary>
public sealed class ObjectIdGenerator
{
    internal const int ProcessBytesLength = 5;
    private const int CounterMask = 0xFFFFFF;

    private readonly byte[] _processBytes;
    private int _counter;

    public ObjectIdGenerator()
        : this(RandomNumberGenerator.GetBytes(ProcessBytesLength), (uint)RandomNumberGenerator.GetInt32(CounterMask + 1))
    {
    }

    /// <summary>For tests: fixed process bytes and the counter value of the first id (taken modulo 2^24).</summary>
    internal ObjectIdGenerator(ReadOnlySpan<byte> processBytes, uint counterStart)
    {
        if (processBytes.Length != ProcessBytesLength)
        {
            throw new ArgumentException("Exactly five process bytes are needed.", nameof(processBytes));
        }

        _processBytes = processBytes.ToArray();

        // Interlocked.Increment returns the incremented value, so start one below. Masking keeps
        // the counter right across int overflow too, because 2^32 is a multiple of 2^24.
        _counter = (int)((counterStart - 1) & CounterMask);
    }

    /// <exception cref="ArgumentOutOfRangeException">The time is before 1970 or after 2106 (does not fit 4 bytes).</exception>
    public string Next(DateTimeOffset timestamp)
    {
        var seconds = timestamp.ToUnixTimeSeconds();

        // Refuse rather than wrap: a wrapped timestamp would sort ids in the wrong order.
        ArgumentOutOfRangeException.ThrowIfNegative(seconds, nameof(timestamp));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seconds, uint.MaxValue, nameof(timestamp));

        var counter = Interlocked.Increment(ref _counter) & CounterMask;
        Span<byte> bytes = stackalloc byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)seconds);
        _processBytes.CopyTo(bytes[4..]);
        bytes[9] = (byte)(counter >> 16);
        bytes[10] = (byte)(counter >> 8);
        bytes[11] = (byte)counter;

        // One allocation: the result string itself.
        return Convert.ToHexStringLower(bytes);
    }
}
