using Microsoft.Extensions.Logging;
using Webchats.Application.Common.Interfaces;
using Webchats.Domain.Webchats;

namespace Webchats.Application.Webchats.Common;

/// <summary>
/// Deletes an icon object the webchat no longer uses, and only after the database change that
/// dropped it committed: a webchat never points at a missing object. Objects outside the
/// webchat's own prefix, or still named by any row, are left alone.
/// </summary>
public sealed partial class IconCleanup(IIconStorage storage, IWebchatRepository webchats, ILogger<IconCleanup> logger)
{
    public async Task ReleaseAsync(string? previousKey, Webchat webchat, CancellationToken cancellationToken)
    {
        if (previousKey is null
            || previousKey == webchat.Settings.IconKey
            || !previousKey.StartsWith(IconReferences.WebchatPrefix(webchat.OrganizationId, webchat.Id), StringComparison.Ordinal)
            || await webchats.IsIconKeyInUseAsync(previousKey, cancellationToken))
        {
            return;
        }

        try
        {
            await storage.DeleteAsync(previousKey, cancellationToken);
        }
#pragma warning disable CA1031 // The change is committed; a failed clean-up only leaves an orphan object behind.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogOrphan(exception, previousKey);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the icon object {Key} no webchat uses any more; it is orphaned")]
    private partial void LogOrphan(Exception exception, string key);
}
