namespace Webchats.Infrastructure.Storage;

/// <summary>Configuration section <c>Webchats:Icons</c>.</summary>
public sealed class IconStorageOptions
{
    public const string SectionName = "Webchats:Icons";

    /// <summary><c>Local</c> (default: files under the data folder) or <c>S3</c> (R2, AWS S3, MinIO).</summary>
    public string Provider { get; set; } = "Local";

    /// <summary>How long a signed icon URL is valid; a URL is handed out with at least half of it left.</summary>
    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromHours(1);

    public LocalIconStorageOptions Local { get; set; } = new();

    public S3IconStorageOptions S3 { get; set; } = new();
}

public sealed class LocalIconStorageOptions
{
    /// <summary>Folder the icon files live in.</summary>
    public string? Directory { get; set; }

    /// <summary>
    /// Absolute base URL signed URLs start with, e.g. <c>http://127.0.0.1:5080</c>. Taken from
    /// configuration, never from the request's Host header (host poisoning).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Base64 HMAC-SHA256 key, at least 32 bytes.</summary>
    public string? SigningKey { get; set; }
}

/// <summary>An S3-compatible bucket: Cloudflare R2, AWS S3 or MinIO.</summary>
public sealed class S3IconStorageOptions
{
    /// <summary>Endpoint, e.g. <c>https://&lt;account&gt;.r2.cloudflarestorage.com</c>; null for AWS S3 itself.</summary>
    public string? ServiceUrl { get; set; }

    public string? Bucket { get; set; }

    /// <summary><c>auto</c> for R2; the bucket's region for AWS S3.</summary>
    public string Region { get; set; } = "auto";

    /// <summary>Path-style URLs (<c>endpoint/bucket/key</c>): needed by MinIO and local test servers.</summary>
    public bool ForcePathStyle { get; set; }

    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }
}
