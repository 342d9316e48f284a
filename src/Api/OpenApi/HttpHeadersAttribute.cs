namespace Webchats.Api.OpenApi;

/// <summary>
/// Documents the HTTP headers an action uses beyond its body, so that generated clients see them:
/// the <c>ETag</c> its success responses carry, the precondition header it honours
/// (<c>If-Match</c> or <c>If-None-Match</c>) and the <c>Location</c> of what it created.
/// <see cref="OpenApiSetup"/> turns these into response headers and request parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HttpHeadersAttribute : Attribute
{
    /// <summary>Whether the success responses carry the webchat's <c>ETag</c>.</summary>
    public bool ETag { get; init; }

    /// <summary>The conditional request header the action honours, if any.</summary>
    public Precondition Precondition { get; init; }

    /// <summary>Whether the 201 response carries a <c>Location</c>.</summary>
    public bool Location { get; init; }
}

/// <summary>A conditional request header (RFC 9110 §13.1).</summary>
public enum Precondition
{
    None,
    IfMatch,
    IfNoneMatch,
}
