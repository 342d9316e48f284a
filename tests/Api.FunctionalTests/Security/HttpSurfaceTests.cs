using System.Net;
using Webchats.Api.FunctionalTests.Infrastructure;
using Webchats.Api.FunctionalTests.Reliability;
using Webchats.Api.FunctionalTests.Webchats;

namespace Webchats.Api.FunctionalTests.Security;

/// <summary>Issue 18, findings 3, 8, 11, 14 and 15 (part): what the HTTP surface answers, whoever asks.</summary>
public sealed class HttpSurfaceTests : FunctionalTest
{
    private const string PageOrigin = "https://shop.example";

    [Test]
    public async Task Location_never_comes_from_the_Host_or_a_forwarded_host_not_even_on_an_idempotent_replay()
    {
        using var client = ClientFor();
        using var first = Post("evil.example");
        first.Headers.Add("X-Forwarded-Host", "evil-forwarded.example");
        using var created = await client.SendAsync(first);
        using var replay = Post("evil-replay.example");
        using var replayed = await client.SendAsync(replay);

        var id = (await ReadJsonAsync(created)).GetProperty("data").GetProperty("_id").GetString();
        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(created.Headers.Location?.OriginalString, Is.EqualTo($"/api/webchats/{id}"));
            Assert.That(replayed.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
            Assert.That(replayed.Headers.Location?.OriginalString, Is.EqualTo($"/api/webchats/{id}"));
        });

