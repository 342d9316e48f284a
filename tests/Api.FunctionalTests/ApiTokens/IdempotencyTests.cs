using System.Net;
using System.Net.Http.Headers;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.ApiTokens;

/// <summary><c>Idempotency-Key</c> on POST /api/webchats and on icon upload.</summary>
public sealed class IdempotencyTests : FunctionalTest
{
    [Test]
    public async Task A_retry_with_the_same_key_and_body_replays_the_first_response_and_creates_nothing()
    {
        using var client = ClientFor();
        using var first = await PostAsync(client, "key-1", """{"name":"Retry me"}""");
        TestEnvironment.Clock.Advance(TimeSpan.FromHours(23));
        using var retry = await PostAsync(client, "key-1", """{"name":"Retry me"}""");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.Multiple(async () =>
        {
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(await retry.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
            Assert.That(retry.Headers.Location, Is.EqualTo(first.Headers.Location));
            Assert.That(retry.Headers.ETag, Is.EqualTo(first.Headers.ETag));
            Assert.That(retry.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
            Assert.That(retry.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        });
        Assert.That(await CountAsync(client), Is.EqualTo(1));
    }

    [Test]
    public async Task The_same_key_with_a_different_body_is_422()
    {
        using var client = ClientFor();
        using var first = await PostAsync(client, "key-2", """{"name":"One"}""");
        using var other = await PostAsync(client, "key-2", """{"name":"Two"}""");

        await AssertProblemAsync(other, HttpStatusCode.UnprocessableEntity);
        Assert.That(await CountAsync(client), Is.EqualTo(1));
    }

    [Test]
    public async Task Keys_are_per_organization()
    {
        using var a = ClientFor(OrgA, UserA);
        using var b = ClientFor(OrgB, UserB);
        using var first = await PostAsync(a, "shared-key", """{"name":"A"}""");
        using var second = await PostAsync(b, "shared-key", """{"name":"B"}""");

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(second.Headers.Contains("Idempotent-Replayed"), Is.False);
    }

    [Test]
    public async Task After_24_hours_the_key_is_forgotten()
    {
        using var client = ClientFor();
        using var first = await PostAsync(client, "key-3", """{"name":"Daily"}""");
        TestEnvironment.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        using var later = await PostAsync(client, "key-3", """{"name":"Daily"}""");

        Assert.That(later.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(later.Headers.Location, Is.Not.EqualTo(first.Headers.Location));
        Assert.That(await CountAsync(client), Is.EqualTo(2));
    }

    [Test]
    public async Task Concurrent_requests_with_one_key_create_exactly_one_webchat()
    {
        using var client = ClientFor();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(client, "race", """{"name":"Race"}""")));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.That(created, Is.Not.Empty);
        Assert.That(created.Select(r => r.Headers.Location).Distinct().Count(), Is.EqualTo(1), "every success names the same webchat");
        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Created).Or.EqualTo(HttpStatusCode.Conflict));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.That(conflict.Headers.RetryAfter, Is.Not.Null);
        }

        Assert.That(await CountAsync(client), Is.EqualTo(1));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task A_failed_request_does_not_hold_its_key()
    {
        using var client = ClientFor();
        using var invalid = await PostAsync(client, "key-4", """{"name":""}""");
        using var fixedRetry = await PostAsync(client, "key-4", """{"name":""}""");

        await AssertValidationErrorsAsync(invalid, "name");
        await AssertValidationErrorsAsync(fixedRetry, "name");
    }

    [TestCase("has space")]
    [TestCase("LONG")]
    [TestCase("é")]
    public async Task A_malformed_key_is_400(string key)
    {
        using var client = ClientFor();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webchats") { Content = Json("""{"name":"x"}""") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key == "LONG" ? new string('k', 256) : key);
        using var response = await client.SendAsync(request);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(await CountAsync(client), Is.Zero);
    }

    [Test]
    public async Task Icon_upload_retries_replay_the_first_response()
    {
        using var client = ClientFor();
        var id = (await CreateWebchatAsync(client)).GetProperty("_id").GetString();
        var image = Webchats.IconUploadTests.Png;

        async Task<HttpResponseMessage> UploadAsync()
        {
            var file = new ByteArrayContent(image);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            using var form = new MultipartFormDataContent("fixed-boundary") { { file, "file", "icon.png" } };
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webchats/{id}/icon") { Content = form };
            request.Headers.Add("Idempotency-Key", "icon-1");
            return await client.SendAsync(request);
        }

        using var first = await UploadAsync();
        using var retry = await UploadAsync();

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
        Assert.That(retry.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
        Assert.That(await retry.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string key, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webchats") { Content = Json(json) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private static async Task<int> CountAsync(HttpClient client)
    {
        using var list = await client.GetAsync("/api/webchats");
        return (await ReadJsonAsync(list)).GetProperty("data").GetArrayLength();
    }
}
