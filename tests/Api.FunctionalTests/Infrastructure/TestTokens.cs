using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Webchats.Api.Auth;

namespace Webchats.Api.FunctionalTests.Infrastructure;

/// <summary>Tokens for tests, signed with the key the test API trusts (or deliberately not).</summary>
public static class TestTokens
{
    public const string SigningKey = "dGVzdC1vbmx5LWtleS1mb3Itd2ViY2hhdHMtZnVuY3Rpb25hbC10ZXN0cw==";
    public const string Issuer = "webchats-tests";
    public const string Audience = "webchats-api";
    public const string ReadWrite = "webchats:read webchats:write";

    private static readonly AuthOptions Options = new() { SigningKey = SigningKey, Issuer = Issuer, Audience = Audience };

    /// <summary>Lifetime for ordinary test tokens: fixed far-apart dates, so no test reads the wall clock.</summary>
    private static readonly DateTimeOffset ValidFrom = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ValidUntil = new(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string For(string organizationId, string userId, string scopes = ReadWrite) =>
        DevTokens.Create(Options, organizationId, userId, scopes, ValidFrom, ValidUntil);

    public static string Expired(string organizationId, string userId) =>
        DevTokens.Create(Options, organizationId, userId, ReadWrite, ValidFrom, ValidFrom.AddHours(1));

    public static string NotYetValid(string organizationId, string userId) =>
        DevTokens.Create(Options, organizationId, userId, ReadWrite, ValidUntil, ValidUntil.AddHours(1));

    public static string SignedWithOtherKey(string organizationId, string userId) =>
        DevTokens.Create(
            new AuthOptions { SigningKey = Convert.ToBase64String(new byte[32]), Issuer = Issuer, Audience = Audience },
            organizationId, userId, ReadWrite, ValidFrom, ValidUntil);

    /// <summary>
    /// A token signed with the trusted key whose header and payload are exactly these JSON texts
    /// (duplicate members, odd claim names): no library would write them, an attacker can.
    /// </summary>
    public static string Raw(string headerJson, string payloadJson)
    {
        var signingInput = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(headerJson)) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson));
        var signature = HMACSHA256.HashData(Convert.FromBase64String(SigningKey), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>The payload of a valid token (issuer, audience, lifetime) with <paramref name="members"/> (JSON members) appended.</summary>
    public static string PayloadWith(string members) =>
        $$"""{"iss":"{{Issuer}}","aud":"{{Audience}}","nbf":{{ValidFrom.ToUnixTimeSeconds()}},"exp":{{ValidUntil.ToUnixTimeSeconds()}},{{members}}}""";

    /// <summary>A correctly signed token with arbitrary claims, for tokens missing or garbling sub/org.</summary>
    public static string WithClaims(IDictionary<string, object> claims) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            NotBefore = ValidFrom.UtcDateTime,
            Expires = ValidUntil.UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(SigningKey)), SecurityAlgorithms.HmacSha256),
        });
}
