namespace Webchats.Application.Webchats.Queries.GetPublicWebchat;

/// <summary>Whether, and how, the requesting page may read a webchat's public configuration.</summary>
public enum OriginAccess
{
    /// <summary>The webchat has no <c>allowedDomains</c>: any page may read it (<c>Access-Control-Allow-Origin: *</c>).</summary>
    AnyOrigin,

    /// <summary>The request's <c>Origin</c> matches an entry: that origin, and only it, gets a CORS grant.</summary>
    MatchedOrigin,

    /// <summary>The list is not empty and the request has no <c>Origin</c>: 200 without any CORS grant.</summary>
    NoOrigin,

    /// <summary>The request's <c>Origin</c> matches no entry: 403 without any CORS grant.</summary>
    Refused,
}
