using System.Security.Cryptography;
using System.Text.Json;
using Webchats.Api.Controllers;
using Webchats.Application.Common.Interfaces;
using Webchats.Application.Webchats.Queries.GetPublicWebchat;

namespace Webchats.Api.PublicConfiguration;

/// <summary>
/// The public configuration of one webchat version, ready to write: the body's bytes, their ETag,
/// and the rule for request origins. Built once per version and shared by every request.
/// </summary>
public sealed class PublicWebchatDocument
{
    private PublicWebchatDocument(PublishedWebchat published, long epoch, byte[] body)
    {
        Version = published.Version;
        Epoch = epoch;
        Body = body;
        ETag = ETagOf(body);
        Origins = published.Origins;
        IconKey = published.Webchat.Settings.IconKey;
        IconUrl = published.Webchat.Icon;
    }

    public long Version { get; }

    /// <summary>The change listener's epoch it was read under (<see cref="Infrastructure.Persistence.ChangeNotifications.WebchatChangeFeed.Epoch"/>).</summary>
    public long Epoch { get; }

    public byte[] Body { get; }

    /// <summary>
    /// A strong tag of the body (the first 128 bits of its SHA-256, as hex): it changes exactly when
    /// the public representation does, not for private fields or the version.
    /// </summary>
    public string ETag { get; }

    public PublicOrigins Origins { get; }

    private string? IconKey { get; }

    private string? IconUrl { get; }

    public static PublicWebchatDocument Create(PublishedWebchat published, long epoch, JsonSerializerOptions json) =>
        new(published, epoch, JsonSerializer.SerializeToUtf8Bytes(new PublicWebchatEnvelope(published.Webchat), json));

    /// <summary>
    /// Whether the signed icon URL in the body is the one the store hands out now (it signs a new
    /// URL every half lifetime; until then it returns the same string).
    /// </summary>
    public bool HasCurrentIconUrl(IIconStorage icons) =>
        IconKey is null || string.Equals(icons.GetSignedUrl(IconKey), IconUrl, StringComparison.Ordinal);

    private static string ETagOf(byte[] body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return $"\"{Convert.ToHexStringLower(hash[..16])}\"";
    }
}
