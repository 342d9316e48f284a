using Mediator;
using Webchats.Application.ApiTokens.Common;
using Webchats.Application.Common.Models;

namespace Webchats.Application.ApiTokens.Queries.ListApiTokens;

public sealed record ListApiTokensQuery(Caller Caller) : IQuery<IReadOnlyList<ApiTokenDto>>;
