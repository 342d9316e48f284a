using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Webchats.Api.FunctionalTests.Infrastructure;
using Webchats.Application.Common.Interfaces;
using Webchats.Tests.Shared;

namespace Webchats.Api.FunctionalTests.Webchats;

/// <summary>POST/DELETE /api/webchats/{id}/icon and the local store's signed URLs, over HTTP.</summary>
public sealed class IconUploadTests : FunctionalTest
{
    public static readonly byte[] Png = IconSamples.Png();
    private static readonly byte[] Jpeg = IconSamples.Jpeg();
    private static readonly byte[] Gif = IconSamples.Gif();
    private static readonly byte[] WebP = IconSamples.WebP();
    private static readonly byte[] Ico = IconSamples.Ico();

    private HttpClient _client = null!;
    private string _id = null!;

    [SetUp]
    public async Task CreateWebchatAsync()
    {
        _client = ClientFor();
        _id = (await CreateWebchatAsync(_client)).GetProperty("_id").GetString()!;
    }

    [TearDown]
    public void DisposeClient() => _client.Dispose();

    public static IEnumerable<TestCaseData> AcceptedImages()
    {
        yield return new TestCaseData(Png, "image/png", "png").SetName("PNG is accepted");
        yield return new TestCaseData(Jpeg, "image/jpeg", "jpg").SetName("JPEG is accepted");
        yield return new TestCaseData(Gif, "image/gif", "gif").SetName("GIF is accepted");
        yield return new TestCaseData(WebP, "image/webp", "webp").SetName("WebP is accepted");
        yield return new TestCaseData(Ico, "image/x-icon", "ico").SetName("ICO is accepted");
    }

