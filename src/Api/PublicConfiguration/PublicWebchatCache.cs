using System.Collections.Concurrent;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Webchats.Application.Common.Exceptions;
using Webchats.Application.Common.Interfaces;
using Webchats.Application.Webchats.Queries.GetPublicWebchat;
using Webchats.Infrastructure.Persistence;
using Webchats.Infrastructure.Persistence.ChangeNotifications;

namespace Webchats.Api.PublicConfiguration;

/// <summary>
/// Keeps the public configuration of each webchat this replica served, so a repeat read (every
/// page view of every site embedding the widget) touches no database. Bounded in bytes; every
/// committed change anywhere removes the entry (<see cref="IWebchatChangeObserver"/>), and nothing
/// is served while the change listener cannot vouch for it (<see cref="WebchatChangeFeed"/>), so an
/// answer is never more than a second behind the database. Concurrent misses of one webchat share
/// one read. docs/scaling.md explains the guarantees.
/// </summary>
public sealed class PublicWebchatCache : IWebchatChangeObserver, IDisposable
{
    public const string SectionName = "Webchats:PublicCache";

    /// <summary>What an entry costs beyond its body (the document, its origin rule, the cache's own entry).</summary>
    private const int EntryOverheadBytes = 1024;

    /// <summary>
    /// How long the versions of notified changes are remembered for fills from a standby: longer
    /// than the listener's vouching lags behind (<see cref="WebchatChangeFeed.MaxStaleness"/>) plus
    /// a fill; a fill that takes longer trusts only the primary.
    /// </summary>
    private static readonly TimeSpan RecentWindow = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Fill> _fills = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Version, long At)> _recentVersions = new(StringComparer.Ordinal);
    private readonly MemoryCache _documents;
    private readonly bool _enabled;
    private readonly bool _readsMayLag;
    private readonly IServiceScopeFactory _scopes;
    private readonly WebchatChangeFeed _feed;
    private readonly IIconStorage _icons;
    private readonly IOptions<JsonOptions> _json;
    private readonly TimeProvider _time;
    private long _lastPrune;

    public PublicWebchatCache(
        IOptions<PublicCacheOptions> options,
        PublicReadDatabase publicRead,
        IServiceScopeFactory scopes,
        WebchatChangeFeed feed,
        IIconStorage icons,
        IOptions<JsonOptions> json,
        TimeProvider time)
    {
        _enabled = options.Value.Enabled;
        // Without the cache nothing checks what a standby returns: every read goes to the primary.
        _readsMayLag = _enabled && publicRead.IsConfigured;
        _documents = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.SizeLimitMegabytes * 1024L * 1024L });
        _scopes = scopes;
        _feed = feed;
        _icons = icons;
        _json = json;
        _time = time;
        _lastPrune = time.GetTimestamp();
    }

    /// <summary>
    /// The current public configuration of a live, enabled webchat; throws what the query throws
    /// (not found, invalid id). <paramref name="mediator"/> is the request's, used when the cache is off.
    /// </summary>
    public ValueTask<PublicWebchatDocument> GetAsync(string id, IMediator mediator, CancellationToken cancellationToken)
    {
        if (!_enabled)
        {
            return ReadAsync(id, mediator, _feed.Epoch, cancellationToken);
        }

        if (_documents.TryGetValue(id, out PublicWebchatDocument? document)
            && document!.Epoch == _feed.Epoch && _feed.IsLive && document.HasCurrentIconUrl(_icons))
        {
            return ValueTask.FromResult(document);
        }

        return new ValueTask<PublicWebchatDocument>(FillAsync(id, cancellationToken));
    }

    public void Changed(string webchatId, long version)
    {
        if (_readsMayLag)
        {
            RememberVersion(webchatId, version);
        }

        if (_fills.TryGetValue(webchatId, out var fill))
        {
            fill.Notify(version);
        }

        if (_documents.TryGetValue(webchatId, out PublicWebchatDocument? document) && document!.Version < version)
        {
            _documents.Remove(webchatId);
        }
    }

    public void Reset()
    {
        foreach (var fill in _fills.Values)
        {
            fill.Notify(long.MaxValue);
        }

        _documents.Clear();
    }

    public void Dispose() => _documents.Dispose();

    private Task<PublicWebchatDocument> FillAsync(string id, CancellationToken cancellationToken)
    {
        var candidate = new Fill();
        var fill = _fills.GetOrAdd(id, candidate);
        if (ReferenceEquals(fill, candidate))
        {
            _ = RunFillAsync(id, fill);
        }

        return fill.Result.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// One read for every request that missed meanwhile, so it does not end with the first of them.
    /// It stores the document only if no change was notified while it ran and the listener was
    /// vouching throughout: a change committed after the read is then either announced to the fill
    /// (before it unregisters) or finds the stored entry and removes it.
    /// </summary>
    private async Task RunFillAsync(string id, Fill fill)
    {
        var epoch = _feed.Epoch;
        var live = _feed.IsLive;
        try
        {
            PublicWebchatDocument document;
            await using (var scope = _scopes.CreateAsyncScope())
            {
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                document = _readsMayLag && live
                    ? await ReadFromStandbyAsync(id, mediator, fill, epoch)
                    : await ReadAsync(id, mediator, epoch, CancellationToken.None);
            }

            var store = live && fill.NotifiedVersion <= document.Version && _feed.Epoch == epoch && _feed.IsLive;
            if (store)
            {
                _documents.Set(id, document, new MemoryCacheEntryOptions { Size = document.Body.Length + EntryOverheadBytes });
            }

            _fills.TryRemove(new KeyValuePair<string, Fill>(id, fill));
            if (store && fill.NotifiedVersion > document.Version)
            {
                _documents.Remove(id);
            }

            fill.Complete(document);
        }
#pragma warning disable CA1031 // Every waiter gets the query's exception (404, 400, 503) as if it had asked alone.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _fills.TryRemove(new KeyValuePair<string, Fill>(id, fill));
            fill.Fail(exception);
        }
    }

    private async ValueTask<PublicWebchatDocument> ReadAsync(string id, IMediator mediator, long epoch, CancellationToken cancellationToken)
    {
        var published = await mediator.Send(new GetPublicWebchatQuery(id), cancellationToken);
        return PublicWebchatDocument.Create(published, epoch, _json.Value.JsonSerializerOptions);
    }

    /// <summary>
    /// A read that may come from a standby (the repository already refuses one that has not
    /// replayed what the listener vouched for), taken only if it is not older than a change notified
    /// meanwhile or just before; otherwise, and for a 404 (the webchat may be too new for the
    /// standby), the primary answers.
    /// </summary>
    private async Task<PublicWebchatDocument> ReadFromStandbyAsync(string id, IMediator mediator, Fill fill, long epoch)
    {
        var started = _time.GetTimestamp();
        PublishedWebchat? published;
        try
        {
            published = await mediator.Send(new GetPublicWebchatQuery(id, MayLag: true), CancellationToken.None);
        }
        catch (NotFoundException)
        {
            published = null;
        }

        var current = published is not null
            && published.Version >= fill.NotifiedVersion
            && published.Version >= RecentVersion(id)
            && _time.GetElapsedTime(started) < RecentWindow - WebchatChangeFeed.MaxStaleness;
        return current
            ? PublicWebchatDocument.Create(published!, epoch, _json.Value.JsonSerializerOptions)
            : await ReadAsync(id, mediator, epoch, CancellationToken.None);
    }

    private long RecentVersion(string id) =>
        _recentVersions.TryGetValue(id, out var recent) && _time.GetElapsedTime(recent.At) < RecentWindow ? recent.Version : long.MinValue;

    private void RememberVersion(string id, long version)
    {
        var now = _time.GetTimestamp();
        _recentVersions.AddOrUpdate(id, (version, now), (_, seen) => (Math.Max(seen.Version, version), now));

        // Forget what is older than the window, about once per window.
        var lastPrune = Interlocked.Read(ref _lastPrune);
        if (_time.GetElapsedTime(lastPrune, now) >= RecentWindow && Interlocked.CompareExchange(ref _lastPrune, now, lastPrune) == lastPrune)
        {
            foreach (var (key, recent) in _recentVersions)
            {
                if (_time.GetElapsedTime(recent.At, now) >= RecentWindow)
                {
                    _recentVersions.TryRemove(new KeyValuePair<string, (long, long)>(key, recent));
                }
            }
        }
    }

    /// <summary>A read in flight, and the highest version a notification announced meanwhile.</summary>
    private sealed class Fill
    {
        private readonly TaskCompletionSource<PublicWebchatDocument> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _notifiedVersion = long.MinValue;

        public Task<PublicWebchatDocument> Result => _result.Task;

        public long NotifiedVersion => Interlocked.Read(ref _notifiedVersion);

        public void Notify(long version)
        {
            var seen = Interlocked.Read(ref _notifiedVersion);
            while (version > seen)
            {
                var previous = Interlocked.CompareExchange(ref _notifiedVersion, version, seen);
                if (previous == seen)
                {
                    return;
                }

                seen = previous;
            }
        }

        public void Complete(PublicWebchatDocument document) => _result.SetResult(document);

        public void Fail(Exception exception) => _result.SetException(exception);
    }
}

/// <summary><c>Webchats:PublicCache</c>.</summary>
public sealed class PublicCacheOptions
{
    /// <summary>Keep public configurations in memory (and listen for changes); off, every read goes to the database.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The most the kept documents may take (bodies plus a fixed cost per entry).</summary>
    public int SizeLimitMegabytes { get; set; } = 64;
}
