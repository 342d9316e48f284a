using Mediator;
using Webchats.Application.Common.Models;
using Webchats.Application.Webchats.Common;

namespace Webchats.Application.Webchats.Queries.GetWebchat;

public sealed record GetWebchatQuery(Caller Caller, string Id) : IQuery<WebchatResult>;
