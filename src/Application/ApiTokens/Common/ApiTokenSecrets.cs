using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Buffers.Text;
using Webchats.Domain.Common;

namespace Webchats.Application.ApiTokens.Common;

/// <summary>
/// The presented form of an API token: <c>wct_&lt;24-hex id&gt;_&lt;43-char base64url secret&gt;</c>. The
/// fixed prefix lets secret scanners find leaked tokens; the id finds the row without scanning.
/// </summary>
public static class ApiTokenSecrets
{
    public const string Prefix = "wct_";
    private const int SecretBytes = 32;
    private const int SecretChars = 43;

    public static bool LooksLikeApiToken(ReadOnlySpan<char> presented) => presented.StartsWith(Prefix, StringComparison.Ordinal);

    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    public static string Format(string id, string secret) => $"{Prefix}{id}_{secret}";

    public static byte[] Hash(string secret) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(secret));

    public static bool TryParse(string presented, [NotNullWhen(true)] out string? id, [NotNullWhen(true)] out string? secret)
    {
        id = secret = null;
        if (!LooksLikeApiToken(presented) || presented.Length != Prefix.Length + ObjectIds.Length + 1 + SecretChars
            || presented[Prefix.Length + ObjectIds.Length] != '_')
        {
            return false;
        }

        var candidateId = presented.Substring(Prefix.Length, ObjectIds.Length);
        var candidateSecret = presented[(Prefix.Length + ObjectIds.Length + 1)..];
        if (!ObjectIds.IsValid(candidateId) || !Base64Url.IsValid(candidateSecret))
        {
            return false;
        }

        (id, secret) = (candidateId, candidateSecret);
        return true;
    }

    /// <summary>Constant-time comparison, so response timing reveals nothing about the stored hash.</summary>
    public static bool Matches(string secret, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);
}
