using System.Buffers.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Webchats.Api.Auth;

/// <summary>
/// What Microsoft.IdentityModel's <see cref="JsonWebTokenHandler"/> accepts but this API must not
/// (api.md §8): it ignores the <c>crit</c> header (RFC 7515 §4.1.11 says a recipient must refuse
/// extensions it does not understand, and this API understands none), and it reads a JSON object
/// with a duplicate member as "last one wins", so two parsers could disagree on who the caller is.
/// Case-sensitive claim names and single-valued <c>sub</c>/<c>org</c> are checked by
/// <see cref="WebchatClaims"/>.
/// </summary>
public static class StrictJwt
{
    private static readonly JsonDocumentOptions NoDuplicates = new() { AllowDuplicateProperties = false };

    /// <summary>Why a signature-checked token is still refused, or null when it is acceptable.</summary>
    public static string? Violation(JsonWebToken token)
    {
        if (token.TryGetHeaderValue<object>("crit", out _))
        {
            return "The token's 'crit' header names extensions this API does not understand.";
        }

        return HasDuplicateMember(token.EncodedHeader) || HasDuplicateMember(token.EncodedPayload)
            ? "The token repeats a member of its header or payload."
            : null;
    }

    private static bool HasDuplicateMember(string base64UrlJson)
    {
        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(base64UrlJson), NoDuplicates);
            return false;
        }
        catch (JsonException)
        {
            return true;
        }
    }
}
