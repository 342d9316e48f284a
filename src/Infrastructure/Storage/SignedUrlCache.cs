using System.Collections.Concurrent;

namespace Webchats.Infrastructure.Storage;

/// <summary>
/// Remembers the signed URL of each key for its signing window (see <see cref="SigningWindow"/>),
/// so a list of webchats or a hot GET signs each icon once per window instead of once per
/// response. Bounded: past <see cref="MaxEntries"/> it starts again empty.
/// </summary>
public sealed class SignedUrlCache
{
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (long Expires, string Url)> _urls = new(StringComparer.Ordinal);

    public string GetOrSign<TState>(string key, long expires, TState state, Func<string, long, TState, string> sign)
    {
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
}
