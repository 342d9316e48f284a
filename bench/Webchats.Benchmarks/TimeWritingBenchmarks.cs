using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Webchats.Application.Common.Json;

namespace Webchats.Benchmarks;

/// <summary>Writing one time the way every response does (createdAt, updatedAt, …).</summary>
[MemoryDiagnoser]
public class TimeWritingBenchmarks : IDisposable
{
    private static readonly DateTimeOffset Time = new DateTimeOffset(2026, 12, 3, 13, 4, 45, 96, TimeSpan.FromHours(1)).AddTicks(1234);
    private static readonly JsonSerializerOptions Options = new();
    private readonly UtcMillisecondsDateTimeOffsetConverter _converter = new();
    private readonly MemoryStream _output = new();
    private Utf8JsonWriter _writer = null!;

    [GlobalSetup]
    public void Setup() => _writer = new Utf8JsonWriter(_output);

    [Benchmark(Description = "UTC time to the millisecond, as a JSON string")]
    public void WriteTime()
    {
        _output.Position = 0;
        _writer.Reset();
        _converter.Write(_writer, Time, Options);
        _writer.Flush();
    }

    public void Dispose()
    {
        _writer.Dispose();
        _output.Dispose();
        GC.SuppressFinalize(this);
    }
}
