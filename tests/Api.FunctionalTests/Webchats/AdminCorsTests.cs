using System.Net;
using Microsoft.Extensions.Configuration;
using Webchats.Api.FunctionalTests.Infrastructure;
using Webchats.Api.Startup;

namespace Webchats.Api.FunctionalTests.Webchats;

/// <summary>CORS for the admin app: its configured origins only, preflights without a token, ETag readable by scripts.</summary>
public sealed class AdminCorsTests : FunctionalTest
{
    private const string AdminOrigin = WebchatsApiFactory.AdminOrigin;

    [TestCase("PUT")]
    [TestCase("PATCH")]
    [TestCase("DELETE")]
    public async Task Preflight_from_the_admin_origin_allows_the_method_and_the_headers_the_app_sends(string method)
    {
        using var response = await PreflightAsync($"/api/webchats/{MissingId}", AdminOrigin, method, "authorization,content-type,if-match");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.Multiple(() =>
        {
            Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo(AdminOrigin));
            Assert.That(List(response, "Access-Control-Allow-Methods"), Does.Contain(method.ToLowerInvariant()));
            Assert.That(List(response, "Access-Control-Allow-Headers"), Is.SupersetOf(new[] { "authorization", "content-type", "if-match" }));
            Assert.That(Header(response, "Access-Control-Max-Age"), Is.EqualTo("600"));
            Assert.That(response.Headers.Contains("Access-Control-Allow-Credentials"), Is.False);
        });
    }

    [Test]
    public async Task Preflight_of_a_create_allows_an_idempotency_key()
    {
        using var response = await PreflightAsync("/api/webchats", AdminOrigin, "POST", "authorization,content-type,idempotency-key");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo(AdminOrigin));
        Assert.That(List(response, "Access-Control-Allow-Headers"), Does.Contain("idempotency-key"));
    }

    [Test]
    public async Task Preflight_of_an_icon_upload_is_allowed()
    {
        using var response = await PreflightAsync($"/api/webchats/{MissingId}/icon", AdminOrigin, "POST", "authorization");

        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo(AdminOrigin));
    }

    [TestCase("https://evil.example.com")]
    [TestCase("https://admin.webchats.test.evil.example.com")]
    [TestCase("http://admin.webchats.test")]
    [TestCase("null")]
    public async Task Preflight_from_another_origin_gets_no_grant(string origin)
    {
        using var response = await PreflightAsync($"/api/webchats/{MissingId}", origin, "PUT", "authorization,content-type,if-match");

        AssertNoCorsGrant(response);
    }

    [Test]
    public async Task Request_from_the_admin_origin_exposes_the_etag_and_location()
    {
        using var client = ClientFor();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webchats") { Content = Json("""{"name":"Widget"}""") };
        request.Headers.Add("Origin", AdminOrigin);

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.Multiple(() =>
        {
            Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo(AdminOrigin));
            Assert.That(List(response, "Access-Control-Expose-Headers"), Is.SupersetOf(new[] { "etag", "location" }));
            Assert.That(response.Headers.Vary, Does.Contain("Origin"));
        });
    }

    [Test]
    public async Task Request_from_another_origin_is_answered_but_gets_no_grant()
    {
        using var client = ClientFor();
        var id = (await CreateWebchatAsync(client)).GetProperty("_id").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/webchats/{id}");
        request.Headers.Add("Origin", "https://evil.example.com");

        using var response = await client.SendAsync(request);

        // The server cannot stop the request; the browser withholds the answer from the page.
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertNoCorsGrant(response);
    }

    [Test]
    public async Task The_admin_origin_gets_no_grant_on_the_public_endpoint_it_is_not_listed_for()
    {
        using var client = ClientFor();
        var id = (await CreateWebchatAsync(client, """{"name":"Widget","allowedDomains":["https://shop.example.com"]}""")).GetProperty("_id").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/public/webchats/{id}");
        request.Headers.Add("Origin", AdminOrigin);

        using var get = await Anonymous().SendAsync(request);
        using var preflight = await PreflightAsync($"/api/public/webchats/{id}", AdminOrigin, "GET", "authorization");

        await AssertProblemAsync(get, HttpStatusCode.Forbidden);
        AssertNoCorsGrant(get);
        AssertNoCorsGrant(preflight);
    }

    [TestCase("https://admin.example.com/", "https://admin.example.com")]
    [TestCase(" HTTPS://Admin.Example.com:443 ", "https://admin.example.com")]
    [TestCase("http://localhost:5173", "http://localhost:5173")]
    public void Configured_admin_origins_are_normalised(string configured, string expected)
    {
        Assert.That(CorsSetup.AdminOrigins(Configuration(configured)), Is.EqualTo(new[] { expected }));
    }

    [TestCase("https://*.example.com")]
    [TestCase("http://admin.example.com")]
    [TestCase("admin.example.com")]
    [TestCase("https://admin.example.com/app")]
    [TestCase("*")]
    public void A_configured_admin_origin_that_is_not_an_exact_origin_stops_the_start(string configured)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => CorsSetup.AdminOrigins(Configuration(configured)));
        Assert.That(exception!.Message, Does.StartWith("Webchats:Cors:AdminOrigins:0"));
    }

    private static IConfiguration Configuration(string origin) =>
        new ConfigurationBuilder().AddInMemoryCollection([new(CorsSetup.AdminOriginsKey + ":0", origin)]).Build();

    private static async Task<HttpResponseMessage> PreflightAsync(string path, string origin, string method, string headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return await Anonymous().SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private static string[] List(HttpResponseMessage response, string name) =>
        [.. (Header(response, name) ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(value => value.ToLowerInvariant())];

    private static void AssertNoCorsGrant(HttpResponseMessage response) =>
        Assert.That(
            response.Headers.Concat(response.Content.Headers).Select(h => h.Key)
                .Where(name => name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)),
            Is.Empty);
}
