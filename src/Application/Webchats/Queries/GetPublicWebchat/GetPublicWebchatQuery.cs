using Mediator;

namespace Webchats.Application.Webchats.Queries.GetPublicWebchat;

/// <summary>
/// What the widget on a customer's page reads: the public part of a live, enabled webchat of any
/// organization, with the rule that decides which pages may read it. No caller: the endpoint is
/// anonymous, and its answer is the same for every request, so a replica may keep it
/// (src/Api/PublicConfiguration).
/// </summary>
/// <param name="Id">The webchat id from the route.</param>
/// <param name="MayLag">
/// The read may come from a copy a moment behind the primary (a hot standby), for a caller that
/// checks the version it gets; false reads the primary.
/// </param>
public sealed record GetPublicWebchatQuery(string Id, bool MayLag = false) : IQuery<PublishedWebchat>;
