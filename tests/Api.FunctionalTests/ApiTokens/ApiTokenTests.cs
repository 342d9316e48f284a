using System.Net;
using System.Text.Json;
using Webchats.Api.FunctionalTests.Infrastructure;

namespace Webchats.Api.FunctionalTests.ApiTokens;

/// <summary>Organization API tokens (<c>wct_…</c>) for back-office integrations.</summary>
public sealed class ApiTokenTests : FunctionalTest
{
    // A token gets only scopes its creator holds, so the admins here hold the webchat scopes too.
    private const string Manage = "webchats:read webchats:write tokens:manage";

    [TestCase("""{"name":"a","scopes":["webchats:read"],"expiresat":"2030-01-01T00:00:00Z"}""", "expiresat", "is not a known property")]
    [TestCase("""{"name":"a","name":"b","scopes":["webchats:read"]}""", "name", "is a duplicate property")]
    [TestCase("""{"name":"a","scopes":"webchats:read"}""", "scopes", "has a value that cannot be read")]
    public async Task A_token_body_is_read_with_the_serializers_strictness_and_answered_in_the_apis_words(string body, string key, string message)
    {
        using var admin = ClientFor(scopes: Manage);
        using var response = await admin.PostAsync("/api/tokens", Json(body));

        var errors = await AssertValidationErrorsAsync(response, key);
        Assert.That(errors.GetProperty(key)[0].GetString(), Is.EqualTo(message));
        using var list = await admin.GetAsync("/api/tokens");
        Assert.That((await ReadJsonAsync(list)).GetProperty("data").GetArrayLength(), Is.Zero, "nothing was created");
    }

    [Test]
    public async Task Create_shows_the_secret_once_and_the_list_never_does()
    {
        using var admin = ClientFor(scopes: Manage);
        using var created = await admin.PostAsync("/api/tokens", Json("""{"name":"ERP sync","scopes":["webchats:read","webchats:write"]}"""));

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var body = await ReadJsonAsync(created);
        var token = body.GetProperty("token").GetString()!;
        var data = body.GetProperty("data");
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("API token created"));
            Assert.That(token, Does.Match("^wct_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$"));
            Assert.That(token, Does.Contain(data.GetProperty("id").GetString()));
            Assert.That(data.GetProperty("organizationId").GetString(), Is.EqualTo(OrgA));
            Assert.That(data.GetProperty("createdBy").GetString(), Is.EqualTo(UserA));
            Assert.That(data.GetProperty("lastUsedAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(created.Headers.CacheControl?.NoStore, Is.True);
        });

