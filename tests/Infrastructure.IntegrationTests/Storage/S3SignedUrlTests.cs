using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Webchats.Infrastructure.Storage;

namespace Webchats.Infrastructure.IntegrationTests.Storage;

/// <summary>
/// Presigned URLs of the S3 adapter: stable per window, long enough, signed correctly (checked by
/// recomputing SigV4, since s3rver accepts any signature) and mapped back to their keys. Signing
/// makes no network call, so the R2-shaped stores here need no server.
/// </summary>
public sealed class S3SignedUrlTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan Half = Lifetime / 2;

    /// <summary>A fake clock at the start of the current signing window (at most half a lifetime ago).</summary>
    private static FakeTimeProvider ClockAtWindowStart()
    {
        var halfSeconds = (long)Half.TotalSeconds;
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        return new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(now / halfSeconds * halfSeconds));
    }

    [Test]
    public void The_same_key_within_one_window_gets_the_identical_url()
    {
        var clock = ClockAtWindowStart();
        using var storage = S3Stores.Local(clock, Lifetime);
        var key = S3Stores.NewKey();

        var first = storage.GetSignedUrl(key);
        clock.Advance(Half - TimeSpan.FromSeconds(1));
        var last = storage.GetSignedUrl(key);

        Assert.That(last, Is.EqualTo(first));
        Assert.That(SigV4.ExpiresAt(last) - clock.GetUtcNow(), Is.GreaterThanOrEqualTo(Half), "time left at the window's end");
    }

    [Test]
    public void After_the_window_the_key_gets_a_new_url_with_at_least_half_the_lifetime_left()
    {
        var clock = ClockAtWindowStart();
        using var storage = S3Stores.Local(clock, Lifetime);
        var key = S3Stores.NewKey();
        var first = storage.GetSignedUrl(key);

        clock.Advance(Half);
        var next = storage.GetSignedUrl(key);

        Assert.That(next, Is.Not.EqualTo(first));
        var left = SigV4.ExpiresAt(next) - clock.GetUtcNow();
        Assert.That(left, Is.GreaterThanOrEqualTo(Half).And.LessThanOrEqualTo(Lifetime + TimeSpan.FromSeconds(1)));
        Assert.That(SigV4.IsValid(next, S3Server.SecretAccessKey), Is.True);
    }

    [Test]
    public void Different_keys_get_different_urls()
    {
        using var storage = S3Stores.Local(ClockAtWindowStart(), Lifetime);

        var first = storage.GetSignedUrl(S3Stores.NewKey());
        var second = storage.GetSignedUrl(S3Stores.NewKey());

        Assert.That(second, Is.Not.EqualTo(first));
    }

    [TestCase("orgs/65a0e0e0e0e0e0e0e0e0e0e0/webchats/65b1f0a2c3d4e5f6a7b8c9d0/icon-0123abcd.png")]
    [TestCase("odd keys/a b+c%d~é/icon.png")]
    public void TryGetKey_maps_a_signed_url_back_to_its_key_even_after_it_expired(string key)
    {
        var clock = ClockAtWindowStart();
        using var storage = S3Stores.Local(clock, Lifetime);
        var url = storage.GetSignedUrl(key);
        clock.Advance(Lifetime * 3);

        Assert.That(storage.TryGetKey(url, out var found), Is.True);
        Assert.That(found, Is.EqualTo(key));
        Assert.That(SigV4.IsValid(url, S3Server.SecretAccessKey), Is.True, "the SDK's encoding of the key is SigV4's");
    }

    [Test]
    public void TryGetKey_ignores_the_query()
    {
        using var storage = S3Stores.Local(ClockAtWindowStart(), Lifetime);

        Assert.That(storage.TryGetKey($"{S3Server.ServiceUrl}/{S3Server.Bucket}/orgs/a/icon.png", out var key), Is.True);
        Assert.That(key, Is.EqualTo("orgs/a/icon.png"));
    }

    [TestCase("{0}/other-bucket/orgs/a/icon.png")]
    [TestCase("{0}/iconsx/orgs/a/icon.png")]
    [TestCase("{0}/icons")]
    [TestCase("{0}/icons/")]
    [TestCase("{0}/icons/?X-Amz-Expires=60")]
    [TestCase("{0}/orgs/a/icon.png")]
    [TestCase("https://127.0.0.1:{1}/icons/orgs/a/icon.png")]
    [TestCase("http://127.0.0.1:1/icons/orgs/a/icon.png")]
    [TestCase("http://localhost:{1}/icons/orgs/a/icon.png")]
    [TestCase("http://user@127.0.0.1:{1}/icons/orgs/a/icon.png")]
    [TestCase("http://evil.example/icons/orgs/a/icon.png")]
    [TestCase("/icons/orgs/a/icon.png")]
    [TestCase("icons/orgs/a/icon.png")]
    [TestCase("")]
    [TestCase("not a url")]
    public void TryGetKey_rejects_urls_of_other_stores(string template)
    {
        using var storage = S3Stores.Local(ClockAtWindowStart(), Lifetime);
        var port = new Uri(S3Server.ServiceUrl).Port;
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, S3Server.ServiceUrl, port);

        Assert.That(storage.TryGetKey(url, out _), Is.False, url);
    }

    [Test]
    public void An_r2_store_signs_path_style_urls_for_region_auto()
    {
        using var storage = S3Stores.R2(ClockAtWindowStart(), forcePathStyle: true);
        const string key = "orgs/a/webchats/b/icon-1.png";

        var url = storage.GetSignedUrl(key);

        Assert.That(url, Does.StartWith($"{S3Stores.R2Endpoint}/icons/{key}?"));
        var query = SigV4.ParseQuery(new Uri(url).Query);
        Assert.That(query["X-Amz-Credential"], Does.StartWith(S3Stores.R2AccessKeyId + "/").And.EndWith("/auto/s3/aws4_request"));
        Assert.That(SigV4.IsValid(url, S3Stores.R2SecretAccessKey), Is.True);
        Assert.That(storage.TryGetKey(url, out var found), Is.True);
        Assert.That(found, Is.EqualTo(key));
    }

    [Test]
    public void An_r2_store_signs_virtual_host_urls_and_maps_both_styles_back()
    {
        using var storage = S3Stores.R2(ClockAtWindowStart(), forcePathStyle: false);
        const string key = "orgs/a/webchats/b/icon-1.png";
        var host = new Uri(S3Stores.R2Endpoint).Host;

        var url = storage.GetSignedUrl(key);

        Assert.That(url, Does.StartWith($"https://icons.{host}/{key}?"));
        Assert.That(SigV4.IsValid(url, S3Stores.R2SecretAccessKey), Is.True);
        Assert.That(storage.TryGetKey(url, out var virtualHostKey), Is.True);
        Assert.That(virtualHostKey, Is.EqualTo(key));
        Assert.That(storage.TryGetKey($"https://{host}/icons/{key}", out var pathStyleKey), Is.True);
        Assert.That(pathStyleKey, Is.EqualTo(key));
        Assert.That(storage.TryGetKey($"https://other.{host}/{key}", out _), Is.False);
        Assert.That(storage.TryGetKey($"https://icons.{host}.evil.example/{key}", out _), Is.False);
        Assert.That(storage.TryGetKey($"http://icons.{host}/{key}", out _), Is.False);
    }

    [TestCase("us-east-1")]
    [TestCase("eu-central-1")]
    [TestCase("auto")]
    public void Urls_are_signed_with_sigv4_in_every_region(string region)
    {
        using var storage = S3Stores.Local(ClockAtWindowStart(), Lifetime, region);

        var url = storage.GetSignedUrl(S3Stores.NewKey());

        Assert.That(SigV4.ParseQuery(new Uri(url).Query)["X-Amz-Credential"], Does.EndWith($"/{region}/s3/aws4_request"));
        Assert.That(SigV4.IsValid(url, S3Server.SecretAccessKey), Is.True);
    }

    [Test]
    public void The_sigv4_check_accepts_the_genuine_url_and_refuses_a_tampered_key_expiry_or_signature()
    {
        using var storage = S3Stores.R2(ClockAtWindowStart(), forcePathStyle: true);
        var url = storage.GetSignedUrl("orgs/a/icon-1.png");
        var query = SigV4.ParseQuery(new Uri(url).Query);
        var signature = query["X-Amz-Signature"];
        var expires = query["X-Amz-Expires"];
        var forgedSignature = (signature[0] == '0' ? "1" : "0") + signature[1..];

        Assert.That(SigV4.IsValid(url, S3Stores.R2SecretAccessKey), Is.True, "genuine");
        Assert.That(SigV4.IsValid(url.Replace("icon-1.png", "icon-2.png", StringComparison.Ordinal), S3Stores.R2SecretAccessKey), Is.False, "other key");
        Assert.That(SigV4.IsValid(url.Replace("X-Amz-Expires=" + expires, "X-Amz-Expires=604800", StringComparison.Ordinal), S3Stores.R2SecretAccessKey), Is.False, "longer expiry");
        Assert.That(SigV4.IsValid(url.Replace(signature, forgedSignature, StringComparison.Ordinal), S3Stores.R2SecretAccessKey), Is.False, "other signature");
        Assert.That(SigV4.IsValid(url, "another-secret"), Is.False, "other secret");
    }

    [TestCase(1)]
    [TestCase(604_800)]
    public void A_lifetime_sigv4_cannot_sign_is_refused_at_start(int seconds)
    {
        Assert.That(
            () => S3Stores.Create(TimeProvider.System, TimeSpan.FromSeconds(seconds), new S3IconStorageOptions
            {
                ServiceUrl = S3Stores.R2Endpoint,
                Bucket = "icons",
                AccessKeyId = "a",
                SecretAccessKey = "b",
            }),
            Throws.InvalidOperationException.With.Message.Contains("UrlLifetime"));
    }

    [TestCase(null, "a", "b")]
    [TestCase("icons", null, "b")]
    [TestCase("icons", "a", null)]
    public void Missing_settings_are_refused_at_start(string? bucket, string? accessKeyId, string? secretAccessKey)
    {
        Assert.That(
            () => new S3IconStorage(
                Options.Create(new IconStorageOptions
                {
                    S3 = new S3IconStorageOptions
                    {
                        ServiceUrl = S3Stores.R2Endpoint,
                        Bucket = bucket,
                        AccessKeyId = accessKeyId,
                        SecretAccessKey = secretAccessKey,
                    },
                }),
                TimeProvider.System),
            Throws.InvalidOperationException.With.Message.Contains("is not configured"));
    }
}
