using Mediator;
using Webchats.Application.ApiTokens.Common;
using Webchats.Application.Common.Interfaces;

namespace Webchats.Application.ApiTokens.Queries.ListApiTokens;

public sealed class ListApiTokensQueryHandler(IApiTokenRepository tokens)
    : IQueryHandler<ListApiTokensQuery, IReadOnlyList<ApiTokenDto>>
{
    public async ValueTask<IReadOnlyList<ApiTokenDto>> Handle(ListApiTokensQuery query, CancellationToken cancellationToken) =>
        [.. (await tokens.ListAsync(query.Caller.OrganizationId, cancellationToken)).Select(token => token.ToDto())];
}
