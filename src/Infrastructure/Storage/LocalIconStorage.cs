using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Webchats.Application.Common.Interfaces;

namespace Webchats.Infrastructure.Storage;

/// <summary>
/// Icons as files under a folder, served by the API itself at <see cref="RoutePrefix"/> with an
/// expiry and an HMAC-SHA256 signature in the query.
/// </summary>
public sealed class LocalIconStorage : IIconStorage
{
    public const string RoutePrefix = "/icons/";

    private readonly string _root;
    private readonly string _baseUrl;
    private readonly byte[] _signingKey;
    private readonly TimeProvider _time;
    private readonly SignedUrlCache _urls;

    public LocalIconStorage(IOptions<IconStorageOptions> options, TimeProvider time)
    {
        var local = options.Value.Local;
        _root = Path.GetFullPath(local.Directory ?? throw new InvalidOperationException("Webchats:Icons:Local:Directory is not configured."));
        _baseUrl = (local.PublicBaseUrl ?? throw new InvalidOperationException("Webchats:Icons:Local:PublicBaseUrl is not configured.")).TrimEnd('/');
        if (!Uri.TryCreate(_baseUrl, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException("Webchats:Icons:Local:PublicBaseUrl must be an absolute URL.");
        }

        _signingKey = Convert.FromBase64String(local.SigningKey ?? throw new InvalidOperationException("Webchats:Icons:Local:SigningKey is not configured."));
        if (_signingKey.Length < 32)
        {
            throw new InvalidOperationException("Webchats:Icons:Local:SigningKey must be at least 32 bytes.");
        }

        _time = time;
        _urls = new SignedUrlCache(options.Value.UrlLifetime, time);
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(File.Exists(PathOf(key)));

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Write aside and move, so a reader never sees half a file.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, content.ToArray(), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    public string GetSignedUrl(string key) =>
        _urls.GetOrSign(key, this, static (key, expires, self) =>
            $"{self._baseUrl}{RoutePrefix}{EscapeKey(key)}?expires={expires.ToString(CultureInfo.InvariantCulture)}&sig={self.Sign(key, expires)}");

    public bool TryGetKey(string url, out string key)
    {
        key = string.Empty;
        var prefix = _baseUrl + RoutePrefix;
        if (!url.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var pathEnd = url.IndexOfAny(['?', '#'], prefix.Length);
        key = Uri.UnescapeDataString(pathEnd < 0 ? url[prefix.Length..] : url[prefix.Length..pathEnd]);
        return key.Length > 0;
    }

    /// <summary>Whether a request for <paramref name="key"/> carries a valid, unexpired signature.</summary>
    public bool IsValidRequest(string key, string? expires, string? signature)
    {
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt)
            || signature is null
            || expiresAt <= _time.GetUtcNow().ToUnixTimeSeconds())
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(key, expiresAt));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>Seconds until the signature of a request expires (for <c>Cache-Control</c>).</summary>
    public long SecondsLeft(string expires) =>
        long.Parse(expires, CultureInfo.InvariantCulture) - _time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>The file of a key; refuses any key that would leave the icon folder.</summary>
    public string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        return path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException("The key leaves the icon folder.", nameof(key));
    }

    private string Sign(string key, long expires)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_signingKey, Encoding.UTF8.GetBytes($"{key}\n{expires.ToString(CultureInfo.InvariantCulture)}"), mac);
        return Base64Url.EncodeToString(mac);
    }

    private static string EscapeKey(string key) =>
        string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
}
