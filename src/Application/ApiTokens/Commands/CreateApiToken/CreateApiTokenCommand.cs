using Mediator;
using Webchats.Application.ApiTokens.Common;
using Webchats.Application.Common.Models;

namespace Webchats.Application.ApiTokens.Commands.CreateApiToken;

/// <param name="HeldScopes">The scopes of the caller's own credential: a token never gets more.</param>
public sealed record CreateApiTokenCommand(
    Caller Caller, IReadOnlySet<string> HeldScopes, string? Name, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt)
    : ICommand<CreatedApiTokenDto>
{
    /// <summary>What an API token may be granted; managing tokens needs a user's JWT.</summary>
    public static readonly IReadOnlyList<string> GrantableScopes = ["webchats:read", "webchats:write"];
}
