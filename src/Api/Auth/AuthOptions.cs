namespace Webchats.Api.Auth;

/// <summary>
/// Configuration section <c>Webchats:Auth</c>. Production sets either <see cref="Authority"/>
/// (an OIDC issuer whose keys are read from its JWKS) or <see cref="SigningKey"/> (HS256, for
/// internal callers). Only the Development configuration carries a key; elsewhere there is none
/// unless one is configured.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Webchats:Auth";

    public string? Authority { get; set; }

    /// <summary>Base64 HS256 key of at least 32 bytes.</summary>
    public string? SigningKey { get; set; }

    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    /// <summary>Tolerated clock difference between token issuer and this service.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
