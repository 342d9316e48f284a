using Webchats.Application.Common.Exceptions;
using Webchats.Domain.Webchats;

namespace Webchats.Application.Webchats.Common;

public static class Preconditions
{
    /// <summary>
    /// <c>If-Match</c> (RFC 9110 §13.1.1) in versions: passes when absent or <c>*</c> (null: the
    /// webchat exists), or when one of the versions is the stored one.
    /// </summary>
    /// <exception cref="PreconditionFailedException">No version matches.</exception>
    public static void EnsureIfMatch(IReadOnlyList<long>? ifMatch, Webchat webchat)
    {
        if (ifMatch is not null && !ifMatch.Contains(webchat.Version))
        {
            throw new PreconditionFailedException();
        }
    }
}
