using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.Webchats;

/// <summary>GET /api/public/webchats/{id}: what a widget on a customer's page reads, without a token.</summary>
public sealed class PublicWebchatTests : FunctionalTest
{
    private static readonly string[] PublicFields =
    [
        "_id", "name", "starterMessage",
        "backgroundColor", "primaryColor", "secondaryColor", "headerTextColor", "statusTextColor", "timestampColor",
        "csatBackgroundColor", "csatTextColor",
        "icon", "statusText", "csatThankYouMessage", "isAutopilot", "position", "offsetX", "offsetY", "zIndex",
    ];

    private const string Restricted = """
        {"name":"Shop widget","allowedDomains":["https://shop.example.com","https://*.example.org","http://localhost:3000"]}
        """;

    [Test]
    public async Task Returns_exactly_the_public_fields_with_the_stored_values()
    {
        await SeedReferenceDataAsync();
        using var admin = ClientFor();
        var stored = await CreateWebchatAsync(admin, $$"""
            {"name":" Help ","description":"internal note","starterMessage":"Hi there","primaryColor":"#0a0","csatTextColor":"#11223344",
             "statusText":"Online","csatThankYouMessage":"Thanks!","promptId":"{{PromptA}}","isAutopilot":true,
             "pipelineId":"{{PipelineA}}","pipelineStage":"new","initialStage":"qualified",
             "position":"bottom-left","offsetX":10,"offsetY":20,"zIndex":5,"allowedDomains":[]}
            """);

        using var response = await Anonymous().GetAsync($"/api/public/webchats/{stored.GetProperty("_id").GetString()}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await ReadJsonAsync(response);
        Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "data" }));
        var data = body.GetProperty("data");
        Assert.Multiple(() =>
        {
            Assert.That(data.EnumerateObject().Select(p => p.Name), Is.EqualTo(PublicFields));
            foreach (var field in PublicFields)
            {
                Assert.That(data.GetProperty(field).ToString(), Is.EqualTo(stored.GetProperty(field).ToString()), field);
            }

            Assert.That(data.GetProperty("name").GetString(), Is.EqualTo("Help"));
            Assert.That(data.GetProperty("primaryColor").GetString(), Is.EqualTo("#00AA00"));
            Assert.That(data.GetProperty("position").GetString(), Is.EqualTo("bottom-left"));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        });
    }

    [Test]
    public async Task Never_shows_organization_user_prompt_pipeline_domains_or_audit_fields()
    {
        await SeedReferenceDataAsync();
        using var admin = ClientFor();
        var stored = await CreateWebchatAsync(admin, $$"""
            {"name":"Widget","description":"secret plans","promptId":"{{PromptA}}","pipelineId":"{{PipelineA}}","initialStage":"new"}
            """);

        using var response = await Anonymous().GetAsync($"/api/public/webchats/{stored.GetProperty("_id").GetString()}");

        var text = await response.Content.ReadAsStringAsync();
        var data = JsonDocument.Parse(text).RootElement.GetProperty("data");
        string[] privateFields =
        [
            "organizationId", "userId", "createdBy", "updatedBy", "createdAt", "updatedAt", "description", "promptId",
            "allowedDomains", "pipelineId", "pipelineStage", "initialStage", "isEnabled", "deletedAt",
        ];
        Assert.Multiple(() =>
        {
            foreach (var field in privateFields)
            {
                Assert.That(data.TryGetProperty(field, out _), Is.False, field);
            }

            // Nor do their values leak under another name.
            Assert.That(text, Does.Not.Contain(OrgA).And.Not.Contain(UserA).And.Not.Contain(PromptA).And.Not.Contain(PipelineA));
            Assert.That(text, Does.Not.Contain("secret plans"));
        });
    }

    [Test]
    public async Task Icon_is_the_same_signed_url_the_admin_api_shows()
    {
        using var admin = ClientFor();
        var id = (await CreateWebchatAsync(admin)).GetProperty("_id").GetString();
        var file = new ByteArrayContent(IconUploadTests.Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var form = new MultipartFormDataContent { { file, "file", "icon.png" } };
        using var upload = await admin.PostAsync($"/api/webchats/{id}/icon", form);
        var adminIcon = (await ReadJsonAsync(upload)).GetProperty("data").GetProperty("icon").GetString();

        using var response = await Anonymous().GetAsync($"/api/public/webchats/{id}");

        var icon = (await ReadJsonAsync(response)).GetProperty("data").GetProperty("icon").GetString();
        Assert.That(icon, Is.EqualTo(adminIcon));
        Assert.That(icon, Does.StartWith(WebchatsApiFactory.PublicBaseUrl + "/icons/").And.Contains("sig="));
    }

    [Test]
    public async Task Works_without_a_token_and_ignores_a_bad_one()
    {
        var id = await CreateAsync("""{"name":"Widget"}""");

        using var withGarbage = await ClientWithToken("not-a-token").GetAsync($"/api/public/webchats/{id}");

        Assert.That(withGarbage.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("abc")]
    [TestCase("67D3A0B0C0D0E0F0A0B0C0D0")]
    [TestCase("67d3a0b0c0d0e0f0a0b0c0d0a")]
    public async Task Malformed_id_is_400_keyed_id(string id)
    {
        using var response = await Anonymous().GetAsync($"/api/public/webchats/{id}");

        await AssertValidationErrorsAsync(response, "id");
    }

    [Test]
    public async Task Missing_webchat_is_404()
    {
        using var response = await Anonymous().GetAsync($"/api/public/webchats/{MissingId}");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Deleted_webchat_is_404_even_for_an_allowed_origin()
    {
        var id = await CreateAsync(Restricted);
        using (var delete = await ClientFor().DeleteAsync($"/api/webchats/{id}"))
        {
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        using var response = await GetPublicAsync(id, "https://shop.example.com");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
        AssertNoCorsGrant(response);
    }

    [Test]
    public async Task Disabled_webchat_is_404_and_comes_back_when_enabled()
    {
        var id = await CreateAsync("""{"name":"Widget","isEnabled":false}""");

        using var disabled = await GetPublicAsync(id, "https://shop.example.com");
        await AssertProblemAsync(disabled, HttpStatusCode.NotFound);

        using (var enable = await ClientFor().PutAsync($"/api/webchats/{id}", Json("""{"isEnabled":true}""")))
        {
            Assert.That(enable.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var enabled = await GetPublicAsync(id, "https://shop.example.com");
        Assert.That(enabled.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Webchat_of_any_organization_is_found_by_id()
    {
        var id = (await CreateWebchatAsync(ClientFor(OrgB, UserB))).GetProperty("_id").GetString();

        using var response = await Anonymous().GetAsync($"/api/public/webchats/{id}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("https://shop.example.com", TestName = "Exact origin is allowed")]
    [TestCase("https://help.example.org", TestName = "Subdomain under a wildcard is allowed")]
    [TestCase("https://a.b.example.org", TestName = "Deeper subdomain under a wildcard is allowed")]
    [TestCase("http://localhost:3000", TestName = "Local http origin with its port is allowed")]
    public async Task Allowed_origin_gets_the_document_and_a_grant_for_exactly_that_origin(string origin)
    {
        var id = await CreateAsync(Restricted);

        using var response = await GetPublicAsync(id, origin);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { origin }));
            Assert.That(response.Headers.Vary, Does.Contain("Origin"));
            Assert.That(response.Headers.Contains("Access-Control-Allow-Credentials"), Is.False);
        });
    }

    [TestCase("https://example.org", TestName = "Wildcard does not match the apex domain")]
    [TestCase("http://shop.example.com", TestName = "Other scheme is refused")]
    [TestCase("https://shop.example.com:8443", TestName = "Other port is refused")]
    [TestCase("http://localhost:3001", TestName = "Other local port is refused")]
    [TestCase("https://evil.example.net", TestName = "Unlisted origin is refused")]
    [TestCase("https://shop.example.com.evil.net", TestName = "Allowed host as a prefix of another is refused")]
    [TestCase("https://evilexample.org", TestName = "Wildcard suffix without the dot is refused")]
    [TestCase("null", TestName = "Opaque null origin is refused")]
    public async Task Other_origin_is_403_without_any_cors_header(string origin)
    {
        var id = await CreateAsync(Restricted);

        using var response = await GetPublicAsync(id, origin);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        AssertNoCorsGrant(response);
        Assert.That(response.Headers.Vary, Does.Contain("Origin"));
    }

    [Test]
    public async Task Request_without_an_origin_gets_the_document_but_no_cors_grant()
    {
        var id = await CreateAsync(Restricted);

        using var response = await GetPublicAsync(id, origin: null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertNoCorsGrant(response);
        Assert.That(response.Headers.Vary, Does.Contain("Origin"));
    }

    [TestCase("https://anything.example.net")]
    [TestCase("http://localhost:8080")]
    [TestCase("null")]
    [TestCase(null)]
    public async Task Empty_allowed_domains_lets_every_page_read_it_with_a_wildcard_grant(string? origin)
    {
        var id = await CreateAsync("""{"name":"Anywhere","allowedDomains":[]}""");

        using var response = await GetPublicAsync(id, origin);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "*" }));
        Assert.That(response.Headers.Vary, Does.Contain("Origin"));
    }

    [Test]
    public async Task Answers_may_be_cached_for_a_minute_with_an_etag()
    {
        var id = await CreateAsync(Restricted);

        using var response = await GetPublicAsync(id, "https://shop.example.com");

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.CacheControl?.Public, Is.True);
            Assert.That(response.Headers.CacheControl?.MaxAge, Is.EqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(response.Headers.CacheControl?.ToString(), Is.EqualTo("public, max-age=60"));
            Assert.That(response.Headers.ETag, Is.Not.Null);
            Assert.That(response.Headers.ETag!.IsWeak, Is.False);
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        });
    }

    [Test]
    public async Task If_None_Match_with_the_current_etag_is_304_with_the_same_headers_and_no_body()
    {
        var id = await CreateAsync(Restricted);
        using var first = await GetPublicAsync(id, "https://shop.example.com");

        using var response = await GetPublicAsync(id, "https://shop.example.com", first.Headers.ETag);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.Multiple(async () =>
        {
            Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
            Assert.That(response.Headers.ETag, Is.EqualTo(first.Headers.ETag));
            Assert.That(response.Headers.CacheControl?.ToString(), Is.EqualTo("public, max-age=60"));
            Assert.That(response.Headers.Vary, Does.Contain("Origin"));
            Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "https://shop.example.com" }));
        });
    }

    [Test]
    public async Task If_None_Match_does_not_bypass_the_origin_check()
    {
        var id = await CreateAsync(Restricted);
        using var first = await GetPublicAsync(id, "https://shop.example.com");

        using var response = await GetPublicAsync(id, "https://evil.example.net", first.Headers.ETag);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Etag_follows_the_public_representation_only()
    {
        var id = await CreateAsync(Restricted);
        using var admin = ClientFor();
        using var original = await GetPublicAsync(id, "https://shop.example.com");

        // A private field changes the stored version but not what a widget sees.
        using (var privateChange = await admin.PutAsync($"/api/webchats/{id}", Json("""{"description":"only for admins"}""")))
        {
            Assert.That(privateChange.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var afterPrivate = await GetPublicAsync(id, "https://shop.example.com", original.Headers.ETag);
        Assert.That(afterPrivate.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));

        using (var publicChange = await admin.PutAsync($"/api/webchats/{id}", Json("""{"primaryColor":"#123456"}""")))
        {
            Assert.That(publicChange.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var afterPublic = await GetPublicAsync(id, "https://shop.example.com", original.Headers.ETag);
        Assert.That(afterPublic.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(afterPublic.Headers.ETag, Is.Not.EqualTo(original.Headers.ETag));
        Assert.That((await ReadJsonAsync(afterPublic)).GetProperty("data").GetProperty("primaryColor").GetString(), Is.EqualTo("#123456"));
    }

    [Test]
    public async Task Removing_the_origin_from_allowed_domains_takes_effect_on_the_next_request()
    {
        var id = await CreateAsync(Restricted);
        using var before = await GetPublicAsync(id, "https://shop.example.com");
        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using (var update = await ClientFor().PutAsync($"/api/webchats/{id}", Json("""{"allowedDomains":["https://other.example.com"]}""")))
        {
            Assert.That(update.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var after = await GetPublicAsync(id, "https://shop.example.com");
        await AssertProblemAsync(after, HttpStatusCode.Forbidden);
    }

    private static async Task<string> CreateAsync(string json)
    {
        using var admin = ClientFor();
        return (await CreateWebchatAsync(admin, json)).GetProperty("_id").GetString()!;
    }

    private static Task<HttpResponseMessage> GetPublicAsync(string id, string? origin, EntityTagHeaderValue? ifNoneMatch = null) =>
        PublicConfigurationRequests.GetAsync(Anonymous(), id, origin, ifNoneMatch?.ToString());

    private static void AssertNoCorsGrant(HttpResponseMessage response) =>
        Assert.That(
            response.Headers.Concat(response.Content.Headers).Select(h => h.Key)
                .Where(name => name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)),
            Is.Empty);
}
