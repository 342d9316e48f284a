using Mediator;
using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Webchats.Api.Auth;
using Webchats.Api.Startup;
using Webchats.Application.Common.Models;

namespace Webchats.Api.Controllers;

/// <summary>What every controller of the API shares: problem responses, the caller, and the mediator.</summary>
[ApiController]
[EnableCors(CorsSetup.AdminPolicy)] // the admin app's origins (Webchats:Cors:AdminOrigins)
[ProblemResponses(401, 403, 503)]
public abstract class ApiControllerBase(IMediator mediator) : ControllerBase
{
    protected IMediator Mediator { get; } = mediator;

    protected Caller Caller => User.ToCaller();

    /// <summary>
    /// The versions an <c>If-Match</c> header names (RFC 9110 §13.1.1, strong comparison); null when
    /// it is absent or <c>*</c>. A tag that is weak or not one of ours matches no version.
    /// </summary>
    protected IReadOnlyList<long>? IfMatch
    {
        get
        {
            if (Request.Headers.IfMatch.Count == 0)
            {
                return null;
            }

            if (!EntityTagHeaderValue.TryParseList(Request.Headers.IfMatch, out var tags))
            {
                return [];
            }

            return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any))
                ? null
                : [.. tags.Where(tag => !tag.IsWeak).Select(tag => VersionOf(tag.Tag.Value)).OfType<long>()];
        }
    }

    /// <summary>
    /// The strong entity tag of a stored version: the webchat's own version number, quoted. It
    /// counts that webchat's changes only, so it says nothing about other webchats (issue 18).
    /// </summary>
    public static string ETagOf(long version) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"\"{version}\"");

    protected void SetETag(long version) => Response.Headers.ETag = ETagOf(version);

    /// <summary>Whether <c>If-None-Match</c> names the stored version (weak comparison) or is <c>*</c>.</summary>
    protected bool IsNotModified(long version) => IfNoneMatches(Request, tag => VersionOf(tag) == version);

    /// <summary>Whether <c>If-None-Match</c> is <c>*</c> or has a tag (quoted, weak or not) that <paramref name="isCurrent"/> accepts.</summary>
    internal static bool IfNoneMatches(HttpRequest request, Func<string?, bool> isCurrent) =>
        EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
        && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || isCurrent(tag.Tag.Value));

    // Only the exact text ETagOf writes names a version ("007" is not "7"), so no tag of the
    // former xmin format ("0000001a") can match a version.
    private static long? VersionOf(string? quotedTag) =>
        quotedTag is { Length: > 2 }
        && long.TryParse(quotedTag.AsSpan(1, quotedTag.Length - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
        && ETagOf(version) == quotedTag
            ? version
            : null;
}