    [TestCaseSource(nameof(AcceptedImages))]
    public async Task Upload_then_get_through_the_signed_url_returns_the_same_bytes_and_safe_headers(byte[] image, string contentType, string extension)
    {
        using var upload = await UploadAsync(image, fileName: "whatever.bin", declaredType: "application/octet-stream");

        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.OK), await upload.Content.ReadAsStringAsync());
        var body = await ReadJsonAsync(upload);
        var url = body.GetProperty("data").GetProperty("icon").GetString()!;
        Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("Webchat icon updated"));
        Assert.That(upload.Headers.ETag, Is.Not.Null);
        Assert.That(url, Does.Match($@"^http://webchats\.test/icons/orgs/{OrgA}/webchats/{_id}/icon-[0-9a-f]{{16}}\.{extension}\?expires=\d+&sig=[A-Za-z0-9_-]+$"));

        using var file = await Anonymous().GetAsync(PathAndQuery(url));
        Assert.Multiple(async () =>
        {
            Assert.That(file.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await file.Content.ReadAsByteArrayAsync(), Is.EqualTo(image));
            Assert.That(file.Content.Headers.ContentType?.MediaType, Is.EqualTo(contentType));
            Assert.That(file.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(file.Headers.CacheControl?.Public, Is.True);
            Assert.That(file.Headers.CacheControl?.MaxAge, Is.GreaterThan(TimeSpan.FromMinutes(30)).And.LessThanOrEqualTo(TimeSpan.FromHours(1)));
        });
    }

    [Test]
    public async Task Tampered_foreign_or_expired_urls_are_403()
    {
        using var upload = await UploadAsync(Png);
        var url = PathAndQuery((await ReadJsonAsync(upload)).GetProperty("data").GetProperty("icon").GetString()!);
        using var anonymous = Anonymous();

        var tamperedSignature = url[..^2] + (url.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA");
        var tamperedExpiry = System.Text.RegularExpressions.Regex.Replace(url, @"expires=(\d+)", m => $"expires={long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 3600}");
        var otherKey = url.Replace($"orgs/{OrgA}/", $"orgs/{OrgB}/", StringComparison.Ordinal);
        foreach (var candidate in new[] { tamperedSignature, tamperedExpiry, otherKey, url.Split('?')[0] })
        {
            using var response = await anonymous.GetAsync(candidate);
            await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        }

        TestEnvironment.Clock.Advance(TimeSpan.FromHours(2));
        using var expired = await anonymous.GetAsync(url);
        await AssertProblemAsync(expired, HttpStatusCode.Forbidden);
    }

    public static IEnumerable<TestCaseData> RefusedFiles()
    {
        yield return new TestCaseData(Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), "icon.png").SetName("SVG is refused even named .png");
        yield return new TestCaseData(Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>hi</body></html>"), "icon.png").SetName("HTML is refused");
        yield return new TestCaseData((byte[])[.. Gif, .. "<script>alert(1)</script>"u8], "icon.gif").SetName("GIF with script markup (polyglot) is refused");
        yield return new TestCaseData((byte[])[.. Png, .. "<html><body>x</body></html>"u8], "icon.png").SetName("PNG with HTML markup (polyglot) is refused");
        yield return new TestCaseData(Encoding.UTF8.GetBytes("just text"), "icon.png").SetName("Plain text is refused");
        yield return new TestCaseData((byte[])[0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x34], "icon.pdf").SetName("PDF is refused");
        yield return new TestCaseData((byte[])[0x89, 0x50, 0x4E, 0x47], "icon.png").SetName("Truncated PNG header is refused");
        yield return new TestCaseData(Array.Empty<byte>(), "icon.png").SetName("Empty file is refused");
    }

    [TestCaseSource(nameof(RefusedFiles))]
    public async Task Unrecognised_files_are_400_keyed_file_and_change_nothing(byte[] content, string fileName)
    {
        using var response = await UploadAsync(content, fileName, "image/png");
        await AssertValidationErrorsAsync(response, "file");
        using var read = await _client.GetAsync($"/api/webchats/{_id}");
        Assert.That((await ReadJsonAsync(read)).GetProperty("data").GetProperty("icon").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task An_image_of_15000_by_15000_pixels_is_400_saying_its_size_and_changes_nothing()
    {
        using var response = await UploadAsync(IconSamples.Png(15000, 15000));

        var errors = await AssertValidationErrorsAsync(response, "file");
        Assert.That(errors.GetProperty("file")[0].GetString(), Is.EqualTo("is a PNG image of 15000×15000 pixels; each side must be 1 to 2048 pixels"));
        using var read = await _client.GetAsync($"/api/webchats/{_id}");
        Assert.That((await ReadJsonAsync(read)).GetProperty("data").GetProperty("icon").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task A_file_over_1_MiB_is_413()
    {
        var big = new byte[(1024 * 1024) + 1];
        Png.CopyTo(big, 0);
        using var response = await UploadAsync(big);
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task Missing_file_field_is_400_and_a_json_body_is_415()
    {
        using var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        using var missing = await _client.PostAsync($"/api/webchats/{_id}/icon", form);
        await AssertValidationErrorsAsync(missing, "file");

        using var json = await _client.PostAsync($"/api/webchats/{_id}/icon", Json("{}"));
        await AssertProblemAsync(json, HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task Upload_to_a_webchat_of_another_organization_is_404_and_stores_nothing()
    {
        using var stranger = ClientFor(OrgB, UserB);
        using var content = Multipart(Png, "icon.png", "image/png");
        using var response = await stranger.PostAsync($"/api/webchats/{_id}/icon", content);
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That(Directory.Exists(Path.Combine(TestEnvironment.DataDirectory, "icons", "orgs", OrgA, "webchats", _id)), Is.False);
    }

    [Test]
    public async Task Replacing_an_icon_deletes_the_old_object_only_after_the_new_one_is_stored()
    {
        using var first = await UploadAsync(Png);
        var firstKey = KeyOf((await ReadJsonAsync(first)).GetProperty("data").GetProperty("icon").GetString()!);
        using var second = await UploadAsync(Gif);
        var secondKey = KeyOf((await ReadJsonAsync(second)).GetProperty("data").GetProperty("icon").GetString()!);

        var storage = TestEnvironment.Factory.Services.GetRequiredService<IIconStorage>();
        Assert.That(await storage.ExistsAsync(secondKey, CancellationToken.None), Is.True);
        Assert.That(await storage.ExistsAsync(firstKey, CancellationToken.None), Is.False);
    }

    [Test]
    public async Task Delete_icon_removes_it_like_put_null_and_deletes_the_object()
    {
        using var upload = await UploadAsync(Png);
        var key = KeyOf((await ReadJsonAsync(upload)).GetProperty("data").GetProperty("icon").GetString()!);

        using var response = await _client.DeleteAsync($"/api/webchats/{_id}/icon");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await ReadJsonAsync(response);
        Assert.That(body.GetProperty("data").GetProperty("icon").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var storage = TestEnvironment.Factory.Services.GetRequiredService<IIconStorage>();
        Assert.That(await storage.ExistsAsync(key, CancellationToken.None), Is.False);
    }

    [Test]
    public async Task Uploading_the_same_file_again_is_a_no_op()
    {
        using var first = await UploadAsync(Png);
        using var again = await UploadAsync(Png);
        Assert.That(again.Headers.ETag, Is.EqualTo(first.Headers.ETag));
    }

    [Test]
    public async Task Deleting_the_webchat_stops_serving_its_icon_at_once_and_removes_the_object()
    {
        using var upload = await UploadAsync(Png);
        var url = (await ReadJsonAsync(upload)).GetProperty("data").GetProperty("icon").GetString()!;
        using var anonymous = Anonymous();
        using (var before = await anonymous.GetAsync(PathAndQuery(url)))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var delete = await _client.DeleteAsync($"/api/webchats/{_id}");

        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var after = await anonymous.GetAsync(PathAndQuery(url));
        await AssertProblemAsync(after, HttpStatusCode.NotFound);
        var storage = TestEnvironment.Factory.Services.GetRequiredService<IIconStorage>();
        Assert.That(await storage.ExistsAsync(KeyOf(url), CancellationToken.None), Is.False);
        var (storedKey, recorded) = await TestEnvironment.QueryDbAsync(async db => (
            await db.Webchats.Where(w => w.Id == _id).Select(w => w.Settings.IconKey).SingleAsync(),
            (await db.WebchatRevisions.Where(r => r.WebchatId == _id).OrderByDescending(r => r.Version).FirstAsync()).Changes.Select(c => c.Field).ToList()));
        Assert.That(storedKey, Is.Null, "the deleted row keeps no icon");
        Assert.That(recorded, Is.EqualTo(new[] { "deletedAt", "icon" }), "the deletion's revision records the icon it let go");
    }

    [Test]
    public async Task Deleting_a_webchat_keeps_the_icon_object_another_live_webchat_uses()
    {
        using var upload = await UploadAsync(Png);
        var url = (await ReadJsonAsync(upload)).GetProperty("data").GetProperty("icon").GetString()!;
        var other = (await CreateWebchatAsync(_client, $$"""{"name":"Sharer","icon":"{{KeyOf(url)}}"}""")).GetProperty("_id").GetString()!;

        using var delete = await _client.DeleteAsync($"/api/webchats/{_id}");

        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var read = await _client.GetAsync($"/api/webchats/{other}");
        var shared = (await ReadJsonAsync(read)).GetProperty("data").GetProperty("icon").GetString()!;
        using var file = await Anonymous().GetAsync(PathAndQuery(shared));
        Assert.That(file.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the other webchat still shows it");
    }

    [Test]
    public async Task A_failed_removal_of_the_icon_object_does_not_lose_the_delete()
    {
        using var upload = await UploadAsync(Png);
        var key = KeyOf((await ReadJsonAsync(upload)).GetProperty("data").GetProperty("icon").GetString()!);
        await using var failingStore = TestEnvironment.Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IIconStorage>(new UndeletableIconStorage(TestEnvironment.Factory.Services.GetRequiredService<IIconStorage>()))));
        using var client = failingStore.CreateClient();
        client.DefaultRequestHeaders.Authorization = _client.DefaultRequestHeaders.Authorization;
        TestEnvironment.Logs.Clear();

        using var delete = await client.DeleteAsync($"/api/webchats/{_id}");

        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var read = await _client.GetAsync($"/api/webchats/{_id}");
        await AssertProblemAsync(read, HttpStatusCode.NotFound);
        Assert.That(TestEnvironment.Logs.Lines, Has.Some.Contains(key).And.Contains("orphaned"));
    }

    private async Task<HttpResponseMessage> UploadAsync(byte[] content, string fileName = "icon.png", string declaredType = "image/png")
    {
        using var form = Multipart(content, fileName, declaredType);
        return await _client.PostAsync($"/api/webchats/{_id}/icon", form);
    }

    internal static MultipartFormDataContent Multipart(byte[] content, string fileName = "icon.png", string declaredType = "image/png")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    internal static string PathAndQuery(string url) => new Uri(url).PathAndQuery;

    private static string KeyOf(string url) => Uri.UnescapeDataString(new Uri(url).AbsolutePath["/icons/".Length..]);

    /// <summary>A store whose deletes fail (an object store that is down), over the real one.</summary>
    private sealed class UndeletableIconStorage(IIconStorage inner) : IIconStorage
    {
        public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

        public Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken) =>
            inner.PutAsync(key, content, contentType, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => throw new IOException("The object store is unavailable.");

        public string GetSignedUrl(string key) => inner.GetSignedUrl(key);

        public bool TryGetKey(string url, out string key) => inner.TryGetKey(url, out key);
    }
}
