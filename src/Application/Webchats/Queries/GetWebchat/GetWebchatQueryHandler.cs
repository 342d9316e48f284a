using Mediator;
using Webchats.Application.Common.Exceptions;
using Webchats.Application.Common.Interfaces;
using Webchats.Application.Webchats.Common;

namespace Webchats.Application.Webchats.Queries.GetWebchat;

public sealed class GetWebchatQueryHandler(IWebchatReadModel webchats)
    : IQueryHandler<GetWebchatQuery, WebchatResult>
{
    public async ValueTask<WebchatResult> Handle(GetWebchatQuery query, CancellationToken cancellationToken) =>
        await webchats.FindAsync(query.Caller.OrganizationId, query.Id, cancellationToken)
            ?? throw new NotFoundException("webchat");
}
