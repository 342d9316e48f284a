using System.Collections.Concurrent;

namespace Webchats.Infrastructure.Storage;

/// <summary>
/// Expiry times that keep signed URLs stable, and the URL of each key for its window: time is cut
/// into windows of half a lifetime, and a URL made in window <c>w</c> expires at the end of window
/// <c>w + 1</c>. So the same key gives the same URL throughout a window (browsers and CDNs can cache
/// it), and every URL handed out is valid for between half and all of the configured lifetime.
/// Remembering the URL means a list of webchats or a hot GET signs each icon once per window
/// instead of once per response. Bounded: past <see cref="MaxEntries"/> it starts again empty.
/// </summary>
public sealed class SignedUrlCache(TimeSpan lifetime, TimeProvider time)
{
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (long Expires, string Url)> _urls = new(StringComparer.Ordinal);

    /// <summary>The URL of <paramref name="key"/> for the current window; <paramref name="sign"/> gets the key and its expiry (Unix seconds).</summary>
    public string GetOrSign<TState>(string key, TState state, Func<string, long, TState, string> sign)
    {
        var expires = ExpiryFor(time.GetUtcNow(), lifetime);
        if (_urls.TryGetValue(key, out var cached) && cached.Expires == expires)
        {
            return cached.Url;
        }

        if (_urls.Count >= MaxEntries)
        {
            _urls.Clear();
        }

        var url = sign(key, expires, state);
        _urls[key] = (expires, url);
        return url;
    }

    private static long ExpiryFor(DateTimeOffset now, TimeSpan lifetime)
    {
        var half = Math.Max(1, (long)lifetime.TotalSeconds / 2);
        var window = now.ToUnixTimeSeconds() / half;
        return (window + 2) * half;
    }
}
