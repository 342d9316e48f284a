using Mediator;
using Webchats.Application.Common.Behaviors;
using Webchats.Application.Common.Models;
using Webchats.Application.Webchats.Common;

namespace Webchats.Application.Webchats.Commands.UpdateWebchat;

/// <param name="IfMatch">Entity tags of an <c>If-Match</c> header (<c>*</c> matches any); null when absent.</param>
public sealed record UpdateWebchatCommand(Caller Caller, string Id, WebchatPatch Body, IReadOnlyList<string>? IfMatch)
    : ICommand<WebchatResult>, IRetryOnConcurrencyConflict;