        static HttpRequestMessage Post(string host)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/webchats") { Content = Json("""{"name":"Host check"}""") };
            request.Headers.Host = host;
            request.Headers.Add("Idempotency-Key", "host-check");
            return request;
        }
    }

    [Test]
    public async Task Production_serves_only_the_host_of_the_public_base_url_unless_AllowedHosts_says_otherwise()
    {
        await using var production = new WebchatsApiFactory(
            TestEnvironment.Postgres.ConnectionString, TestEnvironment.DataDirectory, TestEnvironment.Clock, TestEnvironment.Logs,
            new Dictionary<string, string> { ["environment"] = "Production" });
        using var client = production.CreateClient();

        using var ours = new HttpRequestMessage(HttpMethod.Get, "/health/live") { Headers = { Host = new Uri(WebchatsApiFactory.PublicBaseUrl).Host } };
        using var evil = new HttpRequestMessage(HttpMethod.Get, "/health/live") { Headers = { Host = "evil.example" } };
        using var served = await client.SendAsync(ours);
        using var refused = await client.SendAsync(evil);

        Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Every_authenticated_read_and_write_is_no_store()
    {
        using var admin = ClientFor(scopes: "webchats:read webchats:write tokens:manage");
        var id = (await CreateWebchatAsync(admin)).GetProperty("_id").GetString();
        using var created = await admin.PostAsync("/api/webchats", Json("""{"name":"second"}"""));
        using var one = await admin.GetAsync($"/api/webchats/{id}");
        using var list = await admin.GetAsync("/api/webchats");
        using var history = await admin.GetAsync($"/api/webchats/{id}/history");
        using var tokens = await admin.GetAsync("/api/tokens");
        using var missing = await admin.GetAsync($"/api/webchats/{MissingId}");

        Assert.Multiple(() =>
        {
            foreach (var response in new[] { created, one, list, history, tokens, missing })
            {
                Assert.That(response.Headers.CacheControl?.NoStore, Is.True, response.RequestMessage!.RequestUri!.ToString());
            }
        });
    }

    [Test]
    public async Task The_public_configuration_keeps_its_own_caching()
    {
        var id = await PublishAsync();
        using var anonymous = Anonymous();
        using var response = await anonymous.GetAsync($"/api/public/webchats/{id}");

        Assert.That(response.Headers.CacheControl?.ToString(), Is.EqualTo("public, max-age=60"));
    }

    [Test]
    public async Task HEAD_on_the_public_configuration_is_GET_without_a_body()
    {
        var id = await PublishAsync();
        using var anonymous = Anonymous();
        using var get = await anonymous.GetAsync($"/api/public/webchats/{id}");
        using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/public/webchats/{id}"));

        Assert.Multiple(async () =>
        {
            Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(head.Headers.ETag, Is.EqualTo(get.Headers.ETag));
            Assert.That(head.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
        });
    }

    [Test]
    public async Task A_preflight_from_an_allowed_origin_is_granted_and_from_another_is_not()
    {
        var id = await PublishAsync($$"""{"name":"Embedded","allowedDomains":["{{PageOrigin}}"]}""");
        using var anonymous = Anonymous();
        using var allowed = await anonymous.SendAsync(Preflight(id, PageOrigin));
        using var other = await anonymous.SendAsync(Preflight(id, "https://elsewhere.example"));
        using var plain = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Options, $"/api/public/webchats/{id}"));

        Assert.Multiple(() =>
        {
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(allowed.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { PageOrigin }));
            Assert.That(string.Join(",", allowed.Headers.GetValues("Access-Control-Allow-Methods")), Does.Contain("GET"));
            Assert.That(other.StatusCode, Is.Not.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(other.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
            Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(plain.Content.Headers.Allow, Is.EquivalentTo(new[] { "GET", "HEAD", "OPTIONS" }));
        });

        static HttpRequestMessage Preflight(string id, string origin) => new(HttpMethod.Options, $"/api/public/webchats/{id}")
        {
            Headers = { { "Origin", origin }, { "Access-Control-Request-Method", "GET" }, { "Access-Control-Request-Headers", "if-none-match" } },
        };
    }

    [Test]
    public async Task HEAD_and_OPTIONS_on_an_icon_file_answer_without_a_token()
    {
        using var owner = ClientFor();
        var id = (await CreateWebchatAsync(owner)).GetProperty("_id").GetString();
        using var upload = await owner.PostAsync($"/api/webchats/{id}/icon", SharedWorld.IconContent(IconUploadTests.Png));
        var iconUrl = new Uri((await ReadJsonAsync(upload)).GetProperty("data").GetProperty("icon").GetString()!).PathAndQuery;
        using var anonymous = Anonymous();

        using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, iconUrl));
        using var options = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Options, iconUrl));

        Assert.Multiple(async () =>
        {
            Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(head.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
            Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
            Assert.That(options.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        });
    }

    [Test]
    public async Task Favicon_is_a_plain_404_not_a_401()
    {
        using var anonymous = Anonymous();
        using var response = await anonymous.GetAsync("/favicon.ico");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That(response.Headers.WwwAuthenticate, Is.Empty);
    }

    [Test]
    public async Task Not_found_names_what_was_not_found()
    {
        using var client = ClientFor(scopes: "webchats:read webchats:write tokens:manage");
        using var webchat = await client.GetAsync($"/api/webchats/{MissingId}");
        using var token = await client.DeleteAsync($"/api/tokens/{MissingId}");

        Assert.That((await AssertProblemAsync(webchat, HttpStatusCode.NotFound)).GetProperty("detail").GetString(), Is.EqualTo("The webchat does not exist."));
        Assert.That((await AssertProblemAsync(token, HttpStatusCode.NotFound)).GetProperty("detail").GetString(), Is.EqualTo("The API token does not exist."));
    }

    [Test]
    public async Task Every_kind_of_problem_has_exactly_one_content_type()
    {
        using var client = ClientFor();
        var id = (await CreateWebchatAsync(client)).GetProperty("_id").GetString();
        using var anonymous = Anonymous();
        var responses = new[]
        {
            await client.PutAsync($"/api/webchats/{id}", Json("""{"offsetX":"far"}""")), // MVC validation
            await client.PutAsync($"/api/webchats/{id}", Json("""{"isEnable":true}""")), // unknown property
            await client.GetAsync("/api/webchats/not-an-id"), // route id
            await client.GetAsync($"/api/webchats/{MissingId}"), // exception handler
            await client.PutAsync($"/api/webchats/{id}", Json("{}", "text/plain")), // 415
            await client.GetAsync("/api/nothing-here"), // status code pages
            await anonymous.GetAsync("/api/webchats"), // 401 challenge
            await ClientFor(scopes: "webchats:read").PostAsync("/api/webchats", Json("""{"name":"x"}""")), // 403
            await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/webchats/{id}") { Content = Json("{}"), Headers = { { "If-Match", "\"00000000\"" } } }), // 412
        };

        Assert.Multiple(() =>
        {
            foreach (var response in responses)
            {
                Assert.That((int)response.StatusCode, Is.InRange(400, 499), response.RequestMessage!.RequestUri!.ToString());
                Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/problem+json"), $"{(int)response.StatusCode} {response.RequestMessage.RequestUri}");
            }
        });
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    private static async Task<string> PublishAsync(string body = """{"name":"Public"}""")
    {
        using var owner = ClientFor();
        return (await CreateWebchatAsync(owner, body)).GetProperty("_id").GetString()!;
    }
}
