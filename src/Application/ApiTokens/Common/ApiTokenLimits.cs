namespace Webchats.Application.ApiTokens.Common;

/// <summary>
/// Configuration section <c>Webchats:ApiTokens</c>: how many live tokens an organization may hold
/// and how far ahead a token may expire. A token is a long-lived secret outside our control (in
/// scripts, CI settings), so both its number and its life are bounded.
/// </summary>
public sealed class ApiTokenLimits
{
    public const string SectionName = "Webchats:ApiTokens";

    /// <summary>Unrevoked, unexpired tokens per organization.</summary>
    public int MaxLiveTokensPerOrganization { get; set; } = 100;

    /// <summary>The latest <c>expiresAt</c> a new token may have, from now.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromDays(730);

    /// <summary>The lifetime of a token created without <c>expiresAt</c>.</summary>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>The limits as configured; settings that contradict each other stop the start.</summary>
    public ApiTokenLimits Validated() =>
        MaxLiveTokensPerOrganization > 0 && DefaultLifetime > TimeSpan.Zero && DefaultLifetime <= MaxLifetime
            ? this
            : throw new InvalidOperationException(
                $"{SectionName}: MaxLiveTokensPerOrganization must be positive and DefaultLifetime between zero and MaxLifetime.");
}
