using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;

namespace Webchats.Infrastructure.IntegrationTests.Storage;

/// <summary>The S3 adapter against a real S3-compatible server (s3rver), through HTTP.</summary>
public sealed class S3IconStorageTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Test]
    public async Task A_stored_icon_exists_and_its_signed_url_serves_the_same_bytes_and_content_type()
    {
        using var storage = S3Stores.Local(S3Stores.ClockAtRealTime());
        var key = S3Stores.NewKey();
        // A slice in the middle of a larger buffer: only the slice is stored.
        var buffer = RandomNumberGenerator.GetBytes(2_048);
        var content = buffer.AsMemory(7, 1_500);

        await storage.PutAsync(key, content, "image/png", CancellationToken.None);

        Assert.That(await storage.ExistsAsync(key, CancellationToken.None), Is.True);
        var url = storage.GetSignedUrl(key);
        Assert.That(url, Does.StartWith($"{S3Server.ServiceUrl}/{S3Server.Bucket}/"));
        using var response = await Http.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(content.ToArray()));
    }

    [Test]
    public async Task A_stored_icon_is_replaced_by_a_second_put_of_the_same_key()
    {
        using var storage = S3Stores.Local(S3Stores.ClockAtRealTime());
        var key = S3Stores.NewKey();
        var second = RandomNumberGenerator.GetBytes(64);

        await storage.PutAsync(key, RandomNumberGenerator.GetBytes(64), "image/png", CancellationToken.None);
        await storage.PutAsync(key, second, "image/webp", CancellationToken.None);

        using var response = await Http.GetAsync(storage.GetSignedUrl(key));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/webp"));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(second));
    }

    [Test]
    public async Task A_missing_key_does_not_exist()
    {
        using var storage = S3Stores.Local(S3Stores.ClockAtRealTime());

        Assert.That(await storage.ExistsAsync(S3Stores.NewKey(), CancellationToken.None), Is.False);
    }

    [Test]
    public async Task A_deleted_icon_no_longer_exists_and_its_signed_url_is_not_found()
    {
        using var storage = S3Stores.Local(S3Stores.ClockAtRealTime());
        var key = S3Stores.NewKey();
        await storage.PutAsync(key, RandomNumberGenerator.GetBytes(64), "image/png", CancellationToken.None);

        await storage.DeleteAsync(key, CancellationToken.None);

        Assert.That(await storage.ExistsAsync(key, CancellationToken.None), Is.False);
        using var response = await Http.GetAsync(storage.GetSignedUrl(key));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound).Or.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public void Deleting_a_missing_key_succeeds()
    {
        using var storage = S3Stores.Local(S3Stores.ClockAtRealTime());

        Assert.That(async () => await storage.DeleteAsync(S3Stores.NewKey(), CancellationToken.None), Throws.Nothing);
    }

    [Test]
    public async Task An_expired_signed_url_is_refused_by_the_server()
    {
        // The shortest lifetime: the URL ends one to two seconds from now.
        var clock = S3Stores.ClockAtRealTime();
        using var storage = S3Stores.Local(clock, TimeSpan.FromSeconds(2));
        var key = S3Stores.NewKey();
        await storage.PutAsync(key, RandomNumberGenerator.GetBytes(64), "image/png", CancellationToken.None);
        var url = storage.GetSignedUrl(key);
        Assert.That(SigV4.ExpiresAt(url) - clock.GetUtcNow(), Is.LessThanOrEqualTo(TimeSpan.FromSeconds(2)));

        using (var fresh = await Http.GetAsync(url))
        {
            Assert.That(fresh.StatusCode, Is.EqualTo(HttpStatusCode.OK), "before it expires");
        }

        // Wait (bounded) for the real clock s3rver checks against to pass the URL's end.
        var waited = Stopwatch.StartNew();
        HttpResponseMessage expired;
        while (true)
        {
            expired = await Http.GetAsync(url);
            if (expired.StatusCode != HttpStatusCode.OK || waited.Elapsed > TimeSpan.FromSeconds(5))
            {
                break;
            }

            expired.Dispose();
            await Task.Delay(100);
        }

        using (expired)
        {
            Assert.That(expired.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await expired.Content.ReadAsStringAsync(), Does.Contain("Request has expired"));
        }
    }

    [Test]
    public async Task A_signed_url_s3rver_accepts_also_passes_the_sigv4_check()
    {
        using var storage = S3Stores.Local(S3Stores.ClockAtRealTime());
        var key = S3Stores.NewKey();
        await storage.PutAsync(key, RandomNumberGenerator.GetBytes(16), "image/png", CancellationToken.None);
        var url = storage.GetSignedUrl(key);

        using var response = await Http.GetAsync(url);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(SigV4.IsValid(url, S3Server.SecretAccessKey), Is.True);
    }
}
