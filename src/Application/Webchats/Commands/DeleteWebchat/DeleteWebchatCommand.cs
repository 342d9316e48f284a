using Mediator;
using Webchats.Application.Common.Behaviors;
using Webchats.Application.Common.Models;

namespace Webchats.Application.Webchats.Commands.DeleteWebchat;

public sealed record DeleteWebchatCommand(Caller Caller, string Id, IReadOnlyList<long>? IfMatch)
    : ICommand, IRetryOnConcurrencyConflict;
