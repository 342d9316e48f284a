namespace Webchats.Application.Common.Interfaces;

/// <summary>Where icon files live; the database stores only their keys.</summary>
public interface IIconStorage
{
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// An absolute, expiring GET URL for the key. Within one lifetime window the same key gives
    /// the same URL, and a URL is never handed out with less than half its lifetime left.
    /// </summary>
    string GetSignedUrl(string key);

    /// <summary>
    /// The key a URL of this store points at, whether or not the URL has expired; false for any
    /// URL this store would not have made. The signature is not checked: a caller may only send
    /// back the URL of the icon the webchat already has, which changes nothing.
    /// </summary>
    bool TryGetKey(string url, out string key);
}

public static class IconStorageExtensions
{
    /// <summary>What a response shows for a stored icon key: its signed URL, or null without an icon.</summary>
    public static string? SignedUrlOrNull(this IIconStorage storage, string? key) => key is null ? null : storage.GetSignedUrl(key);
}
