using Mediator;
using Webchats.Application.Common.Models;
using Webchats.Application.Webchats.Common;

namespace Webchats.Application.Webchats.Commands.CreateWebchat;

public sealed record CreateWebchatCommand(Caller Caller, WebchatPatch Body) : ICommand<WebchatResult>;