        using var list = await admin.GetAsync("/api/tokens");
        var listed = await list.Content.ReadAsStringAsync();
        Assert.That(listed, Does.Contain(data.GetProperty("id").GetString()));
        Assert.That(listed, Does.Not.Contain(token[^43..]), "the secret is never shown again");
        Assert.That(listed, Does.Not.Contain("secretHash").IgnoreCase);
    }

    [Test]
    public async Task A_token_works_on_every_endpoint_with_the_tenancy_of_its_organization()
    {
        var token = await CreateTokenAsync("webchats:read webchats:write");
        using var integration = ClientWithToken(token);
        using var otherOrg = ClientFor(OrgB, UserB);
        var foreign = (await CreateWebchatAsync(otherOrg)).GetProperty("_id").GetString();

        var created = await CreateWebchatAsync(integration, """{"name":"From ERP"}""");
        var id = created.GetProperty("_id").GetString();
        using var put = await integration.PutAsync($"/api/webchats/{id}", Json("""{"offsetX":1}"""));
        using var list = await integration.GetAsync("/api/webchats");
        using var foreignRead = await integration.GetAsync($"/api/webchats/{foreign}");
        using var delete = await integration.DeleteAsync($"/api/webchats/{id}");

        var tokenId = token.Substring(4, 24);
        Assert.Multiple(async () =>
        {
            Assert.That(created.GetProperty("organizationId").GetString(), Is.EqualTo(OrgA));
            Assert.That(created.GetProperty("userId").GetString(), Is.EqualTo(tokenId), "the integration is the actor");
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await ReadJsonAsync(list)).GetProperty("data").GetArrayLength(), Is.EqualTo(1));
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        });
        await AssertProblemAsync(foreignRead, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_read_only_token_cannot_write_and_no_token_can_manage_tokens()
    {
        var token = await CreateTokenAsync("webchats:read");
        using var integration = ClientWithToken(token);

        using var read = await integration.GetAsync("/api/webchats");
        using var write = await integration.PostAsync("/api/webchats", Json("""{"name":"x"}"""));
        using var manage = await integration.GetAsync("/api/tokens");

        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(write, HttpStatusCode.Forbidden);
        await AssertProblemAsync(manage, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Managing_tokens_needs_the_tokens_manage_scope_and_tokens_cannot_get_it()
    {
        using var plainUser = ClientFor();
        using var list = await plainUser.GetAsync("/api/tokens");
        await AssertProblemAsync(list, HttpStatusCode.Forbidden);

        using var admin = ClientFor(scopes: Manage);
        using var escalate = await admin.PostAsync("/api/tokens", Json("""{"name":"x","scopes":["tokens:manage"]}"""));
        await AssertValidationErrorsAsync(escalate, "scopes");
    }

    [Test]
    public async Task Whether_a_caller_is_an_API_token_is_decided_by_the_scheme_not_by_a_claim()
    {
        // A user's JWT that says it came from an API token is still a user's JWT: it may manage tokens.
        var jwt = TestTokens.WithClaims(new Dictionary<string, object>
        {
            ["sub"] = UserA, ["org"] = OrgA, ["scope"] = Manage, ["amr"] = "ApiToken",
        });
        using var user = ClientWithToken(jwt);
        using var list = await user.GetAsync("/api/tokens");

        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK), await list.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Revocation_takes_effect_on_the_next_request()
    {
        var token = await CreateTokenAsync("webchats:read");
        using var integration = ClientWithToken(token);
        using var before = await integration.GetAsync("/api/webchats");
        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var admin = ClientFor(scopes: Manage);
        using var revoke = await admin.DeleteAsync($"/api/tokens/{token.Substring(4, 24)}");
        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        using var after = await integration.GetAsync("/api/webchats");
        await AssertProblemAsync(after, HttpStatusCode.Unauthorized);
        Assert.That(after.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"));
    }

    [Test]
    public async Task Another_organization_cannot_revoke_or_see_a_token()
    {
        var token = await CreateTokenAsync("webchats:read");
        using var otherAdmin = ClientFor(OrgB, UserB, Manage);

        using var revoke = await otherAdmin.DeleteAsync($"/api/tokens/{token.Substring(4, 24)}");
        using var list = await otherAdmin.GetAsync("/api/tokens");

        await AssertProblemAsync(revoke, HttpStatusCode.NotFound);
        Assert.That((await ReadJsonAsync(list)).GetProperty("data").GetArrayLength(), Is.Zero);
        using var stillWorks = await ClientWithToken(token).GetAsync("/api/webchats");
        Assert.That(stillWorks.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_token_stops_working_when_it_expires()
    {
        using var admin = ClientFor(scopes: Manage);
        using var created = await admin.PostAsync("/api/tokens", Json("""{"name":"short","scopes":["webchats:read"],"expiresAt":"2026-03-12T11:00:00.000Z"}"""));
        var token = (await ReadJsonAsync(created)).GetProperty("token").GetString()!;
        using var integration = ClientWithToken(token);

        using var valid = await integration.GetAsync("/api/webchats");
        TestEnvironment.Clock.Advance(TimeSpan.FromHours(1));
        using var expired = await integration.GetAsync("/api/webchats");

        Assert.That(valid.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(expired, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task An_expiry_in_the_past_is_400()
    {
        using var admin = ClientFor(scopes: Manage);
        using var response = await admin.PostAsync("/api/tokens", Json("""{"name":"x","scopes":["webchats:read"],"expiresAt":"2020-01-01T00:00:00Z"}"""));
        await AssertValidationErrorsAsync(response, "expiresAt");
    }

    [Test]
    public async Task Tampered_unknown_or_malformed_tokens_are_401()
    {
        var token = await CreateTokenAsync("webchats:read");
        var tamperedSecret = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        var unknownId = "wct_" + MissingId + token[28..];

        foreach (var candidate in new[] { tamperedSecret, unknownId, "wct_", "wct_zz_yy", token + "x" })
        {
            using var client = ClientWithToken(candidate);
            using var response = await client.GetAsync("/api/webchats");
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        }
    }

    [Test]
    public async Task Last_use_is_recorded_at_most_once_a_minute()
    {
        var token = await CreateTokenAsync("webchats:read");
        using var integration = ClientWithToken(token);
        using var admin = ClientFor(scopes: Manage);

        using var first = await integration.GetAsync("/api/webchats");
        TestEnvironment.Clock.Advance(TimeSpan.FromSeconds(30));
        using var second = await integration.GetAsync("/api/webchats");
        Assert.That(await LastUsedAsync(admin), Is.EqualTo("2026-03-12T10:00:00.000Z"));

        TestEnvironment.Clock.Advance(TimeSpan.FromSeconds(31));
        using var third = await integration.GetAsync("/api/webchats");
        Assert.That(await LastUsedAsync(admin), Is.EqualTo("2026-03-12T10:01:01.000Z"));
    }

    [Test]
    public async Task No_log_line_ever_contains_a_token_or_its_secret()
    {
        using var admin = ClientFor(scopes: Manage);
        using var created = await admin.PostAsync("/api/tokens", Json("""{"name":"log check","scopes":["webchats:read","webchats:write"]}"""));
        var token = (await ReadJsonAsync(created)).GetProperty("token").GetString()!;
        var secret = token[^43..];
        var jwt = TestTokens.For(OrgA, UserA, Manage);

        using (var integration = ClientWithToken(token))
        {
            await CreateWebchatAsync(integration);
            using var list = await integration.GetAsync("/api/webchats");
        }

        using (var wrong = ClientWithToken(token[..^2] + "zz"))
        {
            using var refused = await wrong.GetAsync("/api/webchats");
        }

        using (var badJwt = ClientWithToken(jwt[..^3] + "abc"))
        {
            using var refused = await badJwt.GetAsync("/api/webchats");
        }

        var lines = TestEnvironment.Logs.Lines;
        Assert.That(lines, Is.Not.Empty, "the capture must see the API's logs for this test to mean anything");
        Assert.That(lines, Has.Some.Contains("/api/webchats"), "request logging is captured");
        Assert.That(lines, Has.None.Contains(secret));
        Assert.That(lines, Has.None.Contains(secret[..20]));
        Assert.That(lines, Has.None.Contains(jwt.Split('.')[2]));
    }

    private static async Task<string> CreateTokenAsync(string scopes)
    {
        using var admin = ClientFor(scopes: Manage);
        var scopeList = JsonSerializer.Serialize(scopes.Split(' '));
        using var response = await admin.PostAsync("/api/tokens", Json($$"""{"name":"integration","scopes":{{scopeList}}}"""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await ReadJsonAsync(response)).GetProperty("token").GetString()!;
    }

    private static async Task<string?> LastUsedAsync(HttpClient admin)
    {
        using var list = await admin.GetAsync("/api/tokens");
        return (await ReadJsonAsync(list)).GetProperty("data")[0].GetProperty("lastUsedAt").GetString();
    }
}
