using Mediator;

namespace Webchats.Application.Webchats.Queries.GetPublicWebchat;

/// <summary>
/// What the widget on a customer's page reads: the public part of a live, enabled webchat of any
/// organization, if the page's <paramref name="Origin"/> may embed it. No caller: the endpoint is
/// anonymous.
/// </summary>
/// <param name="Id">The webchat id from the route.</param>
/// <param name="Origin">The request's <c>Origin</c> header as sent, or null when there is none.</param>
public sealed record GetPublicWebchatQuery(string Id, string? Origin) : IQuery<PublicWebchatResult>;
