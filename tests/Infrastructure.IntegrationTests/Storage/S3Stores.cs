using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Webchats.Infrastructure.Storage;

namespace Webchats.Infrastructure.IntegrationTests.Storage;

/// <summary>Builds <see cref="S3IconStorage"/> instances for the tests.</summary>
public static class S3Stores
{
    /// <summary>An endpoint shaped like Cloudflare R2's; nothing listens there (signing is offline).</summary>
    public const string R2Endpoint = "https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com";

    public const string R2AccessKeyId = "r2-access-key";
    public const string R2SecretAccessKey = "r2-secret-access-key";

    /// <summary>
    /// A fake clock that starts at the real time: the SDK stamps X-Amz-Date and s3rver checks
    /// expiry with the real clock, so the store's clock must start there to agree with them.
    /// </summary>
    public static FakeTimeProvider ClockAtRealTime() => new(TimeProvider.System.GetUtcNow());

    /// <summary>The test's s3rver, path style.</summary>
    public static S3IconStorage Local(TimeProvider time, TimeSpan? lifetime = null, string region = "us-east-1") =>
        Create(time, lifetime, new S3IconStorageOptions
        {
            ServiceUrl = S3Server.ServiceUrl,
            Bucket = S3Server.Bucket,
            Region = region,
            ForcePathStyle = true,
            AccessKeyId = S3Server.AccessKeyId,
            SecretAccessKey = S3Server.SecretAccessKey,
        });

    /// <summary>Settings as for Cloudflare R2 (region <c>auto</c>).</summary>
    public static S3IconStorage R2(TimeProvider time, bool forcePathStyle, string bucket = "icons") =>
        Create(time, null, new S3IconStorageOptions
        {
            ServiceUrl = R2Endpoint,
            Bucket = bucket,
            Region = "auto",
            ForcePathStyle = forcePathStyle,
            AccessKeyId = R2AccessKeyId,
            SecretAccessKey = R2SecretAccessKey,
        });

    public static S3IconStorage Create(TimeProvider time, TimeSpan? lifetime, S3IconStorageOptions s3) =>
        new(Options.Create(new IconStorageOptions { Provider = "S3", UrlLifetime = lifetime ?? TimeSpan.FromHours(1), S3 = s3 }), time);

    /// <summary>A fresh key shaped like the service's icon keys.</summary>
    public static string NewKey() => $"orgs/{Guid.NewGuid():N}/webchats/{Guid.NewGuid():N}/icon-0123abcd.png";
}
