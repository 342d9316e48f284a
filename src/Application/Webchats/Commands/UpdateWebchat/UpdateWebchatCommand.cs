using Mediator;
using Webchats.Application.Common.Behaviors;
using Webchats.Application.Common.Models;
using Webchats.Application.Webchats.Common;

namespace Webchats.Application.Webchats.Commands.UpdateWebchat;

/// <param name="IfMatch">The versions an <c>If-Match</c> header names; null when it is absent or <c>*</c>.</param>
public sealed record UpdateWebchatCommand(Caller Caller, string Id, WebchatPatch Body, IReadOnlyList<long>? IfMatch)
    : ICommand<WebchatResult>, IRetryOnConcurrencyConflict;
