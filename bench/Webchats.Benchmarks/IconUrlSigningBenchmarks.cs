using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Webchats.Infrastructure.Storage;

namespace Webchats.Benchmarks;

/// <summary>The cost the icon URL adds to each response that carries an icon.</summary>
[MemoryDiagnoser]
public class IconUrlSigningBenchmarks
{
    private const string Key = "orgs/65a0e0e0e0e0e0e0e0e0e0e0/webchats/67d3a0b0c0d0e0f0a0b0c0d0/icon-0123456789abcdef.png";
    private LocalIconStorage _local = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new IconStorageOptions
        {
            Local = new LocalIconStorageOptions
            {
                Directory = Path.GetTempPath(),
                PublicBaseUrl = "http://127.0.0.1:5080",
                SigningKey = Convert.ToBase64String(new byte[32]),
            },
        });
        _local = new LocalIconStorage(options, TimeProvider.System);
    }

    [Benchmark(Description = "Local store: signed URL per response")]
    public string LocalSignedUrl() => _local.GetSignedUrl(Key);
}
