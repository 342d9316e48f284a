using Webchats.Application.Common.Exceptions;
using Webchats.Domain.Webchats;

namespace Webchats.Application.Webchats.Common;

public static class Preconditions
{
    /// <summary>
    /// <c>If-Match</c> (RFC 9110 §13.1.1): passes when absent, when <c>*</c> (the webchat exists), or
    /// when one tag equals the current ETag by strong comparison.
    /// </summary>
    /// <exception cref="PreconditionFailedException">No tag matches.</exception>
    public static void EnsureIfMatch(IReadOnlyList<string>? ifMatch, Webchat webchat)
    {
        if (ifMatch is null || ifMatch.Contains("*"))
        {
            return;
        }

        var current = WebchatMapper.ETagOf(webchat);
        if (!ifMatch.Contains(current, StringComparer.Ordinal))
        {
            throw new PreconditionFailedException();
        }
    }
}
