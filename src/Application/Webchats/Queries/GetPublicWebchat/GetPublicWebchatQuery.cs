using Mediator;

namespace Webchats.Application.Webchats.Queries.GetPublicWebchat;

/// <summary>
/// What the widget on a customer's page reads: the public part of a live, enabled webchat of any
/// organization, with the rule that decides which pages may read it. No caller: the endpoint is
/// anonymous, and its answer is the same for every request, so a replica may keep it
/// (src/Api/PublicConfiguration).
/// </summary>
/// <param name="Id">The webchat id from the route.</param>
public sealed record GetPublicWebchatQuery(string Id) : IQuery<PublishedWebchat>;
