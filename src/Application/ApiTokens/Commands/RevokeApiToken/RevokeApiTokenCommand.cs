using Mediator;
using Webchats.Application.Common.Models;

namespace Webchats.Application.ApiTokens.Commands.RevokeApiToken;

public sealed record RevokeApiTokenCommand(Caller Caller, string Id) : ICommand;
