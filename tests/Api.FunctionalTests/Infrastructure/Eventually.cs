using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Webchats.Infrastructure.Persistence.ChangeNotifications;

namespace Webchats.Api.FunctionalTests.Infrastructure;

/// <summary>
/// Waits for what another replica or a background service does: polls with a deadline, and never
/// asserts how fast it happened.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>What <paramref name="read"/> gives once it is <paramref name="expected"/>, or the last one at the deadline.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, T expected)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var seen = await read();
            if (EqualityComparer<T>.Default.Equals(seen, expected) || clock.Elapsed > Deadline)
            {
                return seen;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>
    /// A host starts its change listener in the background, and hears of a commit a heartbeat later:
    /// a test of the public cache waits until the listener has delivered every change made so far
    /// (the data reset before each test notifies too) and vouches for the last second.
    /// </summary>
    public static async Task ListeningAsync(WebApplicationFactory<Program> factory)
    {
        var feed = factory.Services.GetRequiredService<WebchatChangeFeed>();
        var now = TimeProvider.System.GetTimestamp();
        var clock = Stopwatch.StartNew();
        while (!feed.IsLive || !feed.HasDeliveredChangesBefore(now))
        {
            Assert.That(clock.Elapsed, Is.LessThan(Deadline), "the change listener did not start listening");
            await Task.Delay(20);
        }
    }
}
