using System.Net;
using System.Runtime.InteropServices;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using Webchats.Application.Common.Interfaces;

namespace Webchats.Infrastructure.Storage;

/// <summary>
/// Icons in an S3-compatible bucket (Cloudflare R2, AWS S3, MinIO), handed out as presigned GET
/// URLs. Presigning is local (explicit credentials, no network call); each URL is cached for its
/// signing window (see <see cref="SignedUrlCache"/>) so the same key keeps the same URL.
/// </summary>
public sealed class S3IconStorage : IIconStorage, IDisposable
{
    /// <summary>The longest URL lifetime SigV4 allows (7 days), less the second the SDK may round up.</summary>
    public static readonly TimeSpan MaxUrlLifetime = TimeSpan.FromSeconds(604_800 - 1);

    /// <summary>The shortest lifetime whose signing windows are whole seconds.</summary>
    public static readonly TimeSpan MinUrlLifetime = TimeSpan.FromSeconds(2);

    private const string ProbeKey = "k";

    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly Protocol _protocol;
    private readonly SignedUrlCache _urls;
    private readonly UrlPrefix[] _prefixes;

    public S3IconStorage(IOptions<IconStorageOptions> options, TimeProvider time)
    {
        var s3 = options.Value.S3;
        _bucket = Required(s3.Bucket, "Bucket");
        var lifetime = options.Value.UrlLifetime;
        if (lifetime < MinUrlLifetime || lifetime > MaxUrlLifetime)
        {
            throw new InvalidOperationException(
                $"Webchats:Icons:UrlLifetime must be between {MinUrlLifetime} and {MaxUrlLifetime} for S3 presigned URLs.");
        }

        var config = new AmazonS3Config
        {
            ForcePathStyle = s3.ForcePathStyle,
            // R2 and other S3-compatible stores reject the SDK's new default checksums.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };

        var region = Required(s3.Region, "Region");
        if (string.IsNullOrWhiteSpace(s3.ServiceUrl))
        {
            // AWS S3 itself: the region picks the endpoint.
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            _protocol = Protocol.HTTPS;
        }
        else
        {
            if (!Uri.TryCreate(s3.ServiceUrl, UriKind.Absolute, out var serviceUrl)
                || (serviceUrl.Scheme != Uri.UriSchemeHttp && serviceUrl.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidOperationException("Webchats:Icons:S3:ServiceUrl must be an absolute http:// or https:// URL.");
            }

            config.ServiceURL = s3.ServiceUrl;
            // Without it the SDK signs for us-east-1; R2 wants "auto".
            config.AuthenticationRegion = region;
            // Presigned URLs come back https:// unless the request says otherwise.
            _protocol = serviceUrl.Scheme == Uri.UriSchemeHttp ? Protocol.HTTP : Protocol.HTTPS;
        }

        var credentials = new BasicAWSCredentials(Required(s3.AccessKeyId, "AccessKeyId"), Required(s3.SecretAccessKey, "SecretAccessKey"));
        _client = new AmazonS3Client(credentials, config);
        _urls = new SignedUrlCache(lifetime, time);
        // The probe URL is never handed out: its expiry only has to be one the SDK accepts
        // against its own clock, whatever the injected clock says.
        _prefixes = UrlPrefix.Of(Presign(ProbeKey, TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(5)), ProbeKey, _bucket);
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = key }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        using var body = MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);

        // No Cache-Control on the object: how long a reader may keep the icon depends on the URL
        // it was given, so that is for the signer and the reader to say.
        await _client.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = _bucket,
                Key = key,
                InputStream = body,
                AutoCloseStream = false,
                ContentType = contentType,
                // R2 rejects streaming SigV4; s3rver would store the chunk framing as the bytes.
                UseChunkEncoding = false,
            },
            cancellationToken);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            // S3 answers 204 whether or not the key exists.
            await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = key }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // Some S3-compatible stores answer 404 instead: gone is gone.
        }
    }

    public string GetSignedUrl(string key)
    {
        // The window comes from the injected clock. The SDK has no per-request signing date: it
        // stamps X-Amz-Date from its own clock and turns the absolute expiry into X-Amz-Expires
        // from that same clock, so the URL still ends when the window does (the two clocks are
        // one in production; a test clock must start at the real time). The URL is cached for
        // the window, which gives the same URL for the same key, and every URL handed out has
        // more than half the lifetime left.
        //
        // Half a second past the window's end: the SDK rounds the seconds left and X-Amz-Date drops
        // the fraction, so this lands the URL's end on the window's end, not a second early.
        return _urls.GetOrSign(key, this, static (key, expires, self) =>
            self.Presign(key, DateTimeOffset.FromUnixTimeSeconds(expires).UtcDateTime.AddMilliseconds(500)));
    }

    public bool TryGetKey(string url, out string key)
    {
        key = string.Empty;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0)
        {
            return false;
        }

        // The path as written (Uri would unescape parts of it and fold dot segments).
        var authority = url.IndexOf("://", StringComparison.Ordinal);
        var pathStart = authority < 0 ? -1 : url.IndexOfAny(['/', '?', '#'], authority + 3);
        if (pathStart < 0 || url[pathStart] != '/')
        {
            return false;
        }

        var pathEnd = url.IndexOfAny(['?', '#'], pathStart);
        var path = pathEnd < 0 ? url[pathStart..] : url[pathStart..pathEnd];
        foreach (var prefix in _prefixes)
        {
            if (prefix.Matches(uri, path))
            {
                key = Uri.UnescapeDataString(path[prefix.Path.Length..]);
                return key.Length > 0;
            }
        }

        return false;
    }

    public void Dispose() => _client.Dispose();

    private string Presign(string key, DateTime expires) =>
        _client.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = expires,
            Protocol = _protocol,
        });

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidOperationException($"Webchats:Icons:S3:{name} is not configured.") : value;

    /// <summary>Where the keys of this bucket start in a URL: scheme, host, port and path prefix.</summary>
    private sealed record UrlPrefix(string Scheme, string Host, int Port, string Path)
    {
        public bool Matches(Uri uri, string path) =>
            string.Equals(uri.Scheme, Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Host, Host, StringComparison.OrdinalIgnoreCase)
            && uri.Port == Port
            && path.StartsWith(Path, StringComparison.Ordinal);

        /// <summary>
        /// The prefixes of this store, read off a URL the SDK signed for <paramref name="probeKey"/>
        /// (so they follow the SDK's own choice of host and style), plus the other addressing style:
        /// path style (<c>host/bucket/key</c>) and virtual-host style (<c>bucket.host/key</c>).
        /// </summary>
        public static UrlPrefix[] Of(string probeUrl, string probeKey, string bucket)
        {
            var uri = new Uri(probeUrl);
            var path = uri.AbsolutePath;
            if (!path.EndsWith("/" + probeKey, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Unexpected presigned URL shape: {uri.GetLeftPart(UriPartial.Path)}");
            }

            var signed = new UrlPrefix(uri.Scheme, uri.Host, uri.Port, path[..^probeKey.Length]);
            var isName = uri.HostNameType == UriHostNameType.Dns;
            var bucketHost = bucket + ".";
            if (signed.Path.EndsWith("/" + bucket + "/", StringComparison.Ordinal))
            {
                return isName
                    ? [signed, signed with { Host = bucketHost + signed.Host, Path = signed.Path[..^(bucket.Length + 1)] }]
                    : [signed];
            }

            if (isName && signed.Host.StartsWith(bucketHost, StringComparison.OrdinalIgnoreCase))
            {
                return [signed, signed with { Host = signed.Host[bucketHost.Length..], Path = signed.Path + bucket + "/" }];
            }

            return [signed];
        }
    }
}
