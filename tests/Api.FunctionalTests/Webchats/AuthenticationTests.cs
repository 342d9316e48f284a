using System.Net;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.Webchats;

public sealed class AuthenticationTests : FunctionalTest
{
    public static IEnumerable<TestCaseData> InvalidTokens()
    {
        yield return new TestCaseData((string?)null).SetName("Missing token is 401");
        yield return new TestCaseData("not-a-jwt").SetName("Malformed token is 401");
        yield return new TestCaseData(TestTokens.SignedWithOtherKey(OrgA, UserA)).SetName("Badly signed token is 401");
        yield return new TestCaseData(TestTokens.Expired(OrgA, UserA)).SetName("Expired token is 401");
        yield return new TestCaseData(TestTokens.NotYetValid(OrgA, UserA)).SetName("Not yet valid token is 401");
        yield return new TestCaseData(TestTokens.WithClaims(new Dictionary<string, object> { ["org"] = OrgA, ["scope"] = TestTokens.ReadWrite }))
            .SetName("Token without sub is 401");
        yield return new TestCaseData(TestTokens.WithClaims(new Dictionary<string, object> { ["sub"] = UserA, ["scope"] = TestTokens.ReadWrite }))
            .SetName("Token without org is 401");
        yield return new TestCaseData(TestTokens.WithClaims(new Dictionary<string, object> { ["sub"] = "user-1", ["org"] = OrgA, ["scope"] = TestTokens.ReadWrite }))
            .SetName("Token with a malformed sub is 401");
        yield return new TestCaseData(TestTokens.WithClaims(new Dictionary<string, object> { ["sub"] = UserA, ["org"] = "ORG", ["scope"] = TestTokens.ReadWrite }))
            .SetName("Token with a malformed org is 401");
    }

    [TestCaseSource(nameof(InvalidTokens))]
    public async Task Invalid_or_missing_token_is_401_with_a_bearer_challenge(string? token)
    {
        using var client = token is null ? Anonymous() : ClientWithToken(token);

        foreach (var (method, path, body) in new (HttpMethod, string, string?)[]
                 {
                     (HttpMethod.Get, "/api/webchats", null),
                     (HttpMethod.Post, "/api/webchats", """{"name":"x"}"""),
                     (HttpMethod.Get, $"/api/webchats/{MissingId}", null),
                     (HttpMethod.Put, $"/api/webchats/{MissingId}", "{}"),
                     (HttpMethod.Patch, $"/api/webchats/{MissingId}", "{}"),
                     (HttpMethod.Delete, $"/api/webchats/{MissingId}", null),
                 })
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json(body) };
            using var response = await client.SendAsync(request);
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"), $"{method} {path}");
        }
    }

    [Test]
    public async Task Read_only_token_can_read_but_every_write_is_403()
    {
        using var writer = ClientFor();
        var id = (await CreateWebchatAsync(writer)).GetProperty("_id").GetString();
        using var reader = ClientFor(scopes: "webchats:read");

        using var list = await reader.GetAsync("/api/webchats");
        using var get = await reader.GetAsync($"/api/webchats/{id}");
        using var post = await reader.PostAsync("/api/webchats", Json("""{"name":"x"}"""));
        using var put = await reader.PutAsync($"/api/webchats/{id}", Json("""{"name":"y"}"""));
        using var delete = await reader.DeleteAsync($"/api/webchats/{id}");

        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(post, HttpStatusCode.Forbidden);
        await AssertProblemAsync(put, HttpStatusCode.Forbidden);
        await AssertProblemAsync(delete, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Write_only_token_cannot_read()
    {
        using var client = ClientFor(scopes: "webchats:write");
        using var list = await client.GetAsync("/api/webchats");
        using var get = await client.GetAsync($"/api/webchats/{MissingId}");
        await AssertProblemAsync(list, HttpStatusCode.Forbidden);
        await AssertProblemAsync(get, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Health_and_openapi_need_no_token()
    {
        using var client = Anonymous();
        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");
        using var openApi = await client.GetAsync("/openapi/v1.json");
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(openApi.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Unknown_route_is_a_404_problem()
    {
        using var client = ClientFor();
        using var response = await client.GetAsync("/api/nothing-here");
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Scope_claim_as_a_json_array_is_understood()
    {
        using var client = ClientWithToken(TestTokens.WithClaims(new Dictionary<string, object>
        {
            ["sub"] = UserA, ["org"] = OrgA, ["scope"] = new[] { "webchats:read" },
        }));
        using var response = await client.GetAsync("/api/webchats");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
