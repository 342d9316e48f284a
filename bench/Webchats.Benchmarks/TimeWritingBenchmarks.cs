using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Webchats.Domain.Common;

namespace Webchats.Benchmarks;

/// <summary>
/// Writing one time the way every response does (createdAt, updatedAt, …): the body of the Api's
/// UtcMillisecondsDateTimeOffsetConverter, whose text comes from <see cref="Timestamps.FormatUtf8"/>.
/// </summary>
[MemoryDiagnoser]
public class TimeWritingBenchmarks : IDisposable
{
    private static readonly DateTimeOffset Time = new DateTimeOffset(2026, 12, 3, 13, 4, 45, 96, TimeSpan.FromHours(1)).AddTicks(1234);
    private readonly MemoryStream _output = new();
    private Utf8JsonWriter _writer = null!;

    [GlobalSetup]
    public void Setup() => _writer = new Utf8JsonWriter(_output);

    [Benchmark(Description = "UTC time to the millisecond, as a JSON string")]
    public void WriteTime()
    {
        _output.Position = 0;
        _writer.Reset();
        Span<byte> text = stackalloc byte[Timestamps.TextLength];
        Timestamps.FormatUtf8(Time, text);
        _writer.WriteStringValue(text);
        _writer.Flush();
    }

    public void Dispose()
    {
        _writer.Dispose();
        _output.Dispose();
        GC.SuppressFinalize(this);
    }
}
