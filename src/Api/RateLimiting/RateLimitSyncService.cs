using Microsoft.Extensions.Options;

namespace Webchats.Api.RateLimiting;

/// <summary>Flushes the replica's request counts to the shared store every sync interval.</summary>
public sealed partial class RateLimitSyncService(
    RateLimitCounter counter, IOptions<RateLimitOptions> options, TimeProvider time, ILogger<RateLimitSyncService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SyncInterval;
        if (!options.Value.Enabled || interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await counter.FlushAsync(RateLimitingMiddleware.WindowStart(time.GetUtcNow()), stoppingToken);
            }
#pragma warning disable CA1031 // The database may be down; the next tick tries again.
            catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogFlushFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not add this replica's rate-limit counts to the shared store")]
    private partial void LogFlushFailed(Exception exception);
}
